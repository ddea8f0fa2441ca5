package io.yingji.platform.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Background map tiles for the web app's maps. The default is OpenStreetMap's public tiles (WGS 84 /
 * Web Mercator, like every coordinate the platform stores), so a newcomer's browser with internet sees
 * streets; {@code tianditu} uses 天地图 with a key from configuration; {@code none} (or an empty
 * {@code tile-url} with provider {@code custom}) shows vector boundaries only, for offline networks
 * (政务内网). Whatever is configured, the web app falls back to vector-only when tiles fail to load.
 * 高德 and 百度 tiles are deliberately not offered: they are drawn in shifted coordinates (GCJ-02 /
 * BD-09), and every point and outline would sit a few hundred metres off.
 *
 * @param provider        osm (default), tianditu, custom (the {@code tileUrl} given), or none
 * @param tileUrl         with provider custom: an XYZ tile URL template with {z}/{x}/{y} (and {s}) placeholders
 * @param tileAttribution with provider custom: the attribution the tile provider requires
 * @param tiandituKey     with provider tianditu: the 天地图 browser key (tk); it is sent to browsers with every tile request
 * @param maxZoom         deepest zoom the tiles support
 */
@ConfigurationProperties("yingji.map")
record MapSettings(@Nullable String provider, @Nullable String tileUrl, @Nullable String tileAttribution,
                   @Nullable String tiandituKey, int maxZoom) {

    static final String OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    static final String OSM_ATTRIBUTION =
            "&copy; <a href=\"https://www.openstreetmap.org/copyright\" target=\"_blank\" rel=\"noopener\">OpenStreetMap</a> 贡献者";
    static final String TIANDITU_ATTRIBUTION =
            "&copy; <a href=\"https://www.tianditu.gov.cn/\" target=\"_blank\" rel=\"noopener\">天地图</a>";

    MapSettings {
        provider = provider == null || provider.isBlank() ? "osm" : provider.strip().toLowerCase(java.util.Locale.ROOT);
        tileUrl = blankToNull(tileUrl);
        tileAttribution = blankToNull(tileAttribution);
        tiandituKey = blankToNull(tiandituKey);
        maxZoom = maxZoom <= 0 ? 18 : maxZoom;
        if (!List.of("osm", "tianditu", "custom", "none").contains(provider)) {
            throw new IllegalArgumentException("yingji.map.provider must be osm, tianditu, custom or none, not " + provider);
        }
        if (provider.equals("tianditu") && tiandituKey == null) {
            throw new IllegalArgumentException("yingji.map.provider=tianditu needs yingji.map.tianditu-key (YINGJI_MAP_TIANDITU_KEY)");
        }
    }

    /** What the browser draws: the base layer, an optional label layer on top, and their attribution. */
    record Tiles(@Nullable String url, @Nullable String labelUrl, List<String> subdomains, @Nullable String attribution) {
    }

    Tiles tiles() {
        return switch (provider) {
            case "osm" -> new Tiles(OSM_URL, null, List.of(), OSM_ATTRIBUTION);
            // 天地图's Web Mercator (_w) vector map and its Chinese labels, from its eight hosts t0…t7
            case "tianditu" -> new Tiles(tianditu("vec"), tianditu("cva"), List.of("0", "1", "2", "3", "4", "5", "6", "7"),
                    TIANDITU_ATTRIBUTION);
            case "custom" -> new Tiles(tileUrl, null, tileUrl != null && tileUrl.contains("{s}") ? List.of("a", "b", "c") : List.of(),
                    tileAttribution);
            default -> new Tiles(null, null, List.of(), null);
        };
    }

    private String tianditu(String layer) {
        return "https://t{s}.tianditu.gov.cn/" + layer + "_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=" + layer
                + "&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=" + tiandituKey;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
