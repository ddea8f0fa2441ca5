package io.yingji.hazard;

/** A hazard passed its deadline and was escalated to {@code supervisedBy}. */
public record HazardOverdue(long hazardId, String regionCode, SupervisionLevel supervisedBy) {
}
