package io.yingji.hazard;

import org.jspecify.annotations.Nullable;

/** A hazard report as submitted, by a user or by the public; validation decides what is missing. */
public record HazardReport(@Nullable String title, @Nullable String description, @Nullable String regionCode,
                           @Nullable Long enterpriseId, @Nullable String source, @Nullable Double longitude,
                           @Nullable Double latitude, @Nullable String contactName, @Nullable String contactPhone) {
}
