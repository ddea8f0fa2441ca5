package io.yingji.risk;

import java.util.Map;

/** Risk points for other modules (the demo city, later the safety code and the area index). */
public interface RiskRegister {

    RiskPoint register(long enterpriseId, RiskPointDraft draft);

    /** The risk level of each enterprise in scope that has risk points: the highest of its points. */
    Map<Long, RiskLevel> enterpriseLevels(@org.jspecify.annotations.Nullable String regionCode);

    /** The enterprise's risk level (highest of its points), empty when it has none; any scope: for derived figures. */
    java.util.Optional<RiskLevel> levelOf(long enterpriseId);
}
