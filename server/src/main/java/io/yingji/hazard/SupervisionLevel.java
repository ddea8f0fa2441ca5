package io.yingji.hazard;

/**
 * Who supervises (督办) a hazard and how long they give it (000 三(二)3: 市级 60 日、区县市 30 日、乡镇(街道) 15 日).
 */
public enum SupervisionLevel {
    TOWNSHIP(15, "乡镇（街道）"), COUNTY(30, "区县（市）"), CITY(60, "市级");

    private final int days;
    private final String nameZh;

    SupervisionLevel(int days, String nameZh) {
        this.days = days;
        this.nameZh = nameZh;
    }

    /** The Chinese name, as the hazard's history and the audit trail show it (e.g. 区县（市）). */
    public String nameZh() {
        return nameZh;
    }

    /** The longest time this level allows for closing a hazard, in calendar days. */
    public int days() {
        return days;
    }

    /** The next level up; the city is the top of the loop. */
    public SupervisionLevel higher() {
        return this == CITY ? CITY : values()[ordinal() + 1];
    }

    /** The level of a region: townships and villages are supervised by the township, counties by the county. */
    public static SupervisionLevel of(int regionLevel) {
        return regionLevel >= 4 ? TOWNSHIP : regionLevel == 3 ? COUNTY : CITY;
    }
}
