package io.yingji.region.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.region.Region;
import io.yingji.region.RegionDirectory;
import io.yingji.shared.Problem;
import io.yingji.shared.RegionCode;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Region names for the public forms (registering for warning texts, a citizen's report), without login:
 * administrative divisions are public knowledge. Names and codes only — no boundaries, nothing else.
 */
@RestController
@Tag(name = "行政区划 Regions")
class PublicRegionController {

    record PublicRegion(String code, String name, int level, boolean hasChildren) {
    }

    private final RegionDirectory regions;

    PublicRegionController(RegionDirectory regions) {
        this.regions = regions;
    }

    @GetMapping("/public/regions")
    @Operation(summary = "The top of the region tree (e.g. the province), for public region pickers")
    List<PublicRegion> roots() {
        return regions.roots().stream().map(this::view).toList();
    }

    @GetMapping("/public/regions/{code}/children")
    @Operation(summary = "The regions directly below one, for public region pickers")
    List<PublicRegion> children(@PathVariable String code) {
        if (!RegionCode.isValid(code)) {
            throw Problem.invalid("code", "region.code.format", code);
        }
        RegionCode region = RegionCode.of(code);
        if (regions.find(region).isEmpty()) {
            throw Problem.notFound("region", code);
        }
        return regions.children(region).stream().map(this::view).toList();
    }

    private PublicRegion view(Region region) {
        return new PublicRegion(region.code().value(), region.name(), region.level(), !regions.children(region.code()).isEmpty());
    }
}
