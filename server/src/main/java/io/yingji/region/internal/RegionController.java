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
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

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

    RegionController(RegionDirectory regions, CallerContext callers) {
        this.regions = regions;
        this.callers = callers;
    }

    @GetMapping("/mine")
    @Operation(summary = "The caller's own region with its ancestors")
    RegionDetail mine() {
        return detail(callers.require().region().value());
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
