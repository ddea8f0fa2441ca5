package io.yingji.region.internal;

import io.yingji.region.Region;
import io.yingji.region.RegionDirectory;
import io.yingji.shared.GeoPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which region a point lies in: down the tree from the top, at each level the child whose outline
 * contains the point (its loaded boundary where there is one, else its bounding box; where boxes
 * overlap, the one in which the point lies most centrally: boxes are rough, a neighbour's box reaches
 * over the border while the point sits near its edge), until no child contains it. Answers the path from the top down, or nothing
 * when the point lies outside every top region.
 */
@Component
class RegionLocator {

    private final RegionDirectory regions;
    private final RegionBoundaries boundaries;
    private final JsonMapper json;

    RegionLocator(RegionDirectory regions, RegionBoundaries boundaries, JsonMapper json) {
        this.regions = regions;
        this.boundaries = boundaries;
        this.json = json;
    }

    /** The regions containing {@code point}, from the top region down to the smallest; empty when none does. */
    List<Region> locate(GeoPoint point) {
        List<Region> path = new ArrayList<>();
        List<Region> candidates = regions.roots();
        while (true) {
            Optional<Region> inside = containing(candidates, point);
            if (inside.isEmpty()) {
                return path;
            }
            path.add(inside.get());
            candidates = regions.children(inside.get().code());
        }
    }

    private Optional<Region> containing(List<Region> candidates, GeoPoint point) {
        List<Region> inBox = candidates.stream()
                .filter(r -> r.boundingBox() != null && r.boundingBox().contains(point))
                .toList();
        if (inBox.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> outlines = boundaries.of(inBox.stream().map(r -> r.code().value()).toList());
        return inBox.stream()
                .filter(r -> {
                    String outline = outlines.get(r.code().value());
                    return outline == null || covers(outline, point);
                })
                // a region with its outline beats one known only by its box, then the most central box
                .min(Comparator.comparing((Region r) -> !outlines.containsKey(r.code().value()))
                        .thenComparingDouble(r -> offCentre(r, point)));
    }

    /** How far from its box's centre the point lies: 0 in the middle, 1 on the edge (in the larger direction). */
    private static double offCentre(Region region, GeoPoint point) {
        var box = region.boundingBox();
        if (box == null) {
            return Double.MAX_VALUE;
        }
        double width = Math.max(box.maxLongitude() - box.minLongitude(), 1e-9);
        double height = Math.max(box.maxLatitude() - box.minLatitude(), 1e-9);
        return Math.max(Math.abs(2 * (point.longitude() - box.minLongitude()) / width - 1),
                Math.abs(2 * (point.latitude() - box.minLatitude()) / height - 1));
    }

    /** Whether a stored GeoJSON Polygon or MultiPolygon covers the point (even-odd rule, holes excluded). */
    boolean covers(String geometry, GeoPoint point) {
        JsonNode shape;
        try {
            shape = json.readTree(geometry);
        } catch (JacksonException unreadable) {
            return false;
        }
        JsonNode coordinates = shape.path("coordinates");
        return switch (shape.path("type").asString("")) {
            case "Polygon" -> inPolygon(coordinates, point);
            case "MultiPolygon" -> coordinates.valueStream().anyMatch(polygon -> inPolygon(polygon, point));
            default -> false;
        };
    }

    private static boolean inPolygon(JsonNode rings, GeoPoint point) {
        if (!rings.isArray() || rings.isEmpty() || !inRing(rings.get(0), point)) {
            return false;
        }
        for (int hole = 1; hole < rings.size(); hole++) {
            if (inRing(rings.get(hole), point)) {
                return false;
            }
        }
        return true;
    }

    private static boolean inRing(JsonNode ring, GeoPoint point) {
        double x = point.longitude();
        double y = point.latitude();
        boolean inside = false;
        for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            double xi = ring.get(i).get(0).asDouble();
            double yi = ring.get(i).get(1).asDouble();
            double xj = ring.get(j).get(0).asDouble();
            double yj = ring.get(j).get(1).asDouble();
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                inside = !inside;
            }
        }
        return inside;
    }
}
