package io.yingji.region;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import org.junit.jupiter.api.Test;

class RegionIntegrationTests extends ApiTest {

    @Test
    void thePublicPickerGetsNamesAndCodesStepByStepWithoutLogin() {
        Response roots = api.send(org.springframework.http.HttpMethod.GET, "/public/regions", null, null, java.util.Map.of());
        assertThat(roots.status()).isEqualTo(200);
        assertThat(roots.body().valueStream().map(r -> r.path("name").asString())).containsExactly("浙江省");
        Response streets = api.send(org.springframework.http.HttpMethod.GET, "/public/regions/330105/children", null, null, java.util.Map.of());
        assertThat(streets.status()).isEqualTo(200);
        assertThat(streets.body().size()).isEqualTo(18);
        assertThat(streets.body().get(0).path("code").asString()).isEqualTo("330105001");
        assertThat(streets.body().get(0).path("name").asString()).isEqualTo("米市巷街道");
        // names and codes only: no boundaries or boxes for anonymous callers
        assertThat(streets.body().get(0).has("boundary")).isFalse();
        assertThat(streets.body().get(0).has("boundingBox")).isFalse();
        Response unknown = api.send(org.springframework.http.HttpMethod.GET, "/public/regions/339999/children", null, null, java.util.Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        Response malformed = api.send(org.springframework.http.HttpMethod.GET, "/public/regions/33x/children", null, null,
                java.util.Map.of("Accept-Language", "en"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().toString()).contains("33x");
    }

    @Test
    void gongshuHasItsEighteenStreets() {
        Response children = api.get("gongshu", "/api/regions/330105/children");
        assertThat(children.status()).isEqualTo(200);
        assertThat(children.body().valueStream().map(r -> r.path("name").asString()))
                .hasSize(18).contains("米市巷街道", "湖墅街道", "武林街道", "东新街道", "石桥街道");
    }

    @Test
    void aTownshipSeesItsPathUpwardButNotItsNeighbours() {
        Response detail = api.get("mishixiang", "/api/regions/330105001");
        assertThat(detail.body().path("ancestors").valueStream().map(r -> r.path("name").asString()))
                .containsExactly("浙江省", "杭州市", "拱墅区");
        assertThat(api.get("mishixiang", "/api/regions/330105").status()).isEqualTo(200);
        assertThat(api.get("mishixiang", "/api/regions/330105002").status()).isEqualTo(404);
        assertThat(api.get("mishixiang", "/api/regions/330105/children").body().valueStream()
                .map(r -> r.path("code").asString())).containsExactly("330105001");
    }

    @Test
    void theCityBureauSeesAllItsDistrictsButNotOtherCities() {
        Response districts = api.get("hangzhou", "/api/regions/330100/children");
        assertThat(districts.body().valueStream().map(r -> r.path("name").asString()))
                .contains("上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "临平区", "钱塘区", "富阳区", "临安区", "桐庐县", "淳安县", "建德市")
                .doesNotContain("下城区", "江干区");
        assertThat(api.get("hangzhou", "/api/regions/330200").status()).isEqualTo(404);
        assertThat(api.get("admin", "/api/regions/330482").body().path("region").path("name").asString()).isEqualTo("平湖市");
    }

    @Test
    void childrenComeAsGeoJsonForTheMap() {
        Response geojson = api.get("gongshu", "/api/regions/330105/children/geojson");
        assertThat(geojson.body().path("type").asString()).isEqualTo("FeatureCollection");
        assertThat(geojson.body().path("features").size()).isEqualTo(18);
        var first = geojson.body().path("features").get(0);
        assertThat(first.path("properties").path("name").asString()).isEqualTo("米市巷街道");
        assertThat(first.path("geometry").path("type").asString()).isEqualTo("Polygon");
        assertThat(first.path("geometry").path("coordinates").get(0).size()).isEqualTo(5);
        assertThat(api.get("gongshu", "/api/regions/330106/children/geojson").status()).isEqualTo(404);
    }

    @Test
    void theSubtreeForPickersHoldsOnlyTheCallersRegion() {
        Response subtree = api.get("mishixiang", "/api/regions/mine/subtree");
        assertThat(subtree.body().get(0).path("code").asString()).isEqualTo("330105001");
        assertThat(subtree.body().valueStream().map(r -> r.path("code").asString())).allMatch(c -> c.startsWith("330105001"));
        assertThat(subtree.body().get(1).path("path").asString()).startsWith("米市巷街道 / ");
        assertThat(api.get("gongshu", "/api/regions/mine/subtree").body().size()).isGreaterThan(18);
    }

    @Test
    void theWebAppIsServedForItsOwnRoutes() {
        Response page = api.send(org.springframework.http.HttpMethod.GET, "/enterprises/12", null, null,
                java.util.Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().asString()).contains("<div id=\"app\">");
        assertThat(api.send(org.springframework.http.HttpMethod.GET, "/api/config", null, null, java.util.Map.of()).status())
                .isEqualTo(401);
        assertThat(api.get("gongshu", "/api/config").body().path("maxZoom").asInt()).isEqualTo(18);
        // tests never reach the internet: the test profile configures no base map tiles
        assertThat(api.get("gongshu", "/api/config").body().path("tileUrl").isNull()).isTrue();
    }

    @Test
    void theNeighboursOutlinesAreGivenWithoutAnythingElseOfTheirs() {
        Response neighbours = api.get("gongshu", "/api/regions/mine/neighbours/geojson");
        assertThat(neighbours.status()).isEqualTo(200);
        assertThat(neighbours.body().path("type").asString()).isEqualTo("FeatureCollection");
        var features = neighbours.body().path("features").valueStream().toList();
        assertThat(features).isNotEmpty();
        assertThat(features.stream().map(f -> f.path("properties").path("code").asString()))
                .doesNotContain("330105").allMatch(code -> code.startsWith("3301") && code.length() == 6);
        assertThat(features).allMatch(f -> f.path("geometry").path("type").asString().endsWith("Polygon"));
        assertThat(features.get(0).path("properties").properties().stream().map(java.util.Map.Entry::getKey)).containsExactlyInAnyOrder("code", "name", "approximate");
        // the neighbours themselves stay out of reach
        String other = features.get(0).path("properties").path("code").asString();
        assertThat(api.get("gongshu", "/api/regions/" + other).status()).isEqualTo(404);
        assertThat(api.send(org.springframework.http.HttpMethod.GET, "/api/regions/mine/neighbours/geojson", null, null,
                java.util.Map.of()).status()).isEqualTo(401);
    }

    @Test
    void malformedCodesAreRefused() {
        Response response = api.get("gongshu", "/api/regions/33010");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.detail()).contains("格式不正确");
    }
}
