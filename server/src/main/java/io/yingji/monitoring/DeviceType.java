package io.yingji.monitoring;

/**
 * Kinds of monitoring device (001 专栏9 末端感知, 004 专栏4), each with the metric it reports by
 * default, its unit, and how often it usually reports.
 */
public enum DeviceType {
    COMBUSTIBLE_GAS("lel", "%LEL", 30),
    TOXIC_GAS("ppm", "ppm", 30),
    WATER_LEVEL("level", "m", 300),
    RAINFALL("rain", "mm/h", 300),
    PRESSURE("pressure", "MPa", 30),
    TEMPERATURE("temperature", "℃", 60),
    TANK_LEVEL("level", "%", 60),
    STRAIN("strain", "με", 300),
    VIDEO(null, null, 0);

    private final String metric;
    private final String unit;
    private final int intervalSeconds;

    DeviceType(String metric, String unit, int intervalSeconds) {
        this.metric = metric;
        this.unit = unit;
        this.intervalSeconds = intervalSeconds;
    }

    /** The metric name in readings, e.g. {@code lel}; null for video points, which send no readings. */
    public @org.jspecify.annotations.Nullable String metric() {
        return metric;
    }

    public @org.jspecify.annotations.Nullable String unit() {
        return unit;
    }

    /** The usual reporting interval in seconds (0: does not report). */
    public int intervalSeconds() {
        return intervalSeconds;
    }
}
