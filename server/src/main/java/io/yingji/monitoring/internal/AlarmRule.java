package io.yingji.monitoring.internal;

import org.jspecify.annotations.Nullable;

/**
 * One alarm rule as evaluated: {@code ABOVE}/{@code BELOW} a threshold for at least
 * {@code durationSeconds}, {@code RATE} of change per minute beyond the threshold (either way), or
 * {@code OFFLINE} (no reading within the duration, or twice the device's interval when 0). An active
 * alarm recovers only once the value is back past the threshold by {@code hysteresis}.
 */
record AlarmRule(long id, String metric, Kind kind, int level, @Nullable Double threshold, int durationSeconds,
                 double hysteresis) {

    enum Kind { ABOVE, BELOW, RATE, OFFLINE }

    /** Whether a value breaches the rule: entering (not yet active) or staying in (active, with hysteresis). */
    boolean breaches(double value, boolean active) {
        double t = threshold == null ? 0 : threshold;
        return switch (kind) {
            case ABOVE -> active ? value > t - hysteresis : value > t;
            case BELOW -> active ? value < t + hysteresis : value < t;
            case RATE -> active ? Math.abs(value) > t - hysteresis : Math.abs(value) > t;
            case OFFLINE -> false;
        };
    }
}
