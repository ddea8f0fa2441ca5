package io.yingji.risk;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Grades an assessment. LEC: D = L·E·C with L, E, C from the method's tables; 红 when D is above the
 * red threshold, 橙 above the orange one, 黄 above the yellow one, else 蓝 ("above" excludes the
 * threshold itself: D = 320 is 橙). Risk matrix: R = L·S with L, S in 1..5; a band starts at its
 * threshold (R = 20 is 红).
 */
public final class RiskGrading {

    public enum Method { LEC, LS }

    /** A graded assessment: the score (D or R) and its level. */
    public record Grade(BigDecimal score, RiskLevel level) {
    }

    public static final List<BigDecimal> LEC_L = decimals("10", "6", "3", "1", "0.5", "0.2", "0.1");
    public static final List<BigDecimal> LEC_E = decimals("10", "6", "3", "2", "1", "0.5");
    public static final List<BigDecimal> LEC_C = decimals("100", "40", "15", "7", "3", "1");
    public static final List<BigDecimal> MATRIX = decimals("1", "2", "3", "4", "5");

    private final RiskSettings settings;

    public RiskGrading(RiskSettings settings) {
        this.settings = settings;
    }

    /** Whether the values are ones the method allows (L, E, C from the LEC tables; L, S in 1..5). */
    public static boolean allowed(Method method, @Nullable BigDecimal l, @Nullable BigDecimal e, @Nullable BigDecimal c,
                                  @Nullable BigDecimal s) {
        return switch (method) {
            case LEC -> in(LEC_L, l) && in(LEC_E, e) && in(LEC_C, c);
            case LS -> in(MATRIX, l) && in(MATRIX, s);
        };
    }

    public Grade grade(Method method, BigDecimal l, @Nullable BigDecimal e, @Nullable BigDecimal c, @Nullable BigDecimal s) {
        return switch (method) {
            case LEC -> {
                BigDecimal d = l.multiply(e).multiply(c);
                yield new Grade(d, lecLevel(d));
            }
            case LS -> {
                BigDecimal r = l.multiply(s);
                yield new Grade(r, matrixLevel(r));
            }
        };
    }

    public RiskLevel lecLevel(BigDecimal d) {
        if (d.compareTo(settings.lecRedAbove()) > 0) {
            return RiskLevel.RED;
        }
        if (d.compareTo(settings.lecOrangeAbove()) > 0) {
            return RiskLevel.ORANGE;
        }
        if (d.compareTo(settings.lecYellowAbove()) > 0) {
            return RiskLevel.YELLOW;
        }
        return RiskLevel.BLUE;
    }

    public RiskLevel matrixLevel(BigDecimal r) {
        if (r.compareTo(settings.matrixRedFrom()) >= 0) {
            return RiskLevel.RED;
        }
        if (r.compareTo(settings.matrixOrangeFrom()) >= 0) {
            return RiskLevel.ORANGE;
        }
        if (r.compareTo(settings.matrixYellowFrom()) >= 0) {
            return RiskLevel.YELLOW;
        }
        return RiskLevel.BLUE;
    }

    private static boolean in(List<BigDecimal> allowed, @Nullable BigDecimal value) {
        return value != null && allowed.stream().anyMatch(a -> a.compareTo(value) == 0);
    }

    private static List<BigDecimal> decimals(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }
}
