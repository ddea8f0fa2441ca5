package io.yingji.warning;

import io.yingji.shared.GeoPoint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Published warnings for other modules (targeting and delivery resolve recipients from the areas). */
public interface WarningPublication {

    /** A warning message that has been published (any state since), in any scope: for the platform's own work. */
    Optional<PublishedWarning> published(long warningId);

    record PublishedWarning(long id, String identifier, String sender, Instant sent, String msgType, String status, String scope,
                            @Nullable String restriction, List<String> addresses, @Nullable WarningLevel level, String severity,
                            String urgency, String certainty, String event, @Nullable String headline,
                            @Nullable String description, @Nullable String instruction, @Nullable Instant expires,
                            String regionCode, String state, List<Area> areas) {
    }

    /**
     * One area of a warning: {@code regionCode} for a region, {@code polygons} (closed rings) for a polygon or
     * a zone, {@code center} and {@code radiusKm} for a circle.
     */
    record Area(String kind, String areaDesc, @Nullable String regionCode, List<List<GeoPoint>> polygons,
                @Nullable GeoPoint center, @Nullable Double radiusKm) {
    }
}
