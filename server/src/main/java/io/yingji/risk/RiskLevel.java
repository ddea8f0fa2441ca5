package io.yingji.risk;

/** The four colours of risk, highest first: 红(重大) 橙(较大) 黄(一般) 蓝(低). */
public enum RiskLevel {
    RED, ORANGE, YELLOW, BLUE;

    /** The higher of two levels. */
    public RiskLevel max(RiskLevel other) {
        return ordinal() <= other.ordinal() ? this : other;
    }
}
