package io.yingji.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryBackoffTests {

    @Test
    void delaysDoubleAfterEachFailureUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), 0, () -> 0.5);
        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.after(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(backoff.after(6)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.after(1000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jitterOnlyShortensTheDelayByAtMostItsFraction() {
        Backoff longest = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), 0.2, () -> 0.0);
        Backoff shortest = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), 0.2, () -> 0.9999);
        assertThat(longest.after(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(shortest.after(2)).isBetween(Duration.ofSeconds(16), Duration.ofSeconds(20));
        assertThat(new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5)).after(3)).isBetween(Duration.ofSeconds(32), Duration.ofSeconds(40));
    }

    @Test
    void signaturesVerifyOnlyTheSignedTimestampAndBody() {
        byte[] body = "{\"a\":1}".getBytes();
        String signature = Signatures.sign("secret", "1700000000", body);
        assertThat(signature).startsWith("sha256=").hasSize(7 + 64);
        assertThat(Signatures.verify("secret", "1700000000", body, signature)).isTrue();
        assertThat(Signatures.verify("secret", "1700000001", body, signature)).isFalse();
        assertThat(Signatures.verify("other", "1700000000", body, signature)).isFalse();
        assertThat(Signatures.verify("secret", "1700000000", "{\"a\":2}".getBytes(), signature)).isFalse();
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertThat(HttpPost.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(HttpPost.retryAfter(null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(HttpPost.retryAfter("soon")).isEqualTo(Duration.ofSeconds(1));
        String inTenSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(10));
        assertThat(HttpPost.retryAfter(inTenSeconds)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
    }
}
