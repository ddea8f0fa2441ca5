package io.yingji.shared;

import io.yingji.shared.Problem.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A WGS84 / CGCS2000 longitude-latitude pair in decimal degrees. */
public record GeoPoint(double longitude, double latitude) {

    /** Whether this is a place on Earth: finite, longitude within −180…180 and latitude within −90…90. */
    public boolean isValid() {
        return Double.isFinite(longitude) && Double.isFinite(latitude)
                && longitude >= -180 && longitude <= 180 && latitude >= -90 && latitude <= 90;
    }

    /**
     * The problems of an optional point given as two numbers: both or neither, each finite and in its
     * WGS-84 range. Every input of a longitude and latitude passes here (or through a box of China,
     * which implies it), so 200°, 95° or 1e308 never reach the database.
     */
    public static List<FieldProblem> problemsOf(@Nullable Double longitude, @Nullable Double latitude) {
        List<FieldProblem> problems = new ArrayList<>();
        if (longitude == null && latitude == null) {
            return problems;
        }
        if (longitude == null || latitude == null) {
            problems.add(new FieldProblem(longitude == null ? "longitude" : "latitude", "geo.point.both"));
            return problems;
        }
        if (!Double.isFinite(longitude) || longitude < -180 || longitude > 180) {
            problems.add(new FieldProblem("longitude", "geo.longitude.range"));
        }
        if (!Double.isFinite(latitude) || latitude < -90 || latitude > 90) {
            problems.add(new FieldProblem("latitude", "geo.latitude.range"));
        }
        return problems;
    }
}
