package io.yingji.warning.internal;

import io.yingji.shared.GeoPoint;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The CAP 1.2 text forms of areas: a polygon is "lat,lon lat,lon …" (WGS 84, space-separated pairs, at
 * least 4, the first equal to the last), a circle is "lat,lon radius" with the radius in kilometres.
 * Parsing answers either the shape or the message key of what is wrong, never both.
 */
final class CapGeometry {

    private CapGeometry() {
    }

    record Parsed<T>(@Nullable T value, @Nullable String problem) {

        static <T> Parsed<T> ok(T value) {
            return new Parsed<>(value, null);
        }

        static <T> Parsed<T> wrong(String problem) {
            return new Parsed<>(null, problem);
        }
    }

    record Circle(GeoPoint center, double radiusKm) {
    }

    static Parsed<List<GeoPoint>> polygon(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return Parsed.wrong("warning.polygon.required");
        }
        List<GeoPoint> points = new ArrayList<>();
        for (String pair : text.strip().split("\\s+")) {
            GeoPoint point = point(pair);
            if (point == null) {
                return Parsed.wrong("warning.polygon.point");
            }
            points.add(point);
        }
        if (points.size() < 4) {
            return Parsed.wrong("warning.polygon.too-few");
        }
        if (!points.get(0).equals(points.get(points.size() - 1))) {
            return Parsed.wrong("warning.polygon.open");
        }
        return Parsed.ok(List.copyOf(points));
    }

    static Parsed<Circle> circle(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return Parsed.wrong("warning.circle.required");
        }
        String[] parts = text.strip().split("\\s+");
        if (parts.length != 2) {
            return Parsed.wrong("warning.circle.format");
        }
        GeoPoint center = point(parts[0]);
        if (center == null) {
            return Parsed.wrong("warning.circle.format");
        }
        double radius;
        try {
            radius = Double.parseDouble(parts[1]);
        } catch (NumberFormatException e) {
            return Parsed.wrong("warning.circle.format");
        }
        // radius 0 is a point (CAP 1.2 example A.3); whether a drafted area may be one is the draft's rule
        if (!(radius >= 0) || Double.isInfinite(radius)) {
            return Parsed.wrong("warning.circle.radius");
        }
        return Parsed.ok(new Circle(center, radius));
    }

    /** "lat,lon" in range, or null. */
    private static @Nullable GeoPoint point(String pair) {
        String[] parts = pair.split(",", -1);
        if (parts.length != 2) {
            return null;
        }
        try {
            double lat = Double.parseDouble(parts[0]);
            double lon = Double.parseDouble(parts[1]);
            if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
                return null;
            }
            return new GeoPoint(lon, lat);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The CAP text of a ring of points. */
    static String polygonText(List<GeoPoint> ring) {
        StringBuilder text = new StringBuilder();
        for (GeoPoint point : ring) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(number(point.latitude())).append(',').append(number(point.longitude()));
        }
        return text.toString();
    }

    static String circleText(Circle circle) {
        return number(circle.center().latitude()) + "," + number(circle.center().longitude()) + " " + number(circle.radiusKm());
    }

    /** Plain decimal notation (never 1.0E-4), without a trailing ".0". */
    static String number(double value) {
        String text = java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return text.equals("-0") ? "0" : text;
    }
}
