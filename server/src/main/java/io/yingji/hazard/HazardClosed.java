package io.yingji.hazard;

/** A hazard was accepted and signed off (销号). */
public record HazardClosed(long hazardId, String regionCode, @org.jspecify.annotations.Nullable Long enterpriseId) {
}
