package io.yingji.region.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.region.Region;
import io.yingji.region.RegionDirectory;
import io.yingji.shared.GeoPoint;
import io.yingji.shared.Problem;
import io.yingji.shared.RegionCode;
import io.yingji.shared.SlidingWindowLimit;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
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

    /** The smallest region containing a point, with the path to it from the top (the picker's levels). */
    record Located(String code, String name, int level, String fullName, List<PublicRegion> path) {
    }

    private final RegionDirectory regions;
    private final RegionLocator locator;
    /** Abuse limit of locating: lookups per client address within the window, as for the other public forms. */
    private final SlidingWindowLimit limit;

    PublicRegionController(RegionDirectory regions, RegionLocator locator,
                           @Value("${yingji.region.public-locates-per-window:30}") int max,
                           @Value("${yingji.region.public-locate-window:PT1M}") Duration window, Clock clock) {
        this.regions = regions;
        this.locator = locator;
        this.limit = new SlidingWindowLimit(max, window, clock);
    }

    /** Forgets addresses with no lookup inside the window, so the map does not grow with every visitor. */
    @Scheduled(fixedDelayString = "${yingji.region.public-locate-window:PT1M}")
    void forgetQuietAddresses() {
        limit.forgetQuiet();
    }

    @GetMapping("/public/regions/locate")
    @Operation(summary = "The smallest region containing a point (WGS-84 longitude and latitude, e.g. from the browser's "
            + "location), with the path to it from the top; by the regions' loaded boundaries, else their boxes")
    Located locate(@RequestParam(required = false) @Nullable String longitude,
                   @RequestParam(required = false) @Nullable String latitude, HttpServletRequest request) {
        if (!limit.allow(request.getRemoteAddr())) {
            throw new Problem(429, "region.locate.too-many");
        }
        GeoPoint point = new GeoPoint(degrees(longitude, "longitude"), degrees(latitude, "latitude"));
        if (!point.isValid()) {
            throw Problem.invalid(Math.abs(point.longitude()) > 180 ? "longitude" : "latitude", "region.locate.point");
        }
        List<Region> path = locator.locate(point);
        if (path.isEmpty()) {
            throw new Problem(404, "region.locate.outside");
        }
        Region smallest = path.get(path.size() - 1);
        return new Located(smallest.code().value(), smallest.name(), smallest.level(), regions.fullName(smallest.code()),
                path.stream().map(this::view).toList());
    }

    private static double degrees(@Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            throw Problem.invalid(field, "region.locate.point");
        }
        try {
            double degrees = Double.parseDouble(value.strip());
            if (!Double.isFinite(degrees)) {
                throw Problem.invalid(field, "region.locate.point");
            }
            return degrees;
        } catch (NumberFormatException notANumber) {
            throw Problem.invalid(field, "region.locate.point");
        }
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
