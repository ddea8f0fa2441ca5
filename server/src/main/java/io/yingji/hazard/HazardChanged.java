package io.yingji.hazard;

import org.jspecify.annotations.Nullable;

/** A hazard was reported or took a step of its loop (including escalation); its enterprise's standing may change. */
public record HazardChanged(long hazardId, @Nullable Long enterpriseId, String regionCode, String status) {
}
