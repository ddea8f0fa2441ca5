package io.yingji.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * No existence oracle: every write endpoint of every module answers a record outside the caller's
 * scope — in the path or named by id in the body — exactly as it answers an id that does not exist
 * (404, the same text but for the id), and writes nothing. Region codes are public: a create in a
 * region outside the scope is refused with 403.
 */
class ForeignRecordIntegrationTests extends ApiTest {

    private static final long MISSING = 987_654_321L;

    /** One write, once against a record of 西湖区 (foreign to the caller) and once against an id that does not exist. */
    record Case(String name, String user, HttpMethod method, String foreignPath, @Nullable Object foreignBody,
                String missingPath, @Nullable Object missingBody, List<Long> foreignIds) {
    }

    private long created(Response response, String... path) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        var node = response.body();
        for (String step : path) {
            node = node.path(step);
        }
        return node.path("id").asLong();
    }

    private static Map<String, Object> riskPoint(String name) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "category", "SITE", "method", "LEC", "l", 1, "e", 6, "c", 7,
                "controlMeasures", "设置可燃气体报警；每班巡检"));
        body.put("responsiblePerson", "钱明");
        body.put("responsiblePhone", "13906810002");
        return body;
    }

    private static Map<String, Object> hazardSource() {
        return Map.of("name", "液氨储罐区", "exposedPeople", 10, "chemicals", List.of(Map.of("chemical", "AMMONIA", "quantity", 20)));
    }

    private static String code(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aForeignRecordIsAnsweredLikeAMissingOneByEveryWriteEndpoint() {
        long xihuEnterprise = count("select min(id) from enterprise where region_code like '330106%'");
        long qiye = api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
        Map<String, Object> enterpriseBody = api.editable(api.get("hangzhou", "/api/enterprises/" + xihuEnterprise).body());
        long xihuDevice = created(api.post("xihu", "/api/devices", Map.of("code", code("XH"), "name", "西湖区可燃气体探测器",
                "type", "COMBUSTIBLE_GAS", "enterpriseId", xihuEnterprise)), "device");
        long xihuRule = created(api.post("xihu", "/api/devices/" + xihuDevice + "/rules",
                Map.of("metric", "lel", "kind", "ABOVE", "level", 1, "threshold", 40)));
        long xihuPoint = created(api.post("xihu", "/api/enterprises/" + xihuEnterprise + "/risk-points", riskPoint("西湖测试风险点")));
        long xihuSource = created(api.post("xihu", "/api/enterprises/" + xihuEnterprise + "/hazard-sources", hazardSource()));
        long xihuHazard = created(api.post("xihu", "/api/hazards", Map.of("title", "配电箱未接地", "description", "配电箱外壳未接地",
                "enterpriseId", xihuEnterprise, "source", "GOVERNMENT_INSPECTION")));
        long xihuContact = created(api.post("xihu", "/api/warning-contacts", Map.of("group", "救援队长", "name", "西湖区救援队 李强",
                "regionCode", "330106", "mobile", "13912345677")));
        Map<String, Object> verification = Map.of("grade", "GENERAL", "category", "ELECTRICAL", "responsibleUnit", "某公司",
                "deadline", java.time.LocalDate.now().plusDays(10).toString(), "comment", "属实");
        Map<String, Object> inspection = Map.of("checklistId", 1, "answers", List.of());

        List<Case> cases = List.of(
                // enterprise
                new Case("PUT enterprise", "gongshu", HttpMethod.PUT, "/api/enterprises/" + xihuEnterprise, enterpriseBody,
                        "/api/enterprises/" + MISSING, enterpriseBody, List.of(xihuEnterprise)),
                new Case("add hazard source", "gongshu", HttpMethod.POST, "/api/enterprises/" + xihuEnterprise + "/hazard-sources",
                        hazardSource(), "/api/enterprises/" + MISSING + "/hazard-sources", hazardSource(), List.of(xihuEnterprise)),
                new Case("remove hazard source", "gongshu", HttpMethod.DELETE,
                        "/api/enterprises/" + xihuEnterprise + "/hazard-sources/" + xihuSource, null,
                        "/api/enterprises/" + MISSING + "/hazard-sources/" + xihuSource, null, List.of(xihuEnterprise)),
                // risk
                new Case("add risk point", "gongshu", HttpMethod.POST, "/api/enterprises/" + xihuEnterprise + "/risk-points",
                        riskPoint("越权"), "/api/enterprises/" + MISSING + "/risk-points", riskPoint("越权"), List.of(xihuEnterprise)),
                new Case("enterprise adds a risk point to another", "qiye", HttpMethod.POST,
                        "/api/enterprises/" + xihuEnterprise + "/risk-points", riskPoint("越权"),
                        "/api/enterprises/" + MISSING + "/risk-points", riskPoint("越权"), List.of(xihuEnterprise)),
                new Case("PUT risk point", "gongshu", HttpMethod.PUT, "/api/risk-points/" + xihuPoint, riskPoint("改名"),
                        "/api/risk-points/" + MISSING, riskPoint("改名"), List.of(xihuPoint)),
                new Case("assess risk point", "gongshu", HttpMethod.POST, "/api/risk-points/" + xihuPoint + "/assessments",
                        Map.of("method", "LS", "l", 1, "s", 1), "/api/risk-points/" + MISSING + "/assessments",
                        Map.of("method", "LS", "l", 1, "s", 1), List.of(xihuPoint)),
                new Case("daily commitment", "qiye", HttpMethod.POST, "/api/enterprises/" + xihuEnterprise + "/commitments", Map.of(),
                        "/api/enterprises/" + MISSING + "/commitments", Map.of(), List.of(xihuEnterprise)),
                // hazard
                new Case("inspection", "gongshu", HttpMethod.POST, "/api/enterprises/" + xihuEnterprise + "/inspections", inspection,
                        "/api/enterprises/" + MISSING + "/inspections", inspection, List.of(xihuEnterprise)),
                new Case("report at a foreign enterprise", "gongshu", HttpMethod.POST, "/api/hazards",
                        Map.of("title", "越权", "description", "x", "enterpriseId", xihuEnterprise, "source", "GOVERNMENT_INSPECTION"),
                        "/api/hazards", Map.of("title", "越权", "description", "x", "enterpriseId", MISSING, "source", "GOVERNMENT_INSPECTION"),
                        List.of(xihuEnterprise)),
                new Case("verify hazard", "gongshu", HttpMethod.POST, "/api/hazards/" + xihuHazard + "/verify", verification,
                        "/api/hazards/" + MISSING + "/verify", verification, List.of(xihuHazard)),
                // monitoring
                new Case("register device at a foreign enterprise", "gongshu", HttpMethod.POST, "/api/devices",
                        Map.of("code", code("F"), "name", "越权", "type", "COMBUSTIBLE_GAS", "enterpriseId", xihuEnterprise),
                        "/api/devices", Map.of("code", code("M"), "name", "越权", "type", "COMBUSTIBLE_GAS", "enterpriseId", MISSING),
                        List.of(xihuEnterprise)),
                new Case("enterprise registers a device of another", "qiye", HttpMethod.POST, "/api/devices",
                        Map.of("code", code("F"), "name", "越权", "type", "COMBUSTIBLE_GAS", "enterpriseId", xihuEnterprise),
                        "/api/devices", Map.of("code", code("M"), "name", "越权", "type", "COMBUSTIBLE_GAS", "enterpriseId", MISSING),
                        List.of(xihuEnterprise)),
                new Case("device watching a foreign hazard source", "gongshu", HttpMethod.POST, "/api/devices",
                        Map.of("code", code("F"), "name", "越权", "type", "TOXIC_GAS", "enterpriseId", qiye, "hazardSourceId", xihuSource),
                        "/api/devices", Map.of("code", code("M"), "name", "越权", "type", "TOXIC_GAS", "enterpriseId", qiye,
                                "hazardSourceId", MISSING), List.of(xihuSource)),
                new Case("PUT device", "gongshu", HttpMethod.PUT, "/api/devices/" + xihuDevice, Map.of("name", "x", "type", "COMBUSTIBLE_GAS"),
                        "/api/devices/" + MISSING, Map.of("name", "x", "type", "COMBUSTIBLE_GAS"), List.of(xihuDevice)),
                new Case("rotate device key", "gongshu", HttpMethod.POST, "/api/devices/" + xihuDevice + "/key", Map.of(),
                        "/api/devices/" + MISSING + "/key", Map.of(), List.of(xihuDevice)),
                new Case("set device rule", "gongshu", HttpMethod.POST, "/api/devices/" + xihuDevice + "/rules",
                        Map.of("metric", "lel", "kind", "ABOVE", "level", 1, "threshold", 1), "/api/devices/" + MISSING + "/rules",
                        Map.of("metric", "lel", "kind", "ABOVE", "level", 1, "threshold", 1), List.of(xihuDevice)),
                new Case("remove device rule", "gongshu", HttpMethod.DELETE, "/api/devices/" + xihuDevice + "/rules/" + xihuRule, null,
                        "/api/devices/" + MISSING + "/rules/" + xihuRule, null, List.of(xihuDevice)),
                new Case("gateway of a foreign enterprise", "gongshu", HttpMethod.POST, "/api/telemetry/gateways",
                        Map.of("code", code("GWF"), "name", "越权网关", "enterpriseId", xihuEnterprise), "/api/telemetry/gateways",
                        Map.of("code", code("GWM"), "name", "越权网关", "enterpriseId", MISSING), List.of(xihuEnterprise)),
                // warning
                new Case("remove warning contact", "gongshu", HttpMethod.DELETE, "/api/warning-contacts/" + xihuContact, null,
                        "/api/warning-contacts/" + MISSING, null, List.of(xihuContact)));

        List<String> tables = List.of("enterprise", "major_hazard_source", "risk_point", "risk_assessment", "daily_commitment",
                "inspection", "hazard", "hazard_event", "device", "alarm_rule", "telemetry_gateway", "warning_contact");
        Map<String, Long> before = new HashMap<>();
        tables.forEach(t -> before.put(t, count("select count(*) from " + t)));
        long devicesVersion = count("select count(*) from device where id = " + xihuDevice + " and name = '西湖区可燃气体探测器'");
        List<String> checked = new ArrayList<>();
        for (Case c : cases) {
            Response foreign = api.send(c.method(), c.foreignPath(), api.token(c.user()), c.foreignBody(), Map.of());
            Response missing = api.send(c.method(), c.missingPath(), api.token(c.user()), c.missingBody(), Map.of());
            assertThat(missing.status()).as("%s, missing id: %s", c.name(), missing.body()).isEqualTo(404);
            assertThat(foreign.status()).as("%s, foreign record: %s", c.name(), foreign.body()).isEqualTo(404);
            String foreignText = foreign.detail();
            for (long id : c.foreignIds()) {
                foreignText = foreignText.replace(String.valueOf(id), "#");
            }
            assertThat(foreignText).as(c.name()).isEqualTo(missing.detail().replace(String.valueOf(MISSING), "#"));
            checked.add(c.name());
        }
        assertThat(checked).hasSize(cases.size());
        tables.forEach(t -> assertThat(count("select count(*) from " + t)).as("rows of %s", t).isEqualTo(before.get(t)));
        assertThat(count("select count(*) from device where id = " + xihuDevice + " and name = '西湖区可燃气体探测器'"))
                .isEqualTo(devicesVersion);
    }

    @Test
    void aCreateInARegionOutsideTheScopeIsRefusedNotHidden() {
        List<Response> refused = List.of(
                api.post("gongshu", "/api/hazards", Map.of("title", "越界", "description", "x", "regionCode", "330106002",
                        "source", "GOVERNMENT_INSPECTION")),
                api.post("gongshu", "/api/devices", Map.of("code", code("RG"), "name", "越界", "type", "COMBUSTIBLE_GAS",
                        "regionCode", "330106002", "longitude", 120.13, "latitude", 30.27)),
                api.post("gongshu", "/api/telemetry/gateways", Map.of("code", code("GWR"), "name", "越界网关", "regionCode", "330106")),
                api.post("gongshu", "/api/warning-contacts", Map.of("group", "救援队长", "name", "越界", "regionCode", "330106",
                        "mobile", "13912345676")),
                api.post("gongshu", "/api/enterprises", io.yingji.support.Enterprises.inXihu(120.10, 30.25)));
        assertThat(refused).extracting(Response::status).containsOnly(403);
    }
}
