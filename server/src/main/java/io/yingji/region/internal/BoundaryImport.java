package io.yingji.region.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.audit.AuditTrail;
import io.yingji.region.Region;
import io.yingji.region.RegionDirectory;
import io.yingji.shared.BoundingBox;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import io.yingji.shared.RegionCode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loading region boundaries (行政区划边界) from a GeoJSON FeatureCollection: one Polygon or MultiPolygon per
 * region, named by a {@code code}, {@code adcode} or {@code region_code} property. The file is taken
 * whole or not at all, and every wrong feature is reported by its index: the code must be a known region
 * in the caller's region or below it (an unknown code and another region's read alike, so the answer
 * tells nobody which codes exist elsewhere), the rings closed with at least four positions, the polygon
 * valid (no self-intersection, holes inside their shell) and inside the parent region's extent.
 */
@RestController
@Tag(name = "行政区划 Regions")
class BoundaryImport {

    /** At most this many regions in one file (a city's townships, a district's villages fit easily). */
    static final int MAX_FEATURES = 5_000;
    /** At most this many positions in one region's outline. */
    static final int MAX_POSITIONS = 200_000;
    /** How far an outline may pass its parent's box: 5 % of the box's larger side, at least 0.01° (≈1 km). */
    static final double TOLERANCE_SHARE = 0.05;
    static final double MIN_TOLERANCE_DEGREES = 0.01;
    static final List<String> CODE_PROPERTIES = List.of("code", "adcode", "region_code");

    record Imported(int imported, int replaced, List<String> codes) {
    }

    record LoadedBoundary(String code, String name, String fullName, String source, String importedBy, Instant importedAt) {
    }

    private final RegionDirectory regions;
    private final RegionBoundaries boundaries;
    private final CallerContext callers;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;
    private final GeometryFactory geometries = new GeometryFactory();

    BoundaryImport(RegionDirectory regions, RegionBoundaries boundaries, CallerContext callers, AuditTrail audit,
                   JsonMapper json, Clock clock) {
        this.regions = regions;
        this.boundaries = boundaries;
        this.callers = callers;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/api/regions/boundaries")
    @Operation(summary = "The loaded boundaries of the caller's region and the regions below it (without the geometry)")
    List<LoadedBoundary> loaded() {
        Caller caller = callers.require();
        return boundaries.loadedUnder(caller.region().subtreePrefix()).stream()
                .filter(b -> caller.region().contains(RegionCode.of(b.code())))
                .map(b -> {
                    String name = regions.find(RegionCode.of(b.code())).map(Region::name).orElse(b.code());
                    return new LoadedBoundary(b.code(), name, regions.fullName(RegionCode.of(b.code())), b.source(),
                            b.importedBy(), b.importedAt());
                })
                .toList();
    }

    @PostMapping(path = "/api/regions/boundaries", consumes = "multipart/form-data")
    @Operation(summary = "Load region boundaries from a GeoJSON FeatureCollection (property code/adcode/region_code; "
            + "Polygon or MultiPolygon, WGS-84); all features or none; a region's earlier outline is replaced")
    @Transactional
    Imported importBoundaries(@RequestParam("file") MultipartFile file) throws IOException {
        Caller caller = callers.requirePermission(Permissions.REGION_MANAGE);
        JsonNode root;
        try {
            root = json.readTree(file.getBytes());
        } catch (RuntimeException notJson) {
            throw Problem.invalid("file", "boundary.file.not-json");
        }
        JsonNode features = root == null ? null : root.path("features");
        if (root == null || !"FeatureCollection".equals(root.path("type").asString("")) || !features.isArray()
                || features.isEmpty()) {
            throw Problem.invalid("file", "boundary.file.not-collection");
        }
        if (features.size() > MAX_FEATURES) {
            throw Problem.invalid("file", "boundary.file.too-many", MAX_FEATURES, features.size());
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<RegionBoundaries.Outline> outlines = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < features.size(); i++) {
            JsonNode feature = features.get(i);
            String field = "features[" + i + "]";
            Region region = null;
            String code = codeOf(feature.path("properties"));
            if (code == null) {
                problems.add(new FieldProblem(field + ".properties.code", "boundary.code.missing"));
            } else {
                RegionCode wanted = RegionCode.isValid(code) ? RegionCode.of(code) : null;
                region = wanted == null || !caller.region().contains(wanted) ? null : regions.find(wanted).orElse(null);
                if (region == null) {
                    // unknown, or another region's: the same answer, so it tells nothing about what exists elsewhere
                    problems.add(new FieldProblem(field + ".properties.code", "boundary.code.unknown", code));
                } else if (seen.containsKey(code)) {
                    problems.add(new FieldProblem(field + ".properties.code", "boundary.code.duplicate", code, seen.get(code) + 1));
                    region = null;
                } else {
                    seen.put(code, i);
                }
            }
            JsonNode geometry = feature.path("geometry");
            Checked checked = check(geometry);
            if (checked.problem() != null) {
                problems.add(new FieldProblem(field + ".geometry", checked.problem().messageKey(), checked.problem().args()));
                continue;
            }
            if (region == null) {
                continue;
            }
            BoundingBox parent = region.parent() == null ? BoundingBox.CHINA : regions.extentOf(region.parent());
            if (!within(checked.geometry().getEnvelopeInternal(), parent)) {
                String parentName = region.parent() == null ? "中国" : regions.find(region.parent()).map(Region::name)
                        .orElse(region.parent().value());
                problems.add(new FieldProblem(field + ".geometry", "boundary.geometry.outside-parent", parentName,
                        degrees(parent.minLongitude()), degrees(parent.maxLongitude()),
                        degrees(parent.minLatitude()), degrees(parent.maxLatitude())));
                continue;
            }
            Map<String, Object> stored = new LinkedHashMap<>();
            stored.put("type", geometry.path("type").asString());
            stored.put("coordinates", geometry.path("coordinates"));
            outlines.add(new RegionBoundaries.Outline(code, json.writeValueAsString(stored)));
            positions.put(code, checked.geometry().getNumPoints());
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        String source = sourceName(file.getOriginalFilename());
        Instant now = clock.instant();
        int replaced = boundaries.replace(outlines, source, caller.username(), now);
        for (RegionBoundaries.Outline outline : outlines) {
            // one entry per region, so the auditors of each region below the importer's see theirs
            audit.record("region-boundary.import", "region_boundary", outline.code(), outline.code(),
                    Map.of("source", source, "positions", positions.get(outline.code())));
        }
        return new Imported(outlines.size(), replaced, outlines.stream().map(RegionBoundaries.Outline::code).toList());
    }

    private static @Nullable String codeOf(JsonNode properties) {
        for (String name : CODE_PROPERTIES) {
            JsonNode value = properties.path(name);
            if (value.isString() && !value.asString().isBlank()) {
                return value.asString().strip();
            }
            if (value.isIntegralNumber()) {
                // DataV and other sources give adcode as a number (330105)
                return value.asString();
            }
        }
        return null;
    }

    private static boolean within(Envelope outline, BoundingBox parent) {
        double tolerance = Math.max(MIN_TOLERANCE_DEGREES, TOLERANCE_SHARE * Math.max(
                parent.maxLongitude() - parent.minLongitude(), parent.maxLatitude() - parent.minLatitude()));
        return outline.getMinX() >= parent.minLongitude() - tolerance && outline.getMaxX() <= parent.maxLongitude() + tolerance
                && outline.getMinY() >= parent.minLatitude() - tolerance && outline.getMaxY() <= parent.maxLatitude() + tolerance;
    }

    private static String degrees(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String sourceName(@Nullable String filename) {
        String name = filename == null || filename.isBlank() ? "boundaries.geojson" : filename.strip();
        name = name.replaceAll("[\\p{Cntrl}]", "");
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    private record Failure(String messageKey, Object... args) {
    }

    private record Checked(@Nullable Geometry geometry, @Nullable Failure problem) {

        static Checked failed(String key, Object... args) {
            return new Checked(null, new Failure(key, args));
        }
    }

    /** The geometry as JTS sees it, or what is wrong with it. */
    private Checked check(JsonNode geometry) {
        String type = geometry.path("type").asString("");
        JsonNode coordinates = geometry.path("coordinates");
        List<JsonNode> polygons = new ArrayList<>();
        if (type.equals("Polygon") && coordinates.isArray()) {
            polygons.add(coordinates);
        } else if (type.equals("MultiPolygon") && coordinates.isArray()) {
            coordinates.forEach(polygons::add);
        } else {
            return Checked.failed("boundary.geometry.type", type.isEmpty() ? "-" : type);
        }
        if (polygons.isEmpty()) {
            return Checked.failed("boundary.geometry.ring");
        }
        int positions = 0;
        List<Polygon> built = new ArrayList<>();
        for (JsonNode polygon : polygons) {
            if (!polygon.isArray() || polygon.isEmpty()) {
                return Checked.failed("boundary.geometry.ring");
            }
            List<LinearRing> rings = new ArrayList<>();
            for (JsonNode ring : polygon) {
                if (!ring.isArray() || ring.size() < 4) {
                    return Checked.failed("boundary.geometry.ring");
                }
                positions += ring.size();
                if (positions > MAX_POSITIONS) {
                    return Checked.failed("boundary.geometry.too-large", MAX_POSITIONS);
                }
                Coordinate[] points = new Coordinate[ring.size()];
                for (int p = 0; p < ring.size(); p++) {
                    JsonNode point = ring.get(p);
                    if (!point.isArray() || point.size() < 2 || !point.get(0).isNumber() || !point.get(1).isNumber()) {
                        return Checked.failed("boundary.geometry.point");
                    }
                    double lon = point.get(0).asDouble();
                    double lat = point.get(1).asDouble();
                    if (!Double.isFinite(lon) || !Double.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
                        return Checked.failed("boundary.geometry.point");
                    }
                    points[p] = new Coordinate(lon, lat);
                }
                if (!points[0].equals2D(points[points.length - 1])) {
                    return Checked.failed("boundary.geometry.open");
                }
                rings.add(geometries.createLinearRing(points));
            }
            built.add(geometries.createPolygon(rings.get(0), rings.subList(1, rings.size()).toArray(LinearRing[]::new)));
        }
        Geometry shape = built.size() == 1 && type.equals("Polygon") ? built.get(0)
                : geometries.createMultiPolygon(built.toArray(Polygon[]::new));
        TopologyValidationError error = new IsValidOp(shape).getValidationError();
        if (error != null) {
            Coordinate at = error.getCoordinate();
            return Checked.failed("boundary.geometry.invalid",
                    new DefaultMessageSourceResolvable(new String[] {"boundary.topology." + error.getErrorType()},
                            error.getMessage()),
                    at == null ? "-" : degrees(at.x), at == null ? "-" : degrees(at.y));
        }
        return new Checked(shape, null);
    }
}
