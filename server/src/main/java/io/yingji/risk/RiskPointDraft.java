package io.yingji.risk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A risk point as submitted: what it is, how it was assessed (LEC: L, E, C; risk matrix LS: L, S),
 * how it is controlled and who answers for it. Validation decides what is missing. The server's own
 * fields of {@link RiskPoint} are accepted and ignored, so a risk point as read can be sent back as it is.
 */
@JsonIgnoreProperties({"id", "enterpriseId", "enterpriseName", "regionCode", "score", "level", "assessedAt", "assessedBy"})
public record RiskPointDraft(
        @Nullable String name,
        @Nullable String location,
        @Nullable String category,
        @Nullable String hazardFactors,
        @Nullable String method,
        @Nullable BigDecimal l,
        @Nullable BigDecimal e,
        @Nullable BigDecimal c,
        @Nullable BigDecimal s,
        @Nullable String controlMeasures,
        @Nullable String responsiblePerson,
        @Nullable String responsiblePhone,
        @Nullable Integer version) {
}
