package io.yingji.risk;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A risk point with its current grade (风险清单 + 防控清单 + 责任清单 in one row). */
public record RiskPoint(
        long id,
        long enterpriseId,
        String enterpriseName,
        String regionCode,
        String name,
        @Nullable String location,
        String category,
        @Nullable String hazardFactors,
        String method,
        BigDecimal l,
        @Nullable BigDecimal e,
        @Nullable BigDecimal c,
        @Nullable BigDecimal s,
        BigDecimal score,
        RiskLevel level,
        String controlMeasures,
        String responsiblePerson,
        String responsiblePhone,
        Instant assessedAt,
        String assessedBy,
        int version) {
}
