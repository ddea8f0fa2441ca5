package io.yingji.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code max} events per key (e.g. a client address) within a sliding window: the abuse limit of
 * the public forms. Kept in memory per instance: behind several instances the effective limit is per
 * instance, which still stops a script hammering one of them. Call {@link #forgetQuiet()} now and then
 * so keys with nothing inside the window do not pile up.
 */
public final class SlidingWindowLimit {

    private final int max;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    public SlidingWindowLimit(int max, Duration window, Clock clock) {
        this.max = max;
        this.window = window;
        this.clock = clock;
    }

    /** Counts an event for {@code key}; false (and not counted) when the key is at its limit. */
    public boolean allow(String key) {
        return allow(key, max);
    }

    /** As {@link #allow(String)} with another maximum for this key (e.g. uploads, several per report). */
    public boolean allow(String key, int maximum) {
        Instant now = clock.instant();
        Deque<Instant> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(window))) {
                times.pollFirst();
            }
            if (times.size() >= maximum) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }

    /** Forgets keys with no event inside the window. */
    public void forgetQuiet() {
        Instant since = clock.instant().minus(window);
        recent.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                Instant last = entry.getValue().peekLast();
                return last == null || last.isBefore(since);
            }
        });
    }

    public int keysRemembered() {
        return recent.size();
    }

    public int max() {
        return max;
    }
}
