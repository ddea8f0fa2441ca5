package io.yingji.risk.internal;

import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.risk.RiskZones;
import io.yingji.shared.GeoPoint;
import io.yingji.shared.RegionCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Zones by id for other modules, seen as the layers endpoint shows them to the same caller. */
@Component
class ZoneLookup implements RiskZones {

    private final JdbcClient jdbc;
    private final CallerContext callers;
    private final JsonMapper json;

    ZoneLookup(JdbcClient jdbc, CallerContext callers, JsonMapper json) {
        this.jdbc = jdbc;
        this.callers = callers;
        this.json = json;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Zone> visibleZone(long zoneId) {
        Optional<Caller> caller = callers.current();
        if (caller.isEmpty() && !callers.isSystem() || !callers.scope().seesSharedRecords()) {
            return Optional.empty();
        }
        record Row(Zone zone, String layerRegion) {
        }
        return jdbc.sql("""
                select z.id, z.name, z.grade, z.geometry, l.name as layer_name, l.hazard_type, l.region_code
                from risk_zone z join risk_zone_layer l on l.id = z.layer_id where z.id = :id""")
                .param("id", zoneId)
                .query((rs, n) -> new Row(new Zone(rs.getLong("id"), rs.getString("name"), rs.getInt("grade"),
                        rs.getString("layer_name"), rs.getString("hazard_type"), rings(json.readTree(rs.getString("geometry")))),
                        rs.getString("region_code")))
                .optional()
                .filter(row -> caller.isEmpty() || related(caller.get().region(), row.layerRegion()))
                .map(Row::zone);
    }

    private static boolean related(RegionCode mine, String layerRegion) {
        RegionCode region = RegionCode.of(layerRegion);
        return mine.contains(region) || region.contains(mine);
    }

    /** The outer ring of each polygon of a (checked at import) Polygon or MultiPolygon. */
    private static List<List<GeoPoint>> rings(JsonNode geometry) {
        List<JsonNode> polygons = new ArrayList<>();
        if (geometry.path("type").asString("").equals("Polygon")) {
            polygons.add(geometry.path("coordinates"));
        } else {
            geometry.path("coordinates").forEach(polygons::add);
        }
        List<List<GeoPoint>> rings = new ArrayList<>();
        for (JsonNode polygon : polygons) {
            List<GeoPoint> ring = new ArrayList<>();
            polygon.get(0).forEach(point -> ring.add(new GeoPoint(point.get(0).asDouble(), point.get(1).asDouble())));
            rings.add(List.copyOf(ring));
        }
        return List.copyOf(rings);
    }
}
