package io.yingji.risk.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.audit.AuditTrail;
import io.yingji.shared.BoundingBox;
import io.yingji.shared.GeoPoint;
import io.yingji.shared.PlainText;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import io.yingji.shared.RegionCode;
import io.yingji.shared.SortOrder;
import io.yingji.shared.Spreadsheet;
import jakarta.servlet.http.HttpServletResponse;
import io.yingji.shared.UtcTimestamps;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 五色图: natural-disaster risk zoning layers imported from GeoJSON. A file is taken whole or not at
 * all; every wrong feature is reported by its index. A layer belongs to the region of whoever imported
 * it and is seen within that region's scope and by the regions below it (a city's layer is for its
 * districts and townships, who act on it); a region above sees the layers of the regions it contains.
 * An enterprise account sees no layer: they belong to regions, not to enterprises.
 */
@RestController
@Tag(name = "风险辨识评估 Risk assessment")
class RiskZoning {

    static final Set<String> HAZARD_TYPES = Set.of("FLOOD", "TYPHOON", "GEOLOGICAL", "EARTHQUAKE", "FOREST_FIRE", "DROUGHT", "COMPOSITE");

    record Layer(long id, String name, String hazardType, String regionCode, int zones, String importedBy, Instant importedAt) {
    }

    private final JdbcClient jdbc;
    private final CallerContext callers;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;

    RiskZoning(JdbcClient jdbc, CallerContext callers, AuditTrail audit, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.callers = callers;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** What the layer list sorts by: its visible columns; by default in the order they were imported. */
    static final SortOrder SORT = SortOrder.of(Map.of(
            "name", "l.name", "hazardType", "l.hazard_type", "regionCode", "l.region_code", "zones", "l.zones",
            "importedBy", "l.imported_by", "importedAt", "l.imported_at"), "l.id");

    static final Map<String, String> HAZARD_TYPE_NAMES = Map.of("FLOOD", "洪涝", "TYPHOON", "台风", "GEOLOGICAL", "地质灾害",
            "EARTHQUAKE", "地震", "FOREST_FIRE", "森林火灾", "DROUGHT", "干旱", "COMPOSITE", "综合");

    /** The export's columns: what the list shows, in Chinese. */
    static final List<Spreadsheet.Column<Layer>> EXPORT = List.of(
            new Spreadsheet.Column<>("图层名称", 30, Layer::name),
            new Spreadsheet.Column<>("灾种", 12, l -> HAZARD_TYPE_NAMES.getOrDefault(l.hazardType(), l.hazardType())),
            new Spreadsheet.Column<>("所属区划代码", 14, Layer::regionCode),
            new Spreadsheet.Column<>("分区数", 8, Layer::zones),
            new Spreadsheet.Column<>("导入人", 14, Layer::importedBy),
            new Spreadsheet.Column<>("导入时间", 20, Layer::importedAt));

    @GetMapping("/api/risk/zones")
    @Operation(summary = "Zoning layers (五色图) in scope; sort=name|hazardType|regionCode|zones|importedBy|importedAt[,asc|desc]")
    List<Layer> layers(@RequestParam(required = false) @Nullable String sort) {
        RegionCode mine = callers.requirePermission(Permissions.RISK_READ).region();
        String order = SORT.orderBy(sort);
        if (!callers.scope().seesSharedRecords()) {
            // zoning layers belong to regions, not to enterprises: an enterprise account sees none (docs/data-scope.md)
            return List.of();
        }
        // the importer by name, not by login (the row keeps the login, as the audit trail does)
        return jdbc.sql("select l.*, coalesce((select u.display_name from app_user u where u.username = l.imported_by), l.imported_by)"
                        + " as importer_name from risk_zone_layer l" + order)
                .query((rs, n) -> new Layer(rs.getLong("id"), rs.getString("name"), rs.getString("hazard_type"),
                        rs.getString("region_code"), rs.getInt("zones"), rs.getString("importer_name"),
                        UtcTimestamps.read(rs, "imported_at")))
                .list().stream().filter(layer -> related(mine, layer.regionCode())).toList();
    }

    @GetMapping("/api/risk/zones/export")
    @Operation(summary = "The zoning layer list (within scope, in the list's order) as an Excel file")
    @Transactional
    void export(@RequestParam(required = false) @Nullable String sort, HttpServletResponse response) throws IOException {
        List<Layer> rows = layers(sort);
        audit.recordExport("risk-zone", "risk_zone_layer", null, new ExportFilter(sort), rows.size());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Spreadsheet.attachment("风险区划图层.xlsx"));
        response.setContentType(Spreadsheet.CONTENT_TYPE);
        Spreadsheet.write("风险区划图层", EXPORT, rows, response.getOutputStream());
    }

    /** The zoning layer export's filter, as its audit entry names it. */
    record ExportFilter(@Nullable String sort) {
    }

    /** A layer is for its region's subtree, and is seen by the regions above that contain it. */
    private static boolean related(RegionCode mine, String layerRegion) {
        RegionCode region = RegionCode.of(layerRegion);
        return mine.contains(region) || region.contains(mine);
    }

    @GetMapping(path = "/api/risk/zones/{id}/geojson", produces = {"application/geo+json", "application/json"})
    @Operation(summary = "A zoning layer as a GeoJSON FeatureCollection (feature id: the zone id; properties: name, grade 1..5)")
    Map<String, Object> geojson(@PathVariable long id) {
        RegionCode mine = callers.requirePermission(Permissions.RISK_READ).region();
        String layerRegion = jdbc.sql("select region_code from risk_zone_layer where id = :id").param("id", id)
                .query(String.class).optional().orElse(null);
        if (layerRegion == null || !related(mine, layerRegion) || !callers.scope().seesSharedRecords()) {
            throw Problem.notFound("risk_zone_layer", id);
        }
        List<Map<String, Object>> features = jdbc.sql("select * from risk_zone where layer_id = :id order by id").param("id", id)
                .query((rs, n) -> {
                    Map<String, Object> properties = new LinkedHashMap<>();
                    properties.put("name", rs.getString("name"));
                    properties.put("grade", rs.getInt("grade"));
                    Map<String, Object> feature = new LinkedHashMap<>();
                    feature.put("type", "Feature");
                    // the zone's id, so a client can name the zone (e.g. as a warning's area)
                    feature.put("id", rs.getLong("id"));
                    feature.put("properties", properties);
                    feature.put("geometry", json.readValue(rs.getString("geometry"), Map.class));
                    return feature;
                })
                .list();
        return Map.of("type", "FeatureCollection", "features", features);
    }

    @PostMapping(path = "/api/risk/zones", consumes = "multipart/form-data")
    @Operation(summary = "Import a zoning layer from GeoJSON: polygons with a grade 1..5 each; all features or none")
    @Transactional
    ResponseEntity<Layer> importLayer(@RequestParam("file") MultipartFile file, @RequestParam("name") String name,
                                      @RequestParam("hazardType") String hazardType) throws IOException {
        Caller caller = callers.requirePermission(Permissions.RISK_WRITE);
        if (caller.enterpriseId() != null) {
            throw Problem.forbidden();
        }
        List<FieldProblem> problems = new ArrayList<>();
        FieldProblem forbiddenInName = PlainText.problemOf(null, "name", name);
        if (name.isBlank() || name.length() > 128) {
            problems.add(new FieldProblem("name", "zoning.name.required"));
        } else if (forbiddenInName != null) {
            problems.add(forbiddenInName);
        }
        if (!HAZARD_TYPES.contains(hazardType)) {
            problems.add(new FieldProblem("hazardType", "zoning.hazard-type.invalid", String.join(", ", new java.util.TreeSet<>(HAZARD_TYPES))));
        }
        JsonNode root;
        try {
            root = json.readTree(file.getBytes());
        } catch (RuntimeException notJson) {
            throw Problem.invalid("file", "zoning.file.not-json");
        }
        if (!"FeatureCollection".equals(root.path("type").asString("")) || !root.path("features").isArray()
                || root.path("features").isEmpty()) {
            throw Problem.invalid("file", "zoning.file.not-collection");
        }
        record Zone(@Nullable String name, int grade, String geometry) {
        }
        List<Zone> zones = new ArrayList<>();
        for (int i = 0; i < root.path("features").size(); i++) {
            JsonNode feature = root.path("features").get(i);
            String field = "features[" + i + "]";
            JsonNode grade = feature.path("properties").path("grade");
            if (!grade.isIntegralNumber() || grade.asInt() < 1 || grade.asInt() > 5) {
                problems.add(new FieldProblem(field + ".properties.grade", "zoning.grade.invalid"));
            }
            String geometryProblem = checkGeometry(feature.path("geometry"));
            if (geometryProblem != null) {
                problems.add(new FieldProblem(field + ".geometry", geometryProblem));
            }
            JsonNode zoneName = feature.path("properties").path("name");
            FieldProblem forbidden = zoneName.isString() ? PlainText.problemOf(null, field + ".properties.name", zoneName.asString()) : null;
            if (forbidden != null) {
                problems.add(forbidden);
            }
            zones.add(new Zone(zoneName.isString() ? zoneName.asString() : null, grade.asInt(0),
                    json.writeValueAsString(feature.path("geometry"))));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        Instant now = clock.instant();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into risk_zone_layer (name, hazard_type, region_code, zones, imported_by, imported_at)
                values (:name, :type, :region, :zones, :by, :at)""")
                .param("name", name.strip()).param("type", hazardType).param("region", caller.region().value())
                .param("zones", zones.size()).param("by", caller.username()).param("at", UtcTimestamps.of(now))
                .update(keys, "id");
        long layer = keys.getKeyAs(Number.class).longValue();
        for (Zone zone : zones) {
            jdbc.sql("insert into risk_zone (layer_id, name, grade, geometry) values (:layer, :name, :grade, :geometry)")
                    .param("layer", layer).param("name", zone.name() == null ? null : zone.name().substring(0, Math.min(128, zone.name().length())))
                    .param("grade", zone.grade()).param("geometry", zone.geometry()).update();
        }
        audit.record("risk-zone.import", "risk_zone_layer", String.valueOf(layer), caller.region().value(),
                Map.of("name", name.strip(), "zones", zones.size()));
        return ResponseEntity.created(URI.create("/api/risk/zones/" + layer + "/geojson"))
                .body(new Layer(layer, name.strip(), hazardType, caller.region().value(), zones.size(), caller.username(), now));
    }

    /** A message key for what is wrong with a Polygon or MultiPolygon, or null when it is fine. */
    static @Nullable String checkGeometry(JsonNode geometry) {
        String type = geometry.path("type").asString("");
        JsonNode coordinates = geometry.path("coordinates");
        List<JsonNode> polygons = new ArrayList<>();
        if (type.equals("Polygon")) {
            polygons.add(coordinates);
        } else if (type.equals("MultiPolygon") && coordinates.isArray()) {
            coordinates.forEach(polygons::add);
        } else {
            return "zoning.geometry.type";
        }
        if (polygons.isEmpty()) {
            return "zoning.geometry.ring";
        }
        for (JsonNode polygon : polygons) {
            if (!polygon.isArray() || polygon.isEmpty()) {
                return "zoning.geometry.ring";
            }
            for (JsonNode ring : polygon) {
                if (!ring.isArray() || ring.size() < 4) {
                    return "zoning.geometry.ring";
                }
                for (JsonNode point : ring) {
                    if (!point.isArray() || point.size() < 2 || !point.get(0).isNumber() || !point.get(1).isNumber()) {
                        return "zoning.geometry.point";
                    }
                    if (!BoundingBox.CHINA.contains(new GeoPoint(point.get(0).asDouble(), point.get(1).asDouble()))) {
                        return "zoning.geometry.outside-china";
                    }
                }
                JsonNode first = ring.get(0);
                JsonNode last = ring.get(ring.size() - 1);
                if (first.get(0).asDouble() != last.get(0).asDouble() || first.get(1).asDouble() != last.get(1).asDouble()) {
                    return "zoning.geometry.open";
                }
            }
        }
        return null;
    }
}
