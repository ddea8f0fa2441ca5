package io.yingji.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.Enterprises;
import io.yingji.support.MutableClock;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * Input the platform refuses whatever the endpoint: null list elements, control characters and text
 * direction overrides, duplicate JSON keys, numbers that are no finite double, coordinates off the
 * Earth, absurd alarm thresholds, a changed device code, a preview that accepts what drafting refuses,
 * and upload files that are not UTF-8. Each is a 400 field problem in the caller's language, and nothing
 * is written.
 */
class InputHygieneIntegrationTests extends ApiTest {

    @Autowired
    MutableClock clock;

    private long qiyeEnterprise() {
        return api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
    }

    private Response postJson(String user, String path, String json, String language) {
        return api.send(HttpMethod.POST, path, api.token(user), json, Map.of("Accept-Language", language));
    }

    private static String repeat(char c, int times) {
        return String.valueOf(c).repeat(times);
    }

    // null elements

    @Test
    void aNullChemicalOfAHazardSourceIsAFieldProblemNotA500() {
        long enterprise = api.post("gongshu", "/api/enterprises", Enterprises.inGongshu()).body().path("id").asLong();
        long before = count("select count(*) from major_hazard_source");
        Response refused = postJson("gongshu", "/api/enterprises/" + enterprise + "/hazard-sources",
                "{\"name\":\"储罐区\",\"exposedPeople\":10,\"chemicals\":[null]}", "zh-CN");
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(400);
        assertThat(refused.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(refused.errorFields()).containsExactly("chemicals[0]");
        assertThat(refused.detail()).isEqualTo("字段“chemicals[0]”不能为 null：列表中的每一项都须有值");
        assertThat(count("select count(*) from major_hazard_source")).isEqualTo(before);
    }

    @Test
    void aNullAnswerOfAnInspectionIsAFieldProblemInTheCallersLanguage() {
        long own = qiyeEnterprise();
        JsonNode checklist = api.get("qiye", "/api/checklists?industry=CHEMICAL").body().get(0);
        long before = count("select count(*) from inspection");
        Response refused = postJson("qiye", "/api/enterprises/" + own + "/inspections",
                "{\"checklistId\":" + checklist.path("id").asLong() + ",\"answers\":[{\"itemId\":"
                        + checklist.path("items").get(0).path("id").asLong() + ",\"passed\":true},null]}", "en");
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("answers[1]");
        assertThat(refused.detail()).isEqualTo("Field \"answers[1]\" must not be null: every item of a list needs a value");
        assertThat(count("select count(*) from inspection")).isEqualTo(before);
    }

    @Test
    void aNullElementIsRefusedByEveryEndpointAndAtAnyDepth() {
        long users = count("select count(*) from app_user");
        Response roles = postJson("gongshu", "/api/users", "{\"username\":\"nullrole01\",\"password\":\"Anquan2026\","
                + "\"displayName\":\"测试\",\"regionCode\":\"330105002\",\"roles\":[\"TOWNSHIP\",null]}", "zh-CN");
        assertThat(roles.status()).isEqualTo(400);
        assertThat(roles.errorFields()).containsExactly("roles[1]");
        assertThat(count("select count(*) from app_user")).isEqualTo(users);
        long warnings = count("select count(*) from warning");
        Response addresses = postJson("mishixiang", "/api/warnings", "{\"scope\":\"Private\",\"addresses\":[null]}", "zh-CN");
        assertThat(addresses.errorFields()).containsExactly("addresses[0]");
        assertThat(count("select count(*) from warning")).isEqualTo(warnings);
    }

    // control characters

    private Map<String, Object> hazard(String title, String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("description", description);
        body.put("enterpriseId", qiyeEnterprise());
        body.put("source", "GOVERNMENT_INSPECTION");
        return body;
    }

    @Test
    void controlCharactersAndDirectionOverridesAreRefusedInEveryTextField() {
        long before = count("select count(*) from hazard");
        for (String bad : List.of("\u0000", "\u0007", "\u001B[31m", "\u007F", "\u0085", "\u202E", "\u2066")) {
            Response refused = api.post("gongshu", "/api/hazards", hazard("储罐" + bad + "泄漏", "说明"));
            assertThat(refused.status()).as("%04X", (int) bad.charAt(0)).isEqualTo(400);
            assertThat(refused.errorFields()).containsExactly("title");
            assertThat(refused.detail()).isEqualTo("字段“title”含有不允许的字符 U+%04X（第 3 个字符）：不能保存控制字符和文字方向控制符",
                    (int) bad.charAt(0));
        }
        // an unpaired surrogate (PostgreSQL cannot store it) as the JSON escape a client may send
        Response surrogate = postJson("gongshu", "/api/hazards", "{\"title\":\"储罐\\ud800泄漏\",\"description\":\"说明\",\"enterpriseId\":"
                + qiyeEnterprise() + ",\"source\":\"GOVERNMENT_INSPECTION\"}", "zh-CN");
        assertThat(surrogate.errorFields()).containsExactly("title");
        assertThat(surrogate.detail()).contains("U+D800");
        assertThat(count("select count(*) from hazard")).isEqualTo(before);
        // deep inside a body, and in English
        long enterprise = api.post("gongshu", "/api/enterprises", Enterprises.inGongshu()).body().path("id").asLong();
        Response nested = api.send(HttpMethod.POST, "/api/enterprises/" + enterprise + "/hazard-sources", api.token("gongshu"),
                Map.of("name", "罐区", "exposedPeople", 1, "chemicals", List.of(Map.of("chemical", "AMMONIA\u202E", "quantity", 1))),
                Map.of("Accept-Language", "en"));
        assertThat(nested.errorFields()).containsExactly("chemicals[0].chemical");
        assertThat(nested.detail()).startsWith("Field \"chemicals[0].chemical\" holds the character U+202E (character 8)");
        // tab, line feed and carriage return are text
        Response multiLine = api.post("gongshu", "/api/hazards", hazard("储罐\t泄漏", "第一行\r\n第二行\n"));
        assertThat(multiLine.status()).as(multiLine.body().toString()).isEqualTo(201);
        assertThat(count("select count(*) from hazard")).isEqualTo(before + 1);
    }

    // duplicate keys

    @Test
    void aKeyGivenTwiceIsRefusedNamingIt() {
        long before = count("select count(*) from hazard");
        Response top = postJson("gongshu", "/api/hazards", "{\"title\":\"甲\",\"description\":\"说明\",\"title\":\"乙\","
                + "\"enterpriseId\":" + qiyeEnterprise() + ",\"source\":\"GOVERNMENT_INSPECTION\"}", "zh-CN");
        assertThat(top.status()).isEqualTo(400);
        assertThat(top.errorFields()).containsExactly("title");
        assertThat(top.detail()).isEqualTo("字段“title”在同一个对象中出现了不止一次");
        long enterprise = api.post("gongshu", "/api/enterprises", Enterprises.inGongshu()).body().path("id").asLong();
        Response nested = postJson("gongshu", "/api/enterprises/" + enterprise + "/hazard-sources", "{\"name\":\"罐区\",\"exposedPeople\":1,"
                + "\"chemicals\":[{\"chemical\":\"AMMONIA\",\"chemical\":\"CHLORINE\",\"quantity\":1}]}", "en");
        assertThat(nested.errorFields()).containsExactly("chemicals[0].chemical");
        assertThat(nested.detail()).isEqualTo("Field \"chemicals[0].chemical\" appears more than once in the same object");
        assertThat(count("select count(*) from hazard")).isEqualTo(before);
        assertThat(count("select count(*) from major_hazard_source where enterprise_id = " + enterprise)).isZero();
    }

    // coordinates

    @Test
    void hazardCoordinatesOffTheEarthAreRefused() {
        long before = count("select count(*) from hazard");
        Map<String, Object> lon200 = hazard("储罐泄漏", "说明");
        lon200.put("longitude", 200);
        lon200.put("latitude", 30.2);
        assertThat(api.post("gongshu", "/api/hazards", lon200).errorFields()).containsExactly("longitude");
        Map<String, Object> lat95 = hazard("储罐泄漏", "说明");
        lat95.put("longitude", 120.1);
        lat95.put("latitude", 95);
        Response latitude = api.post("gongshu", "/api/hazards", lat95);
        assertThat(latitude.errorFields()).containsExactly("latitude");
        assertThat(latitude.detail()).isEqualTo("纬度须为 -90 到 90 之间的数");
        Map<String, Object> huge = hazard("储罐泄漏", "说明");
        huge.put("longitude", 1e308);
        huge.put("latitude", 1e308);
        assertThat(api.post("gongshu", "/api/hazards", huge).errorFields()).containsExactlyInAnyOrder("longitude", "latitude");
        Map<String, Object> half = hazard("储罐泄漏", "说明");
        half.put("longitude", 120.1);
        assertThat(api.post("gongshu", "/api/hazards", half).errorFields()).containsExactly("latitude");
        Response infinite = postJson("gongshu", "/api/hazards", "{\"title\":\"储罐泄漏\",\"description\":\"说明\",\"enterpriseId\":"
                + qiyeEnterprise() + ",\"source\":\"GOVERNMENT_INSPECTION\",\"longitude\":1e999,\"latitude\":30}", "zh-CN");
        assertThat(infinite.status()).isEqualTo(400);
        assertThat(infinite.errorFields()).containsExactly("longitude");
        assertThat(infinite.detail()).isEqualTo("字段“longitude”的数值超出范围，须为有限的数");
        // (the public form checks its point the same way; not sent here, as it would count against the
        // anonymous report limit HazardIntegrationTests measures)
        assertThat(count("select count(*) from hazard")).isEqualTo(before);
        Response device = postJson("gongshu", "/api/devices", "{\"code\":\"GEO-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"name\":\"探测器\",\"type\":\"TOXIC_GAS\",\"enterpriseId\":" + qiyeEnterprise() + ",\"longitude\":-1e999,\"latitude\":30}",
                "zh-CN");
        assertThat(device.errorFields()).containsExactly("longitude");
    }

    // devices and their rules

    private long registerDevice(String code) {
        Response created = api.post("gongshu", "/api/devices", Map.of("code", code, "name", "2号储罐区探测器", "type", "TOXIC_GAS",
                "enterpriseId", qiyeEnterprise()));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("device").path("id").asLong();
    }

    @Test
    void alarmThresholdsAndHysteresisMustBeFiniteAndWithinTheirSpan() {
        long device = registerDevice("RULE-" + UUID.randomUUID().toString().substring(0, 8));
        long before = count("select count(*) from alarm_rule");
        Response huge = api.post("gongshu", "/api/devices/" + device + "/rules",
                Map.of("metric", "h2s", "kind", "ABOVE", "level", 1, "threshold", 1e308));
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.errorFields()).containsExactly("threshold");
        assertThat(huge.detail()).isEqualTo("报警阈值须在 -1000000000 到 1000000000 之间");
        Response hysteresis = api.post("gongshu", "/api/devices/" + device + "/rules",
                Map.of("metric", "h2s", "kind", "ABOVE", "level", 1, "threshold", 10, "hysteresis", Math.pow(2, 70)));
        assertThat(hysteresis.errorFields()).containsExactly("hysteresis");
        Response below = api.post("gongshu", "/api/devices/" + device + "/rules",
                Map.of("metric", "o2", "kind", "BELOW", "level", 1, "threshold", 19.5, "hysteresis", 1e308));
        assertThat(below.errorFields()).containsExactly("hysteresis");
        Response rate = api.post("gongshu", "/api/devices/" + device + "/rules",
                Map.of("metric", "h2s", "kind", "RATE", "level", 1, "threshold", 0.5, "hysteresis", 0.5));
        assertThat(rate.errorFields()).containsExactly("hysteresis");
        assertThat(rate.detail()).isEqualTo("变化率规则的回差须小于阈值，否则报警永远不会恢复");
        Response typeRule = api.post("admin", "/api/alarm-rules",
                Map.of("deviceType", "TOXIC_GAS", "metric", "h2s", "kind", "ABOVE", "level", 2, "threshold", -Math.pow(2, 70)));
        assertThat(typeRule.errorFields()).containsExactly("threshold");
        assertThat(count("select count(*) from alarm_rule")).isEqualTo(before);
        Response sane = api.post("gongshu", "/api/devices/" + device + "/rules",
                Map.of("metric", "h2s", "kind", "ABOVE", "level", 1, "threshold", 10, "hysteresis", 2));
        assertThat(sane.status()).as(sane.body().toString()).isEqualTo(201);
    }

    @Test
    void aDeviceCodeCannotChangeNorGrowThroughAnUpdate() {
        String code = "PUT-" + UUID.randomUUID().toString().substring(0, 8);
        long device = registerDevice(code);
        Map<String, Object> change = new HashMap<>(Map.of("name", "改名的探测器", "type", "TOXIC_GAS", "enterpriseId", qiyeEnterprise()));
        change.put("code", repeat('A', 100_000));
        Response huge = api.put("gongshu", "/api/devices/" + device, change);
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.errorFields()).containsExactly("code");
        change.put("code", "OTHER-" + code);
        Response other = api.put("gongshu", "/api/devices/" + device, change);
        assertThat(other.errorFields()).containsExactly("code");
        assertThat(other.detail()).isEqualTo("设备编码登记后不能修改（本设备为“" + code + "”）");
        assertThat(jdbc.sql("select code || '/' || name from device where id = " + device).query(String.class).single())
                .isEqualTo(code + "/2号储罐区探测器");
        change.put("code", code);
        Response same = api.put("gongshu", "/api/devices/" + device, change);
        assertThat(same.status()).as(same.body().toString()).isEqualTo(200);
        assertThat(same.body().path("name").asString()).isEqualTo("改名的探测器");
    }

    // the audience preview

    private Map<String, Object> warning() {
        Map<String, Object> body = new HashMap<>();
        body.put("level", "ORANGE");
        body.put("status", "Actual");
        body.put("scope", "Public");
        body.put("category", "Met");
        body.put("event", "暴雨");
        body.put("urgency", "Expected");
        body.put("certainty", "Likely");
        body.put("headline", "米市巷街道暴雨橙色预警");
        body.put("description", "预计未来3小时内将出现50毫米以上降水。");
        body.put("expires", OffsetDateTime.now(clock).plusHours(6).truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("areas", List.of(Map.of("kind", "REGION", "regionCode", "330105001")));
        return body;
    }

    @Test
    void theAudiencePreviewRefusesWhatDraftingRefuses() {
        Map<String, Object> bad = warning();
        bad.put("category", "Weather");
        bad.put("urgency", "Soon");
        bad.put("level", "PURPLE");
        bad.put("headline", repeat('雨', 100_000));
        bad.put("instruction", repeat('走', 100_000));
        long before = count("select count(*) from warning");
        Response drafted = api.post("mishixiang", "/api/warnings", bad);
        assertThat(drafted.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>(drafted.errorFields());
        assertThat(fields).containsExactlyInAnyOrder("category", "urgency", "level", "headline", "instruction");
        Response preview = api.post("mishixiang", "/api/warnings/audience", bad);
        assertThat(preview.status()).isEqualTo(400);
        assertThat(preview.errorFields()).containsExactlyInAnyOrderElementsOf(fields);
        assertThat(count("select count(*) from warning")).isEqualTo(before);
        // what the compose form sends while still incomplete is counted
        Response partial = api.post("mishixiang", "/api/warnings/audience",
                Map.of("status", "Actual", "scope", "Public", "areas", List.of(Map.of("kind", "REGION", "regionCode", "330105001"))));
        assertThat(partial.status()).as(partial.body().toString()).isEqualTo(200);
    }

    // upload files

    private static final String DEVICE_HEADER = "code,name,type,enterpriseId,regionCode,longitude,latitude,expectedIntervalSeconds,unit,streamUrl\n";

    @Test
    void aGbkDeviceImportIsRefusedLikeTheEnterpriseImportNotStoredAsMojibake() {
        long devices = count("select count(*) from device");
        String code = "GBK-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] gbk = (DEVICE_HEADER + code + ",1号罐液位计,TANK_LEVEL," + qiyeEnterprise() + ",,,,60,,\n").getBytes(Charset.forName("GBK"));
        Response device = api.upload("gongshu", "/api/devices/import", "devices.csv", gbk);
        assertThat(device.status()).as(device.body().toString()).isEqualTo(400);
        assertThat(device.errorFields()).containsExactly("file");
        assertThat(device.body().path("errors").get(0).path("line").asInt()).isEqualTo(2);
        assertThat(device.detail()).startsWith("文件不是 UTF-8 编码：本行第 15 个字节起无法按 UTF-8 读取");
        assertThat(count("select count(*) from device")).isEqualTo(devices);

        long enterprises = count("select count(*) from enterprise");
        byte[] enterpriseGbk = ("统一社会信用代码,企业名称,行业,地址,经度,纬度,行政区划代码,法定代表人,安全负责人,安全负责人电话\n")
                .getBytes(Charset.forName("GBK"));
        Response enterprise = api.upload("gongshu", "/api/enterprises/import", "企业名录.csv", enterpriseGbk);
        assertThat(enterprise.status()).isEqualTo(400);
        assertThat(enterprise.errorFields()).containsExactly("file");
        assertThat(enterprise.body().path("type").asString()).isEqualTo(device.body().path("type").asString());
        assertThat(enterprise.detail()).startsWith("文件不是 UTF-8 编码");
        assertThat(count("select count(*) from enterprise")).isEqualTo(enterprises);

        byte[] utf16 = (DEVICE_HEADER).getBytes(StandardCharsets.UTF_16);
        assertThat(api.upload("gongshu", "/api/devices/import", "devices.csv", utf16).detail()).startsWith("文件是 UTF-16 编码");
    }

    @Test
    void importedCellsAreRefusedForControlCharactersByLineAndColumn() {
        long devices = count("select count(*) from device");
        String code = "ESC-" + UUID.randomUUID().toString().substring(0, 8);
        Response device = api.upload("gongshu", "/api/devices/import", "devices.csv",
                (DEVICE_HEADER + code + ",液位计\u001B[2J,TANK_LEVEL," + qiyeEnterprise() + ",,,,60,,\n").getBytes(StandardCharsets.UTF_8));
        assertThat(device.status()).isEqualTo(400);
        assertThat(device.errorFields()).containsExactly("name");
        assertThat(device.body().path("errors").get(0).path("line").asInt()).isEqualTo(2);
        assertThat(count("select count(*) from device")).isEqualTo(devices);

        long enterprises = count("select count(*) from enterprise");
        Map<String, Object> e = Enterprises.inGongshu();
        String csv = "统一社会信用代码,企业名称,行业,地址,经度,纬度,行政区划代码,法定代表人,安全负责人,安全负责人电话\n"
                + String.join(",", (String) e.get("creditCode"), "杭州\u202E司公限有", "工贸制造", "杭州市测试路1号", "120.16", "30.288",
                        "330105001", "张伟", "李娜", "13906812222") + "\n";
        Response enterprise = api.upload("gongshu", "/api/enterprises/import", "企业名录.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(enterprise.status()).isEqualTo(400);
        assertThat(enterprise.errorFields()).contains("name");
        assertThat(enterprise.body().path("errors").valueStream().filter(p -> p.path("field").asString().equals("name"))
                .findFirst().orElseThrow().path("message").asString()).contains("U+202E");
        assertThat(count("select count(*) from enterprise")).isEqualTo(enterprises);
    }

    @Test
    void aZoningLayerImportIsRefusedForControlCharactersInItsNames() {
        long layers = count("select count(*) from risk_zone_layer");
        String geojson = """
                {"type":"FeatureCollection","features":[
                  {"type":"Feature","properties":{"name":"运河\u202E沿岸","grade":1},
                   "geometry":{"type":"Polygon","coordinates":[[[120.14,30.31],[120.16,30.31],[120.16,30.33],[120.14,30.31]]]}}]}""";
        Response refused = api.upload("gongshu", "/api/risk/zones", "风险区划.geojson", geojson.getBytes(StandardCharsets.UTF_8),
                Map.of("name", "拱墅区\u0007洪涝风险区划", "hazardType", "FLOOD"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactlyInAnyOrder("name", "features[0].properties.name");
        assertThat(count("select count(*) from risk_zone_layer")).isEqualTo(layers);
    }
}
