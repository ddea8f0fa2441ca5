package io.yingji.region;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.ClientAddresses;
import io.yingji.support.DemoPlaces;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** "使用我的位置": which region a citizen stands in, without login, for the public report form's picker. */
class RegionLocateIntegrationTests extends ApiTest {

    private Response locate(String query, Map<String, String> headers) {
        return api.send(HttpMethod.GET, "/public/regions/locate?" + query, null, null, headers);
    }

    private Response locate(String query) {
        return locate(query, ClientAddresses.freshClient());
    }

    @Test
    void answersTheSmallestRegionContainingThePointWithThePathToItWithoutLogin() {
        // the middle of 宝石社区, 北山街道, 西湖区 (its box; no outline loaded there)
        Response found = locate("longitude=120.11875&latitude=30.27");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().path("code").asString()).isEqualTo(DemoPlaces.BAOSHI);
        assertThat(found.body().path("name").asString()).isEqualTo("宝石社区");
        assertThat(found.body().path("fullName").asString()).isEqualTo("浙江省 杭州市 西湖区 北山街道 宝石社区");
        assertThat(found.body().path("path").valueStream().map(r -> r.path("code").asString()))
                .containsExactly("330000", "330100", DemoPlaces.XIHU, DemoPlaces.BEISHAN, DemoPlaces.BAOSHI);
        // near the border of two cities' boxes, the one the point lies centrally in (杭州, not 绍兴)
        assertThat(locate("longitude=120.1575&latitude=30.2912").body().path("code").asString())
                .isEqualTo(DemoPlaces.DATANGXIANG);
    }

    @Test
    void aLoadedOutlineDecidesOverTheBox() {
        // a township of 拱墅区 the boundary import tests leave alone; its outline: the box's western half
        String township = "330105010";
        JsonNode box = api.get("admin", "/api/regions/" + township).body().path("region").path("boundingBox");
        double w = box.path("minLongitude").asDouble();
        double s = box.path("minLatitude").asDouble();
        double e = box.path("maxLongitude").asDouble();
        double n = box.path("maxLatitude").asDouble();
        double middle = (w + e) / 2;
        String outline = String.format(Locale.ROOT, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{\"code\":\"%s\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}}]}", township, w, s, middle, s, middle, n, w, n, w, s);
        assertThat(api.upload("gongshu", "/api/regions/boundaries", "康桥街道.geojson", outline.getBytes(StandardCharsets.UTF_8))
                .status()).isEqualTo(200);
        double lat = (s + n) / 2;
        Response west = locate(String.format(Locale.ROOT, "longitude=%f&latitude=%f", w + (middle - w) / 2, lat));
        assertThat(west.body().path("path").valueStream().map(r -> r.path("code").asString())).contains(township);
        Response east = locate(String.format(Locale.ROOT, "longitude=%f&latitude=%f", middle + (e - middle) / 2, lat));
        assertThat(east.status()).isEqualTo(200);
        assertThat(east.body().path("path").valueStream().map(r -> r.path("code").asString())).doesNotContain(township);
    }

    @Test
    void refusesCoordinatesThatAreNoPlaceInChineseAndEnglish() {
        for (String query : List.of("longitude=abc&latitude=30.27", "longitude=120.1", "latitude=30.2",
                "longitude=200&latitude=30", "longitude=120&latitude=95", "longitude=NaN&latitude=30", "")) {
            Response refused = locate(query);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.body().path("errors").get(0).path("message").asString()).as(query)
                    .isEqualTo("请给出正确的经纬度：经度 -180～180、纬度 -90～90 的数字");
        }
        Map<String, String> english = new HashMap<>(ClientAddresses.freshClient());
        english.put("Accept-Language", "en");
        assertThat(locate("longitude=x&latitude=y", english).body().path("errors").get(0).path("message").asString())
                .startsWith("Give a valid position");
    }

    @Test
    void aPointOutsideThePlatformsRegionsIsNotFound() {
        Response beijing = locate("longitude=116.40&latitude=39.90");
        assertThat(beijing.status()).isEqualTo(404);
        assertThat(beijing.detail()).isEqualTo("该位置不在本平台的行政区划范围内，请手动选择所在区划");
    }

    @Test
    void oneClientAddressIsLimitedLikeTheOtherPublicForms() {
        Map<String, String> client = ClientAddresses.freshClient();
        for (int i = 0; i < 30; i++) {
            assertThat(locate("longitude=120.11875&latitude=30.27", client).status()).isEqualTo(200);
        }
        Response tooMany = locate("longitude=120.11875&latitude=30.27", client);
        assertThat(tooMany.status()).isEqualTo(429);
        assertThat(tooMany.detail()).isEqualTo("定位过于频繁，请稍后再试");
        assertThat(locate("longitude=120.11875&latitude=30.27").status()).as("another address").isEqualTo(200);
    }
}
