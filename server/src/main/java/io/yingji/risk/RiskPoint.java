package io.yingji.risk;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A risk point with its current grade (风险清单 + 防控清单 + 责任清单 in one row). */
public record RiskPoint(
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) long id,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) long enterpriseId,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) String enterpriseName,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) String regionCode,
        String name,
        @Nullable String location,
        String category,
        @Nullable String hazardFactors,
        String method,
        BigDecimal l,
        @Nullable BigDecimal e,
        @Nullable BigDecimal c,
        @Nullable BigDecimal s,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) BigDecimal score,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) RiskLevel level,
        String controlMeasures,
        String responsiblePerson,
        String responsiblePhone,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant assessedAt,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) String assessedBy,
        int version) {
}
