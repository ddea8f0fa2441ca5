package io.yingji.risk;

/** A risk point was assessed (first or again); the enterprise's risk level may have changed. */
public record RiskAssessed(long riskPointId, long enterpriseId, String regionCode, RiskLevel level) {
}
