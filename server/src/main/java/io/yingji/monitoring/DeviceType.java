package io.yingji.monitoring;

/**
 * Kinds of monitoring device (001 专栏9 末端感知, 004 专栏4), each with the metric it reports by
 * default, its unit, and how often it usually reports.
 */
public enum DeviceType {
    COMBUSTIBLE_GAS("可燃气体", "lel", "%LEL", 30),
    TOXIC_GAS("有毒气体", "ppm", "ppm", 30),
    WATER_LEVEL("水位", "level", "m", 300),
    RAINFALL("雨量", "rain", "mm/h", 300),
    PRESSURE("压力", "pressure", "MPa", 30),
    TEMPERATURE("温度", "temperature", "℃", 60),
    TANK_LEVEL("储罐液位", "level", "%", 60),
    STRAIN("应变（桥梁/边坡/管道）", "strain", "με", 300),
    VIDEO("视频监控", null, null, 0);

    private final String nameZh;
    private final String metric;
    private final String unit;
    private final int intervalSeconds;

    DeviceType(String nameZh, String metric, String unit, int intervalSeconds) {
        this.nameZh = nameZh;
        this.metric = metric;
        this.unit = unit;
        this.intervalSeconds = intervalSeconds;
    }

    /** The Chinese name, as the list and its export show it. */
    public String nameZh() {
        return nameZh;
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
