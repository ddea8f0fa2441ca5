package io.yingji.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MapSettingsTests {

    @Test
    void theDefaultIsOpenStreetMapWithItsAttribution() {
        MapSettings.Tiles tiles = new MapSettings(null, null, null, null, 0).tiles();
        assertThat(tiles.url()).isEqualTo("https://tile.openstreetmap.org/{z}/{x}/{y}.png");
        assertThat(tiles.attribution()).contains("OpenStreetMap");
        assertThat(tiles.labelUrl()).isNull();
        assertThat(new MapSettings(null, null, null, null, 0).maxZoom()).isEqualTo(18);
    }

    @Test
    void tiandituNeedsItsKeyAndDrawsLabelsOverTheVectorMap() {
        assertThatThrownBy(() -> new MapSettings("tianditu", null, null, " ", 18)).hasMessageContaining("tianditu-key");
        MapSettings.Tiles tiles = new MapSettings("TianDiTu", null, null, "abc123", 18).tiles();
        assertThat(tiles.url()).startsWith("https://t{s}.tianditu.gov.cn/vec_w/").contains("LAYER=vec", "TILEMATRIXSET=w", "tk=abc123",
                "TILEMATRIX={z}", "TILEROW={y}", "TILECOL={x}");
        assertThat(tiles.labelUrl()).startsWith("https://t{s}.tianditu.gov.cn/cva_w/").contains("tk=abc123");
        assertThat(tiles.subdomains()).hasSize(8);
        assertThat(tiles.attribution()).contains("天地图");
    }

    @Test
    void customAndNone() {
        MapSettings.Tiles custom = new MapSettings("custom", "http://tiles.gov.local/{s}/{z}/{x}/{y}.png", "本地瓦片", null, 17).tiles();
        assertThat(custom.url()).isEqualTo("http://tiles.gov.local/{s}/{z}/{x}/{y}.png");
        assertThat(custom.subdomains()).containsExactly("a", "b", "c");
        assertThat(custom.attribution()).isEqualTo("本地瓦片");
        assertThat(new MapSettings("custom", "", null, null, 17).tiles().url()).as("custom without a URL: vector only").isNull();
        assertThat(new MapSettings("none", "http://ignored/{z}/{x}/{y}.png", null, null, 17).tiles().url()).isNull();
        assertThatThrownBy(() -> new MapSettings("amap", null, null, null, 18)).hasMessageContaining("osm, tianditu, custom or none");
    }
}
