package io.yingji.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskZoningIntegrationTests extends ApiTest {

    private static final String ZONES = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"name":"运河沿岸低洼区","grade":1},
               "geometry":{"type":"Polygon","coordinates":[[[120.14,30.31],[120.16,30.31],[120.16,30.33],[120.14,30.33],[120.14,30.31]]]}},
              {"type":"Feature","properties":{"name":"半山北麓","grade":3},
               "geometry":{"type":"MultiPolygon","coordinates":[[[[120.17,30.38],[120.19,30.38],[120.19,30.40],[120.17,30.38]]]]}}
            ]}""";

    private Response importAs(String user, String content) {
        return api.upload(user, "/api/risk/zones", "洪涝风险区划.geojson", content.getBytes(StandardCharsets.UTF_8),
                Map.of("name", "拱墅区洪涝灾害风险区划", "hazardType", "FLOOD"));
    }

    @Test
    void importsAZoningLayerAndServesItWithinScope() {
        Response imported = importAs("gongshu", ZONES);
        assertThat(imported.status()).isEqualTo(201);
        assertThat(imported.body().path("zones").asInt()).isEqualTo(2);
        long id = imported.body().path("id").asLong();
        Response geojson = api.get("gongshu", "/api/risk/zones/" + id + "/geojson");
        assertThat(geojson.body().path("features").get(0).path("properties").path("grade").asInt()).isEqualTo(1);
        assertThat(geojson.body().path("features").get(1).path("geometry").path("type").asString()).isEqualTo("MultiPolygon");
        assertThat(api.get("hangzhou", "/api/risk/zones").body().valueStream().map(l -> l.path("id").asLong())).contains(id);
        assertThat(api.get("xihu", "/api/risk/zones").body().valueStream().map(l -> l.path("id").asLong())).doesNotContain(id);
        assertThat(api.get("xihu", "/api/risk/zones/" + id + "/geojson").status()).isEqualTo(404);
        // the district's streets act on its layer
        assertThat(api.get("mishixiang", "/api/risk/zones").body().valueStream().map(l -> l.path("id").asLong())).contains(id);
        assertThat(api.get("mishixiang", "/api/risk/zones/" + id + "/geojson").status()).isEqualTo(200);
    }

    @Test
    void aCitysLayerIsForItsDistricts() {
        Response imported = api.upload("hangzhou", "/api/risk/zones", "全市地质灾害风险区划.geojson", ZONES.getBytes(StandardCharsets.UTF_8),
                Map.of("name", "杭州市地质灾害风险区划", "hazardType", "GEOLOGICAL"));
        assertThat(imported.status()).isEqualTo(201);
        long id = imported.body().path("id").asLong();
        assertThat(api.get("xihu", "/api/risk/zones").body().valueStream().map(l -> l.path("id").asLong())).contains(id);
        assertThat(api.get("gongshu", "/api/risk/zones/" + id + "/geojson").status()).isEqualTo(200);
    }

    /** Zoning layers belong to regions, not to enterprises: an enterprise account sees none of them (docs/data-scope.md). */
    @Test
    void anEnterpriseAccountSeesNoZoningLayer() {
        Response district = importAs("gongshu", ZONES);
        Response city = api.upload("hangzhou", "/api/risk/zones", "全市地质灾害风险区划.geojson", ZONES.getBytes(StandardCharsets.UTF_8),
                Map.of("name", "杭州市地质灾害风险区划", "hazardType", "GEOLOGICAL"));
        for (Response layer : java.util.List.of(district, city)) {
            assertThat(layer.status()).isEqualTo(201);
            long id = layer.body().path("id").asLong();
            assertThat(api.get("mishixiang", "/api/risk/zones/" + id + "/geojson").status()).isEqualTo(200);
            Response geojson = api.get("qiye", "/api/risk/zones/" + id + "/geojson");
            assertThat(geojson.status()).isEqualTo(404);
            assertThat(geojson.detail().replace(String.valueOf(id), "N"))
                    .isEqualTo(api.get("qiye", "/api/risk/zones/999999999/geojson").detail().replace("999999999", "N"));
        }
        Response layers = api.get("qiye", "/api/risk/zones");
        assertThat(layers.status()).isEqualTo(200);
        assertThat(layers.body().size()).isZero();
    }

    @Test
    void aWrongFileIsRefusedFeatureByFeatureAndNothingIsWritten() {
        long before = count("select count(*) from risk_zone_layer");
        String bad = """
                {"type":"FeatureCollection","features":[
                  {"type":"Feature","properties":{"grade":7},
                   "geometry":{"type":"Polygon","coordinates":[[[120.14,30.31],[120.16,30.31],[120.16,30.33],[120.14,30.33],[120.14,30.31]]]}},
                  {"type":"Feature","properties":{"grade":2},
                   "geometry":{"type":"Polygon","coordinates":[[[30.31,120.14],[30.31,120.16],[30.33,120.16],[30.31,120.14]]]}},
                  {"type":"Feature","properties":{"grade":2},
                   "geometry":{"type":"Polygon","coordinates":[[[120.14,30.31],[120.16,30.31],[120.16,30.33],[120.15,30.35]]]}},
                  {"type":"Feature","properties":{"grade":2},"geometry":{"type":"Point","coordinates":[120.1,30.3]}}
                ]}""";
        Response refused = importAs("gongshu", bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("features[0].properties.grade", "features[1].geometry",
                "features[2].geometry", "features[3].geometry");
        assertThat(refused.body().path("errors").get(1).path("message").asString()).isEqualTo("坐标不在中国境内，请检查经纬度顺序与坐标系");
        assertThat(importAs("gongshu", "not json").detail()).isEqualTo("文件不是有效的 GeoJSON");
        assertThat(importAs("gongshu", "{\"type\":\"Feature\"}").detail()).startsWith("文件须为包含至少一个要素");
        assertThat(count("select count(*) from risk_zone_layer")).isEqualTo(before);
    }

    @Test
    void onlyGovernmentWritersImport() {
        assertThat(importAs("wangge", ZONES).status()).isEqualTo(403);
        assertThat(importAs("qiye", ZONES).status()).isEqualTo(403);
    }
}
