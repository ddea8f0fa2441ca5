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
 * to the province (so a township officer can see where it sits). Siblings and cousins answer 404.
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

    RegionController(RegionDirectory regions, CallerContext callers, JsonMapper json) {
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
                region.boundary());
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
    @Operation(summary = "The visible children of a region as a GeoJSON FeatureCollection (boundary, or the bounding box where no boundary is known)")
    Map<String, Object> childrenGeoJson(@PathVariable String code) {
        List<Map<String, Object>> features = new ArrayList<>();
        for (RegionView child : children(code)) {
            Region region = regions.find(RegionCode.of(child.code())).orElseThrow();
            Object geometry = region.boundary() != null ? json.readValue(region.boundary(), Map.class)
                    : region.boundingBox() == null ? null : polygon(region.boundingBox());
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("code", child.code());
            properties.put("name", child.name());
            properties.put("level", child.level());
            properties.put("approximate", region.boundary() == null);
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("type", "Feature");
            feature.put("id", child.code());
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
