package io.yingji.region;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.DemoPlaces;
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
        Response detail = api.get("mishixiang", "/api/regions/" + DemoPlaces.MISHIXIANG);
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
    void theDemoHoldsAllOfZhejiangsOfficialCodes() {
        Response zhejiang = api.get("admin", "/api/regions/330000/children");
        assertThat(zhejiang.body().valueStream().map(r -> r.path("name").asString())).containsExactly(
                "杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市", "衢州市", "舟山市", "台州市", "丽水市");
        Response villages = api.get("gongshu", "/api/regions/" + DemoPlaces.MISHIXIANG + "/children");
        assertThat(villages.body().valueStream().map(r -> r.path("code").asString() + " " + r.path("name").asString()))
                .contains(DemoPlaces.DATANGXIANG + " 大塘巷社区", DemoPlaces.JIACHENGXIANG + " 夹城巷社区").hasSize(7);
        // every region has a box, approximate where no boundary is known
        assertThat(villages.body().valueStream()).allMatch(r -> r.path("boundingBox").isObject());
        assertThat(api.get("admin", "/api/regions/330784").body().path("region").path("name").asString()).isEqualTo("永康市");
    }

    @Test
    void theSubtreeStopsAtTownshipsAboveATownship() {
        Response hangzhou = api.get("hangzhou", "/api/regions/mine/subtree");
        assertThat(hangzhou.body().valueStream().mapToInt(r -> r.path("level").asInt()).max().orElseThrow()).isEqualTo(4);
        assertThat(hangzhou.body().valueStream().map(r -> r.path("path").asString())).contains("杭州市 / 拱墅区 / 米市巷街道");
        Response township = api.get("mishixiang", "/api/regions/mine/subtree");
        assertThat(township.body().valueStream().map(r -> r.path("code").asString())).contains(DemoPlaces.DATANGXIANG).hasSize(8);
        Response village = api.get("wangge", "/api/regions/mine/subtree");
        assertThat(village.body().valueStream().map(r -> r.path("code").asString())).containsExactly(DemoPlaces.DATANGXIANG);
    }

    @Test
    void aNameSearchFindsRegionsInTheCallersSubtreeWithTheirPath() {
        Response found = api.get("gongshu", "/api/regions/search?q=大塘巷");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().valueStream().map(r -> r.path("code").asString() + " " + r.path("path").asString()))
                .containsExactly(DemoPlaces.DATANGXIANG + " 拱墅区 / 米市巷街道 / 大塘巷社区");
        assertThat(found.body().get(0).path("hasChildren").asBoolean()).isFalse();
        // higher levels first
        Response streets = api.get("hangzhou", "/api/regions/search?q=街道" + "&limit=5");
        assertThat(streets.body().size()).isEqualTo(5);
        assertThat(streets.body().valueStream()).allMatch(r -> r.path("level").asInt() == 4);
        Response districts = api.get("hangzhou", "/api/regions/search?q=区");
        assertThat(districts.body().get(0).path("level").asInt()).isEqualTo(3);
    }

    @Test
    void aNameSearchNeverLooksOutsideTheCallersScope() {
        // 北山街道 is in 西湖区, 卖鱼桥社区 in 湖墅街道 next to 米市巷街道, 宁波市 another city
        assertThat(api.get("gongshu", "/api/regions/search?q=北山").body().size()).isZero();
        assertThat(api.get("xihu", "/api/regions/search?q=北山").body().valueStream()
                .map(r -> r.path("code").asString())).contains(DemoPlaces.BEISHAN);
        assertThat(api.get("mishixiang", "/api/regions/search?q=卖鱼桥").body().size()).isZero();
        assertThat(api.get("gongshu", "/api/regions/search?q=卖鱼桥").body().size()).isEqualTo(1);
        assertThat(api.get("hangzhou", "/api/regions/search?q=宁波").body().size()).isZero();
        Response village = api.get("wangge", "/api/regions/search?q=社区");
        assertThat(village.body().valueStream().map(r -> r.path("code").asString())).containsExactly(DemoPlaces.DATANGXIANG);
    }

    @Test
    void aNameSearchNeedsTextAndABoundedLimit() {
        Response empty = api.get("gongshu", "/api/regions/search?q= ");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.detail()).contains("区划名称");
        assertThat(api.get("gongshu", "/api/regions/search").status()).isEqualTo(400);
        assertThat(api.get("gongshu", "/api/regions/search?q=社区" + "&limit=51").status()).isEqualTo(400);
        assertThat(api.get("gongshu", "/api/regions/search?q=社区" + "&limit=0").status()).isEqualTo(400);
        assertThat(api.get("gongshu", "/api/regions/search?q=社区" + "&limit=x").status()).isEqualTo(400);
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
        assertThat(features.get(0).path("properties").properties().stream().map(java.util.Map.Entry::getKey)).containsExactlyInAnyOrder("code", "name", "approximate", "shape");
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
