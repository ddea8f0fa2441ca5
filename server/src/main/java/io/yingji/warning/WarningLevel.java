package io.yingji.warning;

/**
 * The four warning levels of 《突发事件应对法》 and the CAP severity each maps to (requirements §5.5):
 * 红色 I 特别严重 → Extreme, 橙色 II 严重 → Severe, 黄色 III 较重 → Moderate, 蓝色 IV 一般 → Minor.
 */
public enum WarningLevel {
    RED("红色", "I", "Extreme"),
    ORANGE("橙色", "II", "Severe"),
    YELLOW("黄色", "III", "Moderate"),
    BLUE("蓝色", "IV", "Minor");

    private final String colour;
    private final String grade;
    private final String severity;

    WarningLevel(String colour, String grade, String severity) {
        this.colour = colour;
        this.grade = grade;
        this.severity = severity;
    }

    /** 红色, 橙色, 黄色, 蓝色. */
    public String colour() {
        return colour;
    }

    /** The Roman grade: I (highest) to IV. */
    public String grade() {
        return grade;
    }

    /** The CAP {@code severity} of this level. */
    public String severity() {
        return severity;
    }

    /** The level a CAP severity stands for; null for Unknown (an imported alert may not say). */
    public static @org.jspecify.annotations.Nullable WarningLevel ofSeverity(String severity) {
        for (WarningLevel level : values()) {
            if (level.severity.equals(severity)) {
                return level;
            }
        }
        return null;
    }
}
