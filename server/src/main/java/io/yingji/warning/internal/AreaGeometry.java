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

    /**
     * Whether a closed ring and a box share any point: a vertex of one inside the other, or crossing edges.
     * Used to keep drawn areas within the drafter's jurisdiction.
     */
    static boolean intersects(BoundingBox box, List<GeoPoint> ring) {
        for (GeoPoint p : ring) {
            if (box.contains(p)) {
                return true;
            }
        }
        GeoPoint[] corners = {new GeoPoint(box.minLongitude(), box.minLatitude()), new GeoPoint(box.maxLongitude(), box.minLatitude()),
                new GeoPoint(box.maxLongitude(), box.maxLatitude()), new GeoPoint(box.minLongitude(), box.maxLatitude())};
        for (GeoPoint corner : corners) {
            if (inRing(ring, corner.longitude(), corner.latitude())) {
                return true;
            }
        }
        for (int i = 0; i + 1 < ring.size(); i++) {
            for (int c = 0; c < 4; c++) {
                if (cross(ring.get(i), ring.get(i + 1), corners[c], corners[(c + 1) % 4])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a circle reaches into a box: the box's point nearest the centre lies within the radius. */
    static boolean intersects(BoundingBox box, GeoPoint center, double radiusKm) {
        double lon = Math.max(box.minLongitude(), Math.min(box.maxLongitude(), center.longitude()));
        double lat = Math.max(box.minLatitude(), Math.min(box.maxLatitude(), center.latitude()));
        return distanceKm(center.latitude(), center.longitude(), lat, lon) <= radiusKm;
    }

    /** Whether segments ab and cd meet (touching counts). */
    private static boolean cross(GeoPoint a, GeoPoint b, GeoPoint c, GeoPoint d) {
        double d1 = side(c, d, a);
        double d2 = side(c, d, b);
        double d3 = side(a, b, c);
        double d4 = side(a, b, d);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
            return true;
        }
        return (d1 == 0 && onSegment(c, d, a)) || (d2 == 0 && onSegment(c, d, b))
                || (d3 == 0 && onSegment(a, b, c)) || (d4 == 0 && onSegment(a, b, d));
    }

    private static double side(GeoPoint a, GeoPoint b, GeoPoint p) {
        return (b.longitude() - a.longitude()) * (p.latitude() - a.latitude()) - (b.latitude() - a.latitude()) * (p.longitude() - a.longitude());
    }

    private static boolean onSegment(GeoPoint a, GeoPoint b, GeoPoint p) {
        return Math.min(a.longitude(), b.longitude()) <= p.longitude() && p.longitude() <= Math.max(a.longitude(), b.longitude())
                && Math.min(a.latitude(), b.latitude()) <= p.latitude() && p.latitude() <= Math.max(a.latitude(), b.latitude());
    }
}
