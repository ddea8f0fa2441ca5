package io.yingji.platform.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Background map tiles for the web app's maps. Many deployments are offline (政务内网): with no tile
 * URL the maps show vector boundaries only.
 *
 * @param tileUrl         an XYZ tile URL template such as a 天地图 or OSM server, {z}/{x}/{y} placeholders
 * @param tileAttribution the attribution the tile provider requires
 * @param maxZoom         deepest zoom the tiles support
 */
@ConfigurationProperties("yingji.map")
record MapSettings(@Nullable String tileUrl, @Nullable String tileAttribution, int maxZoom) {

    MapSettings {
        tileUrl = tileUrl == null || tileUrl.isBlank() ? null : tileUrl;
        maxZoom = maxZoom <= 0 ? 18 : maxZoom;
    }
}
