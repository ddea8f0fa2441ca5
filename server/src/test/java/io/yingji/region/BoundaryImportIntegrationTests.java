package io.yingji.region;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BoundaryImportIntegrationTests extends ApiTest {

    /** A region's box as [minLon, minLat, maxLon, maxLat], read as the administrator. */
    static double[] box(Api api, String code) {
        JsonNode box = api.get("admin", "/api/regions/" + code).body().path("region").path("boundingBox");
        return new double[] {box.path("minLongitude").asDouble(), box.path("minLatitude").asDouble(),
                box.path("maxLongitude").asDouble(), box.path("maxLatitude").asDouble()};
    }

    /** An irregular hexagon inside the box, as a GeoJSON Polygon: what a real outline looks like, roughly. */
    static String hexagonIn(double[] b) {
        double w = b[2] - b[0];
        double h = b[3] - b[1];
        double[][] points = {{0.2, 0.1}, {0.8, 0.15}, {0.9, 0.5}, {0.75, 0.9}, {0.25, 0.85}, {0.1, 0.45}, {0.2, 0.1}};
        List<String> ring = new ArrayList<>();
        for (double[] p : points) {
            ring.add(String.format(Locale.ROOT, "[%.6f,%.6f]", b[0] + p[0] * w, b[1] + p[1] * h));
        }
        return "{\"type\":\"Polygon\",\"coordinates\":[[" + String.join(",", ring) + "]]}";
    }

    static String feature(String codeProperty, String code, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"" + codeProperty + "\":" + code + "},\"geometry\":" + geometry + "}";
    }

    static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    private Response importAs(String user, String content) {
        return api.upload(user, "/api/regions/boundaries", "拱墅区街道边界.geojson", content.getBytes(StandardCharsets.UTF_8));
    }

    /** The last two townships of 拱墅区 (the first, 米市巷街道, is left to the tests that read its rectangle). */
    private List<String> twoTownships() {
        List<String> codes = api.get("gongshu", "/api/regions/330105/children").body().valueStream()
                .map(r -> r.path("code").asString()).toList();
        return codes.subList(codes.size() - 2, codes.size());
    }

    @Test
    void aBureauLoadsItsTownshipsOutlinesAndTheMapDrawsThem() {
        List<String> townships = twoTownships();
        String first = townships.get(0);
        String second = townships.get(1);
        String outline = hexagonIn(box(api, first));
        // a string code, and DataV's numeric adcode
        Response imported = importAs("gongshu", collection(feature("code", "\"" + first + "\"", outline),
                feature("adcode", second, hexagonIn(box(api, second)))));
        assertThat(imported.status()).isEqualTo(200);
        assertThat(imported.body().path("imported").asInt()).isEqualTo(2);
        assertThat(imported.body().path("codes").valueStream().map(JsonNode::asString)).containsExactly(first, second);

        Response map = api.get("gongshu", "/api/regions/330105/children/geojson");
        JsonNode drawn = map.body().path("features").valueStream()
                .filter(f -> f.path("id").asString().equals(first)).findFirst().orElseThrow();
        assertThat(drawn.path("properties").path("approximate").asBoolean()).isFalse();
        assertThat(drawn.path("properties").path("shape").asString()).isEqualTo("boundary");
        assertThat(drawn.path("geometry").path("coordinates").get(0).size()).isEqualTo(7);
        assertThat(drawn.path("geometry")).isEqualTo(api.json().readTree(outline));
        JsonNode rectangle = map.body().path("features").get(0);
        assertThat(rectangle.path("properties").path("approximate").asBoolean()).isTrue();
        assertThat(rectangle.path("properties").path("shape").asString()).isEqualTo("boundingBox");
        // the region's own detail carries it too (the warning map draws a region's area from it)
        assertThat(api.json().readTree(api.get("gongshu", "/api/regions/" + first).body().path("boundary").asString()))
                .isEqualTo(api.json().readTree(outline));

        assertThat(count("select count(*) from audit_event where action = 'region-boundary.import' and entity_id = '" + first
                + "' and actor_username = 'gongshu' and region_code = '" + first + "'")).isGreaterThanOrEqualTo(1);
        Response loaded = api.get("gongshu", "/api/regions/boundaries");
        assertThat(loaded.body().valueStream().filter(b -> b.path("code").asString().equals(first)).findFirst().orElseThrow()
                .path("source").asString()).isEqualTo("拱墅区街道边界.geojson");
        assertThat(api.get("xihu", "/api/regions/boundaries").body().valueStream().map(b -> b.path("code").asString()))
                .doesNotContain(first, second);

        // loading again replaces the outline
        Response again = importAs("gongshu", collection(feature("region_code", "\"" + first + "\"", outline)));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("replaced").asInt()).isEqualTo(1);
        assertThat(count("select count(*) from region_boundary where code = '" + first + "'")).isEqualTo(1);
    }

    @Test
    void everyWrongFeatureIsNamedAndNothingIsWritten() {
        // a township of 拱墅区 for each case, so that only the case named is wrong with it
        List<String> t = api.get("gongshu", "/api/regions/330105/children").body().valueStream()
                .map(r -> r.path("code").asString()).toList();
        String mine = t.get(1);
        String good = hexagonIn(box(api, mine));
        double[] b = box(api, t.get(8));
        String xihuTownship = api.get("xihu", "/api/regions/330106/children").body().get(0).path("code").asString();
        String bowTie = String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%1$f,%2$f],[%3$f,%4$f],[%3$f,%2$f],[%1$f,%4$f],[%1$f,%2$f]]]}",
                b[0], b[1], b[2], b[3]);
        long before = count("select count(*) from region_boundary");
        long audited = count("select count(*) from audit_event where action = 'region-boundary.import'");
        Response refused = importAs("gongshu", collection(
                feature("name", "\"米市巷街道\"", good),                                            // 0: no code
                feature("code", "\"330105999\"", good),                                           // 1: unknown code
                feature("code", "\"" + xihuTownship + "\"", good),                                // 2: another district's
                feature("code", "\"" + mine + "\"", good),                                        // 3: fine
                feature("code", "\"" + mine + "\"", good),                                        // 4: the same code again
                feature("code", "\"" + t.get(2) + "\"", "{\"type\":\"Point\",\"coordinates\":[120.15,30.3]}"),   // 5
                feature("code", "\"" + t.get(3) + "\"", "{\"type\":\"Polygon\",\"coordinates\":[[[120.15,30.3],[120.16,30.3],[120.15,30.3]]]}"), // 6: 3 positions
                feature("code", "\"" + t.get(4) + "\"", "{\"type\":\"Polygon\",\"coordinates\":[[[120.15,30.3],[120.16,30.3],[120.16,30.31],[120.15,30.31]]]}"), // 7: open
                feature("code", "\"" + t.get(5) + "\"", "{\"type\":\"Polygon\",\"coordinates\":[[[120.15,30.3],[120.16,\"north\"],[120.16,30.31],[120.15,30.3]]]}"), // 8
                feature("code", "\"" + t.get(6) + "\"", "{\"type\":\"Polygon\",\"coordinates\":[[[30.3,120.15],[30.3,120.16],[30.31,120.16],[30.3,120.15]]]}"), // 9: lat > 90
                feature("code", "\"" + t.get(8) + "\"", bowTie),                                      // 10: self-intersecting
                feature("code", "\"" + t.get(9) + "\"", hexagonIn(new double[] {121.50, 29.80, 121.60, 29.90})))); // 11: in 宁波
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("features[0].properties.code", "features[1].properties.code",
                "features[2].properties.code", "features[4].properties.code", "features[5].geometry", "features[6].geometry",
                "features[7].geometry", "features[8].geometry", "features[9].geometry", "features[10].geometry",
                "features[11].geometry");
        List<String> messages = refused.body().path("errors").valueStream().map(e -> e.path("message").asString()).toList();
        assertThat(messages.get(0)).isEqualTo("要素须在属性 code、adcode 或 region_code 中给出行政区划代码");
        assertThat(messages.get(1)).isEqualTo("行政区划代码“330105999”不存在或不在您的辖区内");
        // another district's township reads exactly like a code that does not exist
        assertThat(messages.get(2)).isEqualTo("行政区划代码“" + xihuTownship + "”不存在或不在您的辖区内");
        assertThat(messages.get(3)).isEqualTo("行政区划代码“" + mine + "”在文件中重复出现（与第 4 个要素相同）");
        assertThat(messages.get(4)).isEqualTo("边界几何须为 Polygon 或 MultiPolygon（文件中为 Point）");
        assertThat(messages.get(5)).isEqualTo("多边形的每个环至少需要 4 个坐标点");
        assertThat(messages.get(6)).isEqualTo("多边形的环须闭合（首尾坐标相同）");
        assertThat(messages.get(7)).startsWith("坐标须为 [经度, 纬度] 数字");
        assertThat(messages.get(8)).startsWith("坐标须为 [经度, 纬度] 数字");
        assertThat(messages.get(9)).startsWith("多边形无效：边自相交（约在经度 ");
        assertThat(messages.get(10)).startsWith("边界超出上级区划“拱墅区”的范围（经度 ");
        // nothing of the file was kept: not even the one good feature
        assertThat(count("select count(*) from region_boundary")).isEqualTo(before);
        assertThat(count("select count(*) from audit_event where action = 'region-boundary.import'")).isEqualTo(audited);

        Response english = api.upload(api.token("gongshu"), "/api/regions/boundaries", "x.geojson",
                collection(feature("code", "\"" + xihuTownship + "\"", good)).getBytes(StandardCharsets.UTF_8), Map.of(),
                Map.of("Accept-Language", "en"));
        assertThat(english.body().path("errors").get(0).path("message").asString())
                .isEqualTo("Region code \"" + xihuTownship + "\" does not exist or is outside your region");

        assertThat(importAs("gongshu", "not json").detail()).isEqualTo("文件不是有效的 GeoJSON");
        assertThat(importAs("gongshu", "{\"type\":\"Feature\"}").detail()).startsWith("文件须为包含至少一个要素");
        assertThat(importAs("gongshu", collection()).detail()).startsWith("文件须为包含至少一个要素");
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= 5_000; i++) {
            many.add(feature("code", "\"" + mine + "\"", good));
        }
        Response tooMany = importAs("gongshu", collection(many.toArray(String[]::new)));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body().path("errors").get(0).path("message").asString()).isEqualTo("一次最多导入 5000 个区划边界（文件中有 5001 个）");
        assertThat(count("select count(*) from region_boundary")).isEqualTo(before);
    }

    @Test
    void aHoleOutsideItsShellAndAMultiPolygonAreJudgedAsAWhole() {
        String mine = twoTownships().get(1);
        double[] b = box(api, mine);
        double w = b[2] - b[0];
        double h = b[3] - b[1];
        String multi = String.format(Locale.ROOT, "{\"type\":\"MultiPolygon\",\"coordinates\":["
                        + "[[[%1$f,%2$f],[%3$f,%2$f],[%3$f,%4$f],[%1$f,%2$f]]],"
                        + "[[[%5$f,%6$f],[%7$f,%6$f],[%7$f,%8$f],[%5$f,%6$f]]]]}",
                b[0] + 0.1 * w, b[1] + 0.1 * h, b[0] + 0.4 * w, b[1] + 0.4 * h,
                b[0] + 0.6 * w, b[1] + 0.6 * h, b[0] + 0.9 * w, b[1] + 0.9 * h);
        assertThat(importAs("gongshu", collection(feature("code", "\"" + mine + "\"", multi))).status()).isEqualTo(200);
        String holeOutside = String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":["
                        + "[[%1$f,%2$f],[%3$f,%2$f],[%3$f,%4$f],[%1$f,%2$f]],"
                        + "[[%5$f,%6$f],[%7$f,%6$f],[%7$f,%8$f],[%5$f,%6$f]]]}",
                b[0] + 0.1 * w, b[1] + 0.1 * h, b[0] + 0.4 * w, b[1] + 0.4 * h,
                b[0] + 0.6 * w, b[1] + 0.6 * h, b[0] + 0.9 * w, b[1] + 0.9 * h);
        Response refused = importAs("gongshu", collection(feature("code", "\"" + mine + "\"", holeOutside)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").get(0).path("message").asString()).startsWith("多边形无效：内环位于外环之外");
    }

    @Test
    void onlyTheAdministratorAndBureausLoadBoundariesAndABureauOnlyItsOwn() {
        String township = twoTownships().get(0);
        String file = collection(feature("code", "\"" + township + "\"", hexagonIn(box(api, township))));
        for (String user : List.of("mishixiang", "wangge", "qiye", "shenji", "zhujian")) {
            assertThat(importAs(user, file).status()).as(user).isEqualTo(403);
        }
        Response xihu = importAs("xihu", file);
        assertThat(xihu.status()).isEqualTo(400);
        assertThat(xihu.errorFields()).containsExactly("features[0].properties.code");
        assertThat(importAs("hangzhou", file).status()).isEqualTo(200);
        assertThat(importAs("admin", file).status()).isEqualTo(200);
    }
}
