package io.yingji.hazard.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    private final int max;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    PublicReportLimit(@Value("${yingji.hazard.public-reports-per-window:5}") int max,
                      @Value("${yingji.hazard.public-report-window:PT10M}") Duration window, Clock clock) {
        this.max = max;
        this.window = window;
        this.clock = clock;
    }

    /** Forgets addresses with no report inside the window, so the map does not grow with every visitor. */
    @Scheduled(fixedDelayString = "${yingji.hazard.public-report-window:PT10M}")
    void forgetQuietAddresses() {
        Instant since = clock.instant().minus(window);
        recent.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                Instant last = entry.getValue().peekLast();
                return last == null || last.isBefore(since);
            }
        });
    }

    int addressesRemembered() {
        return recent.size();
    }

    /** Counts a report from {@code address}; false when the address is over its limit. */
    boolean allow(String address) {
        return allow(address, max);
    }

    /** Counts a photo upload from {@code address}: up to three per report's worth of the limit. */
    boolean allowUpload(String address) {
        return allow("upload " + address, max * 3);
    }

    private boolean allow(String key, int max) {
        Instant now = clock.instant();
        Deque<Instant> times = recent.computeIfAbsent(key, a -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(window))) {
                times.pollFirst();
            }
            if (times.size() >= max) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }
}
