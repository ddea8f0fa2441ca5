package io.yingji.warning.internal;

import io.yingji.shared.BoundingBox;
import io.yingji.shared.GeoPoint;
import io.yingji.warning.WarningPublication.Area;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Whether a place lies in a warning's polygon or circle, and the coarse box around either (for a first
 * filter in SQL and for the regions a shape touches). Plain spherical arithmetic: areas are tens of
 * kilometres at most, far below where the earth's flattening matters.
 */
final class AreaGeometry {

    static final double EARTH_RADIUS_KM = 6371.0088;

    private AreaGeometry() {
    }

    /** Whether the point lies in the area (a polygon or zone: any of its rings; a circle: within the radius). */
    static boolean contains(Area area, double longitude, double latitude) {
        if (area.center() != null && area.radiusKm() != null) {
            return distanceKm(area.center().latitude(), area.center().longitude(), latitude, longitude) <= area.radiusKm();
        }
        for (List<GeoPoint> ring : area.polygons()) {
            if (inRing(ring, longitude, latitude)) {
                return true;
            }
        }
        return false;
    }

    /** Even-odd ray casting on longitude/latitude (fine at these sizes, away from the poles and the date line). */
    static boolean inRing(List<GeoPoint> ring, double longitude, double latitude) {
        boolean inside = false;
        for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            GeoPoint a = ring.get(i);
            GeoPoint b = ring.get(j);
            if ((a.latitude() > latitude) != (b.latitude() > latitude)
                    && longitude < (b.longitude() - a.longitude()) * (latitude - a.latitude()) / (b.latitude() - a.latitude()) + a.longitude()) {
                inside = !inside;
            }
        }
        return inside;
    }

    /** Great-circle distance (haversine). */
    static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** The box around a polygon or circle area; null for a region area. */
    static @Nullable BoundingBox boxOf(Area area) {
        if (area.center() != null && area.radiusKm() != null) {
            double dLat = Math.toDegrees(area.radiusKm() / EARTH_RADIUS_KM);
            double dLon = dLat / Math.max(0.01, Math.cos(Math.toRadians(area.center().latitude())));
            return new BoundingBox(area.center().longitude() - dLon, area.center().latitude() - dLat,
                    area.center().longitude() + dLon, area.center().latitude() + dLat);
        }
        if (area.polygons().isEmpty()) {
            return null;
        }
        double minLon = 180;
        double minLat = 90;
        double maxLon = -180;
        double maxLat = -90;
        for (List<GeoPoint> ring : area.polygons()) {
            for (GeoPoint p : ring) {
                minLon = Math.min(minLon, p.longitude());
                maxLon = Math.max(maxLon, p.longitude());
                minLat = Math.min(minLat, p.latitude());
                maxLat = Math.max(maxLat, p.latitude());
            }
        }
        return new BoundingBox(minLon, minLat, maxLon, maxLat);
    }

    static boolean overlap(BoundingBox a, BoundingBox b) {
        return a.minLongitude() <= b.maxLongitude() && b.minLongitude() <= a.maxLongitude()
                && a.minLatitude() <= b.maxLatitude() && b.minLatitude() <= a.maxLatitude();
    }
}
