package io.yingji.platform.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Settings the web app needs before it draws anything (no secrets here; a 天地图 key is a browser key). */
@RestController
@Tag(name = "平台 Platform")
class ClientConfigController {

    /**
     * @param tileUrl     the base map's XYZ tile template; null: vector boundaries only
     * @param tileLabelUrl a label layer drawn over the base map (天地图's annotations), or null
     * @param tileSubdomains what {s} in the templates stands for, in turn
     */
    record ClientConfig(@Nullable String tileUrl, @Nullable String tileLabelUrl, List<String> tileSubdomains,
                        @Nullable String tileAttribution, int maxZoom) {
    }

    private final MapSettings map;

    ClientConfigController(MapSettings map) {
        this.map = map;
    }

    @GetMapping("/api/config")
    @Operation(summary = "Map tile settings for the web app")
    ClientConfig config() {
        MapSettings.Tiles tiles = map.tiles();
        return new ClientConfig(tiles.url(), tiles.labelUrl(), tiles.subdomains(), tiles.attribution(), map.maxZoom());
    }
}
