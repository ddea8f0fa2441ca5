package io.yingji.hazard.internal;

import io.yingji.shared.SlidingWindowLimit;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Abuse limit of the public report form: at most {@code max} reports per client address within the
 * window. Kept per instance in memory: behind several instances the effective limit is per instance,
 * which still stops a script hammering one of them.
 */
@Component
class PublicReportLimit {

    private final SlidingWindowLimit limit;

    PublicReportLimit(@Value("${yingji.hazard.public-reports-per-window:5}") int max,
                      @Value("${yingji.hazard.public-report-window:PT10M}") Duration window, Clock clock) {
        this.limit = new SlidingWindowLimit(max, window, clock);
    }

    /** Forgets addresses with no report inside the window, so the map does not grow with every visitor. */
    @Scheduled(fixedDelayString = "${yingji.hazard.public-report-window:PT10M}")
    void forgetQuietAddresses() {
        limit.forgetQuiet();
    }

    int addressesRemembered() {
        return limit.keysRemembered();
    }

    /** Counts a report from {@code address}; false when the address is over its limit. */
    boolean allow(String address) {
        return limit.allow(address);
    }

    /** Counts a photo upload from {@code address}: up to three per report's worth of the limit. */
    boolean allowUpload(String address) {
        return limit.allow("upload " + address, limit.max() * 3);
    }
}
