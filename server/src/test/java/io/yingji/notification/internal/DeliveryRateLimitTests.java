package io.yingji.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeliveryRateLimitTests {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aFullBucketGivesItsBurstAtOnceThenOnePermitPerInterval() {
        TokenBucket bucket = new TokenBucket(10, 3, now::get);
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isZero();
        // empty: the next permits are 100 ms apart, reserved in order of asking
        assertThat(bucket.reserve()).isEqualTo(100_000_000L);
        assertThat(bucket.reserve()).isEqualTo(200_000_000L);
        now.addAndGet(200_000_000L);
        assertThat(bucket.reserve()).isEqualTo(100_000_000L);
    }

    @Test
    void tokensRefillAtTheRateButNeverBeyondTheBurst() {
        TokenBucket bucket = new TokenBucket(100, 2, now::get);
        bucket.reserve();
        bucket.reserve();
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isEqualTo(10_000_000L);
    }

    @Test
    void aRetryAfterPausesTheChannelAndThenLetsOnlyOnePermitThrough() {
        TokenBucket bucket = new TokenBucket(10, 5, now::get);
        bucket.pauseFor(Duration.ofSeconds(2).toNanos());
        assertThat(bucket.reserve()).isEqualTo(2_000_000_000L);
        assertThat(bucket.reserve()).isEqualTo(2_100_000_000L);
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        // the pause is over and the bucket full again; a new, shorter pause holds for its own length only
        bucket.pauseFor(1_000);
        assertThat(bucket.reserve()).isEqualTo(1_000L);
        assertThat(bucket.reserve()).isEqualTo(1_000L + 100_000_000L);
    }

    @Test
    void refusesANonsenseLimit() {
        assertThatThrownBy(() -> new TokenBucket(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
