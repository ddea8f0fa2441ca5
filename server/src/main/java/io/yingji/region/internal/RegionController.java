package io.yingji.region.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.region.Region;
import io.yingji.region.RegionDirectory;
import io.yingji.shared.BoundingBox;
import io.yingji.shared.Problem;
import io.yingji.shared.RegionCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The region tree as the caller may see it: their own region, everything below it, and the path up
 * to the province (so a township officer can see where it sits). Siblings and cousins answer 404;
 * only the outlines and names of the region's neighbours are given, for drawing the map around it.
 */
@RestController
@RequestMapping("/api/regions")
@Tag(name = "行政区划 Regions")
class RegionController {

    record RegionView(String code, String name, int level, @Nullable String parentCode,
                      @Nullable BoundingBox boundingBox, boolean hasChildren) {
    }

    record RegionDetail(RegionView region, List<RegionView> ancestors, @Nullable String boundary) {
    }

    private final RegionDirectory regions;
    private final CallerContext callers;
    private final JsonMapper json;
    private final RegionBoundaries boundaries;

    RegionController(RegionDirectory regions, CallerContext callers, JsonMapper json, RegionBoundaries boundaries) {
        this.boundaries = boundaries;
        this.regions = regions;
        this.callers = callers;
        this.json = json;
    }

    @GetMapping("/mine")
    @Operation(summary = "The caller's own region with its ancestors")
    RegionDetail mine() {
        return detail(callers.require().region().value());
    }

    /** A region with the names of the path below the caller's region, for pickers. */
    record RegionOption(String code, String name, int level, String path) {
    }

    /**
     * The caller's region and what lies below it down to the townships — and to the villages only for a
     * township's (or village's) own caller, whose villages are few: a province holds ~27,000 regions, too
     * many to ship to a picker. Pickers load deeper levels lazily ({@code /{code}/children}, {@code /search});
     * lists name a village's code by its township where the village is not in this answer.
     */
    @GetMapping("/mine/subtree")
    @Operation(summary = "The caller's region and everything below it down to townships (villages too for a township's caller), depth first, for region labels")
    List<RegionOption> subtree() {
        Region root = regions.find(callers.require().region()).orElseThrow(() -> Problem.notFound("region", "mine"));
        List<RegionOption> options = new ArrayList<>();
        collect(root, root.name(), Math.max(4, root.level() + 1), options);
        return options;
    }

    private void collect(Region region, String path, int deepest, List<RegionOption> into) {
        into.add(new RegionOption(region.code().value(), region.name(), region.level(), path));
        if (region.level() >= deepest) {
            return;
        }
        for (Region child : regions.children(region.code())) {
            collect(child, path + " / " + child.name(), deepest, into);
        }
    }

    /** How many answers a name search gives at most. */
    static final int SEARCH_LIMIT = 50;

    /** A search answer: the region, whether it has children, and its names from the caller's region down. */
    record RegionMatch(String code, String name, int level, boolean hasChildren, String path) {
    }

    @GetMapping("/search")
    @Operation(summary = "Regions in the caller's subtree whose name contains q (higher levels first, at most `limit`, ≤ 50), with their path from the caller's region down")
    List<RegionMatch> search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "20") int limit) {
        String text = q.strip();
        if (text.isEmpty() || text.length() > 32) {
            throw Problem.invalid("q", "region.search.text", 32);
        }
        if (limit < 1 || limit > SEARCH_LIMIT) {
            throw Problem.invalid("limit", "region.search.limit", SEARCH_LIMIT);
        }
        Region root = regions.find(callers.require().region()).orElseThrow(() -> Problem.notFound("region", "mine"));
        return regions.search(root.code(), text, limit).stream()
                .map(r -> new RegionMatch(r.code().value(), r.name(), r.level(), !regions.children(r.code()).isEmpty(),
                        pathBelow(root, r)))
                .toList();
    }

    /** 拱墅区 / 米市巷街道 / 大塘巷社区 for a 拱墅区 caller. */
    private String pathBelow(Region root, Region region) {
        List<String> names = new ArrayList<>();
        for (Region ancestor : regions.ancestors(region.code())) {
            if (root.code().contains(ancestor.code())) {
                names.add(ancestor.name());
            }
        }
        names.add(region.name());
        return String.join(" / ", names);
    }

    @GetMapping("/{code}")
    @Operation(summary = "One region with its ancestors and boundary")
    RegionDetail detail(@PathVariable String code) {
        Region region = visible(code);
        return new RegionDetail(view(region), regions.ancestors(region.code()).stream().map(this::view).toList(),
                boundaries.of(region.code().value()).orElse(region.boundary()));
    }

    @GetMapping("/{code}/children")
    @Operation(summary = "The direct children of a region inside the caller's scope")
    List<RegionView> children(@PathVariable String code) {
        Region region = visible(code);
        Caller caller = callers.require();
        return regions.children(region.code()).stream()
                .filter(child -> caller.region().contains(child.code()) || child.code().contains(caller.region()))
                .map(this::view)
                .toList();
    }

    @GetMapping(path = "/{code}/children/geojson", produces = {"application/geo+json", "application/json"})
    @Operation(summary = "The visible children of a region as a GeoJSON FeatureCollection (the loaded boundary, or the "
            + "bounding box where none is known: property approximate true, shape \"boundingBox\" rather than \"boundary\")")
    Map<String, Object> childrenGeoJson(@PathVariable String code) {
        List<Region> visibleChildren = children(code).stream()
                .map(child -> regions.find(RegionCode.of(child.code())).orElseThrow()).toList();
        return featureCollection(visibleChildren, true);
    }

    /**
     * The regions as GeoJSON features: the loaded boundary where one is known, else the bounding box (approximate);
     * regions with neither are left out. {@code withLevel} adds the level (the children's map colours by it).
     */
    private Map<String, Object> featureCollection(List<Region> shown, boolean withLevel) {
        Map<String, String> loaded = boundaries.of(shown.stream().map(r -> r.code().value()).toList());
        List<Map<String, Object>> features = new ArrayList<>();
        for (Region region : shown) {
            String boundary = loaded.getOrDefault(region.code().value(), region.boundary());
            Object geometry = boundary != null ? json.readValue(boundary, Map.class)
                    : region.boundingBox() == null ? null : polygon(region.boundingBox());
            if (geometry == null && !withLevel) {
                continue;
            }
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("code", region.code().value());
            properties.put("name", region.name());
            if (withLevel) {
                properties.put("level", region.level());
            }
            properties.put("approximate", boundary == null);
            properties.put("shape", boundary != null ? "boundary" : "boundingBox");
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("type", "Feature");
            feature.put("id", region.code().value());
            feature.put("properties", properties);
            feature.put("geometry", geometry);
            features.add(feature);
        }
        return Map.of("type", "FeatureCollection", "features", features);
    }

    private static Map<String, Object> polygon(BoundingBox box) {
        List<List<Double>> ring = List.of(
                List.of(box.minLongitude(), box.minLatitude()), List.of(box.maxLongitude(), box.minLatitude()),
                List.of(box.maxLongitude(), box.maxLatitude()), List.of(box.minLongitude(), box.maxLatitude()),
                List.of(box.minLongitude(), box.minLatitude()));
        return Map.of("type", "Polygon", "coordinates", List.of(ring));
    }

    @GetMapping(path = "/mine/neighbours/geojson", produces = {"application/geo+json", "application/json"})
    @Operation(summary = "The outlines and names of the caller's region's neighbours (the other children of its parent) as GeoJSON, "
            + "for drawing the geography around the region; no data of theirs")
    Map<String, Object> neighboursGeoJson() {
        RegionCode mine = callers.require().region();
        Region own = regions.find(mine).orElseThrow(() -> Problem.notFound("region", "mine"));
        List<Region> neighbours = own.parent() == null ? List.of()
                : regions.children(own.parent()).stream().filter(sibling -> !sibling.code().equals(mine)).toList();
        return featureCollection(neighbours, false);
    }

    @GetMapping("/{code}/ancestors")
    @Operation(summary = "The path from the province down to the region's parent")
    List<RegionView> ancestors(@PathVariable String code) {
        return regions.ancestors(visible(code).code()).stream().map(this::view).toList();
    }

    private Region visible(String code) {
        if (!RegionCode.isValid(code)) {
            throw Problem.invalid("code", "region.code.format", code);
        }
        RegionCode wanted = RegionCode.of(code);
        RegionCode mine = callers.require().region();
        // own subtree, or an ancestor on the way up; nothing sideways
        if (!mine.contains(wanted) && !wanted.contains(mine)) {
            throw Problem.notFound("region", code);
        }
        return regions.find(wanted).orElseThrow(() -> Problem.notFound("region", code));
    }

    private RegionView view(Region region) {
        return new RegionView(region.code().value(), region.name(), region.level(),
                region.parent() == null ? null : region.parent().value(), region.boundingBox(),
                !regions.children(region.code()).isEmpty());
    }
}
