package io.yingji.risk;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Grading thresholds. They are configuration, not code, because regions adopt different standards
 * (some map D &gt; 160 to 红).
 *
 * @param lecRedAbove     LEC: D above this is 红 (default 320)
 * @param lecOrangeAbove  LEC: D above this (and not red) is 橙 (default 160)
 * @param lecYellowAbove  LEC: D above this (and not orange) is 黄 (default 70); the rest is 蓝
 * @param matrixRedFrom   risk matrix: R = L·S from this is 红 (default 20)
 * @param matrixOrangeFrom risk matrix: R from this is 橙 (default 15)
 * @param matrixYellowFrom risk matrix: R from this is 黄 (default 9); the rest is 蓝
 */
@ConfigurationProperties("yingji.risk")
public record RiskSettings(BigDecimal lecRedAbove, BigDecimal lecOrangeAbove, BigDecimal lecYellowAbove,
                           BigDecimal matrixRedFrom, BigDecimal matrixOrangeFrom, BigDecimal matrixYellowFrom) {

    public RiskSettings {
        lecRedAbove = lecRedAbove == null ? BigDecimal.valueOf(320) : lecRedAbove;
        lecOrangeAbove = lecOrangeAbove == null ? BigDecimal.valueOf(160) : lecOrangeAbove;
        lecYellowAbove = lecYellowAbove == null ? BigDecimal.valueOf(70) : lecYellowAbove;
        matrixRedFrom = matrixRedFrom == null ? BigDecimal.valueOf(20) : matrixRedFrom;
        matrixOrangeFrom = matrixOrangeFrom == null ? BigDecimal.valueOf(15) : matrixOrangeFrom;
        matrixYellowFrom = matrixYellowFrom == null ? BigDecimal.valueOf(9) : matrixYellowFrom;
    }

    public static RiskSettings defaults() {
        return new RiskSettings(null, null, null, null, null, null);
    }
}
