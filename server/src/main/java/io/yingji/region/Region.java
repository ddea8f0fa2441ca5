package io.yingji.region;

import io.yingji.shared.BoundingBox;
import io.yingji.shared.RegionCode;
import org.jspecify.annotations.Nullable;

/** One administrative division; {@code boundingBox} and {@code boundary} (GeoJSON) where known. */
public record Region(
        RegionCode code,
        String name,
        int level,
        @Nullable RegionCode parent,
        @Nullable BoundingBox boundingBox,
        @Nullable String boundary) {
}
