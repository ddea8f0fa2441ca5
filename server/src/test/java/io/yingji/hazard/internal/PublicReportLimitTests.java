package io.yingji.hazard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PublicReportLimitTests {

    private Instant now = Instant.parse("2026-11-23T02:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };
    private final PublicReportLimit limit = new PublicReportLimit(3, Duration.ofMinutes(10), clock);

    @Test
    void allowsTheLimitPerAddressWithinTheWindow() {
        assertThat(limit.allow("10.0.0.1")).isTrue();
        assertThat(limit.allow("10.0.0.1")).isTrue();
        assertThat(limit.allow("10.0.0.1")).isTrue();
        assertThat(limit.allow("10.0.0.1")).isFalse();
        assertThat(limit.allow("10.0.0.2")).as("another address").isTrue();
        now = now.plus(Duration.ofMinutes(11));
        assertThat(limit.allow("10.0.0.1")).as("after the window").isTrue();
    }

    @Test
    void forgetsQuietAddresses() {
        limit.allow("10.0.0.1");
        now = now.plus(Duration.ofMinutes(5));
        limit.allow("10.0.0.2");
        now = now.plus(Duration.ofMinutes(6));
        limit.forgetQuietAddresses();
        assertThat(limit.addressesRemembered()).isEqualTo(1);
    }
}
