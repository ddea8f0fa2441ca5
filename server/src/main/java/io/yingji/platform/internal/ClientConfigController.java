package io.yingji.platform.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Settings the web app needs before it draws anything (no secrets here). */
@RestController
@Tag(name = "平台 Platform")
class ClientConfigController {

    record ClientConfig(@Nullable String tileUrl, @Nullable String tileAttribution, int maxZoom) {
    }

    private final MapSettings map;

    ClientConfigController(MapSettings map) {
        this.map = map;
    }

    @GetMapping("/api/config")
    @Operation(summary = "Map tile settings for the web app")
    ClientConfig config() {
        return new ClientConfig(map.tileUrl(), map.tileAttribution(), map.maxZoom());
    }
}
