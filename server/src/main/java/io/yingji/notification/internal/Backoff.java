package io.yingji.notification.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff between attempts on one channel: {@code initial} after the first failure,
 * doubled after each further one, never more than {@code max}; each delay is shortened by up to
 * {@code jitter} (a fraction) at random so that tasks failed together do not retry together.
 */
record Backoff(Duration initial, Duration max, double jitter, DoubleSupplier random) {

    Backoff(Duration initial, Duration max) {
        this(initial, max, 0.2, Math::random);
    }

    /** The delay before the next attempt after {@code failedAttempts} (≥ 1) failed ones. */
    Duration after(int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
        long millis = initial.toMillis();
        long capped = doublings >= 62 || millis > (max.toMillis() >> doublings) ? max.toMillis() : Math.min(max.toMillis(), millis << doublings);
        long shortened = (long) (capped * jitter * random.getAsDouble());
        return Duration.ofMillis(capped - shortened);
    }
}
