package io.yingji.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Work done "as of" a past moment on this thread: the platform's clock answers that moment while the
 * work runs, so a history written through the modules' real workflows (the demo city's hazards, reported
 * weeks ago and closed since) carries the times it would have had. Every other thread keeps the real time.
 * Only the platform's own start-up (the demo city) uses it; requests never do.
 */
public final class AsOf {

    private static final ThreadLocal<@Nullable Instant> MOMENT = new ThreadLocal<>();

    private AsOf() {
    }

    /** Runs {@code work} with the clock standing at {@code moment} on this thread. */
    public static <T> T run(Instant moment, Supplier<T> work) {
        Instant previous = MOMENT.get();
        MOMENT.set(moment);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                MOMENT.remove();
            } else {
                MOMENT.set(previous);
            }
        }
    }

    /** The moment this thread's work stands at, or null for the real time. */
    public static @Nullable Instant current() {
        return MOMENT.get();
    }

    /** A UTC clock that answers {@link #current()} while set, else {@code base}'s time. */
    public static Clock over(Clock base) {
        return new Clock() {
            @Override
            public Instant instant() {
                Instant moment = MOMENT.get();
                return moment != null ? moment : base.instant();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("the platform works in UTC instants");
            }
        };
    }
}
