package io.yingji.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SlidingWindowLimitTests {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T02:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void allowsUpToTheMaximumPerKeyWithinTheWindowThenSlides() {
        SlidingWindowLimit limit = new SlidingWindowLimit(2, Duration.ofMinutes(10), clock);
        assertThat(limit.allow("a")).isTrue();
        now.set(now.get().plusSeconds(60));
        assertThat(limit.allow("a")).isTrue();
        assertThat(limit.allow("a")).as("third within ten minutes").isFalse();
        assertThat(limit.allow("b")).as("another key has its own count").isTrue();
        // the first event leaves the window: one more is allowed, not two
        now.set(now.get().plus(Duration.ofMinutes(9)).plusSeconds(1));
        assertThat(limit.allow("a")).isTrue();
        assertThat(limit.allow("a")).isFalse();
        assertThat(limit.allow("c", 0)).as("a maximum of its own for a key").isFalse();
    }

    @Test
    void forgetsKeysWithNothingInsideTheWindow() {
        SlidingWindowLimit limit = new SlidingWindowLimit(5, Duration.ofMinutes(10), clock);
        limit.allow("a");
        limit.allow("b");
        now.set(now.get().plus(Duration.ofMinutes(5)));
        limit.allow("b");
        now.set(now.get().plus(Duration.ofMinutes(6)));
        limit.forgetQuiet();
        assertThat(limit.keysRemembered()).isEqualTo(1);
    }
}
