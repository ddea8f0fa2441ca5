package io.yingji.risk;

import io.yingji.shared.GeoPoint;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Zones of the zoning layers (五色图) for other modules, e.g. a warning whose area is a high-risk zone. */
public interface RiskZones {

    /**
     * A zone the current caller may see (its layer is for the caller's region or one the caller contains),
     * with the outer ring of each of its polygons; empty when there is no such zone or it is out of sight.
     */
    Optional<Zone> visibleZone(long zoneId);

    /** One zone: {@code rings} are closed rings of longitude-latitude points, one per polygon (holes left out). */
    record Zone(long id, @Nullable String name, int grade, String layerName, String hazardType, List<List<GeoPoint>> rings) {
    }
}
