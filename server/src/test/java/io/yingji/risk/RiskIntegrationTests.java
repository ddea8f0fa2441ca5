package io.yingji.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.ApiTest;
import io.yingji.support.Api.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskIntegrationTests extends ApiTest {

    private long qiyeEnterprise() {
        return api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
    }

    private long anyEnterpriseIn(String prefix) {
        return count("select min(id) from enterprise where region_code like '" + prefix + "%' and id not in "
                + "(select enterprise_id from app_user where enterprise_id is not null)");
    }

    private static Map<String, Object> lec(String name, int l, int e, int c) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("category", "SITE");
        body.put("method", "LEC");
        body.put("l", l);
        body.put("e", e);
        body.put("c", c);
        body.put("controlMeasures", "设置可燃气体报警；每班巡检");
        body.put("responsiblePerson", "钱明");
        body.put("responsiblePhone", "13906810002");
        return body;
    }

    @Test
    void anEnterpriseRegistersItsOwnRiskPointGradedByLec() {
        long own = qiyeEnterprise();
        Response created = api.post("qiye", "/api/enterprises/" + own + "/risk-points", lec("甲醇储罐区", 3, 6, 40));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("score").decimalValue()).isEqualByComparingTo("720");
        assertThat(created.body().path("level").asString()).isEqualTo("RED");
        assertThat(api.get("qiye", "/api/risk/levels").body().path(String.valueOf(own)).asString()).isEqualTo("RED");
        assertThat(api.get("gongshu", "/api/risk/levels").body().path(String.valueOf(own)).asString()).isEqualTo("RED");
        assertThat(api.get("xihu", "/api/risk/levels").body().has(String.valueOf(own))).isFalse();
    }

    @Test
    void reassessmentKeepsTheHistory() {
        long own = qiyeEnterprise();
        long id = api.post("qiye", "/api/enterprises/" + own + "/risk-points", lec("导热油炉", 3, 6, 15)).body().path("id").asLong();
        Response again = api.post("qiye", "/api/risk-points/" + id + "/assessments",
                Map.of("method", "LS", "l", 2, "s", 4, "comment", "增设联锁后复评"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("level").asString()).isEqualTo("BLUE");
        Response detail = api.get("gongshu", "/api/risk-points/" + id);
        assertThat(detail.body().path("history").valueStream().map(h -> h.path("level").asString()))
                .containsExactly("BLUE", "ORANGE");
        assertThat(detail.body().path("history").get(0).path("comment").asString()).isEqualTo("增设联锁后复评");
    }

    @Test
    void scopeHoldsForReadingAndActing() {
        long xihuEnterprise = anyEnterpriseIn("330106");
        long xihuPoint = api.post("xihu", "/api/enterprises/" + xihuEnterprise + "/risk-points", lec("西湖测试风险点", 1, 6, 7))
                .body().path("id").asLong();
        assertThat(api.get("gongshu", "/api/risk-points/" + xihuPoint).status()).isEqualTo(404);
        assertThat(api.get("gongshu", "/api/enterprises/" + xihuEnterprise + "/risk-points").status()).isEqualTo(404);
        assertThat(api.post("gongshu", "/api/risk-points/" + xihuPoint + "/assessments",
                Map.of("method", "LS", "l", 1, "s", 1)).status()).isEqualTo(404);
        assertThat(api.put("gongshu", "/api/risk-points/" + xihuPoint, lec("改名", 1, 1, 1)).status()).isEqualTo(404);
        assertThat(api.post("gongshu", "/api/enterprises/" + xihuEnterprise + "/risk-points", lec("越权", 1, 1, 1)).status())
                .isEqualTo(404);
        long neighbour = anyEnterpriseIn("330105");
        assertThat(api.post("qiye", "/api/enterprises/" + neighbour + "/risk-points", lec("越权", 1, 1, 1)).status()).isEqualTo(404);
        assertThat(api.get("gongshu", "/api/risk-points?size=500").body().path("content").valueStream()
                .map(p -> p.path("regionCode").asString())).allMatch(c -> c.startsWith("330105"));
        assertThat(api.get("qiye", "/api/risk-points?size=500").body().path("content").valueStream()
                .map(p -> p.path("enterpriseId").asLong())).allMatch(id -> id == qiyeEnterprise());
    }

    @Test
    void aGridWorkerReadsTheRegisterButCannotAssess() {
        long village = anyEnterpriseIn("330105001055");
        long point = api.post("gongshu", "/api/enterprises/" + village + "/risk-points", lec("社区测试风险点", 1, 3, 7))
                .body().path("id").asLong();
        assertThat(api.get("wangge", "/api/risk-points/" + point).status()).isEqualTo(200);
        assertThat(api.post("wangge", "/api/risk-points/" + point + "/assessments", Map.of("method", "LS", "l", 1, "s", 1)).status())
                .isEqualTo(403);
    }

    @Test
    void badAssessmentsAreRefusedWithReasonsAndNothingWritten() {
        long own = qiyeEnterprise();
        long before = count("select count(*) from risk_point");
        Map<String, Object> body = lec("", 5, 6, 15);
        body.put("controlMeasures", " ");
        body.put("responsiblePhone", "12345");
        body.put("category", "WEATHER");
        Response response = api.post("qiye", "/api/enterprises/" + own + "/risk-points", body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("name", "l", "controlMeasures", "responsiblePhone", "category");
        assertThat(response.body().path("errors").valueStream().map(e -> e.path("message").asString()))
                .anyMatch(m -> m.startsWith("LEC 取值无效"));
        Response noMethod = api.post("qiye", "/api/enterprises/" + own + "/risk-points",
                new HashMap<>(Map.of("name", "x", "category", "SITE", "controlMeasures", "x", "responsiblePerson", "x",
                        "responsiblePhone", "13906810002")));
        assertThat(noMethod.errorFields()).containsExactly("method");
        assertThat(count("select count(*) from risk_point")).isEqualTo(before);
        assertThat(api.get("gongshu", "/api/risk-points?level=PURPLE").status()).isEqualTo(400);
    }

    @Test
    void theDemoCityHasARiskRegister() {
        Response red = api.get("hangzhou", "/api/risk-points?level=RED&size=5");
        assertThat(red.body().path("totalElements").asLong()).isPositive();
        assertThat(api.get("qiye", "/api/enterprises/" + qiyeEnterprise() + "/risk-points").body().valueStream()
                .map(p -> p.path("level").asString())).contains("ORANGE", "YELLOW", "BLUE");
        assertThat(api.get("gongshu", "/api/risk/grading").body().path("thresholds").path("lecRedAbove").asInt()).isEqualTo(320);
        List<String> levels = api.get("gongshu", "/api/risk-points?size=50").body().path("content").valueStream()
                .map(p -> p.path("level").asString()).toList();
        assertThat(levels).isSortedAccordingTo((a, b) -> RiskLevel.valueOf(a).compareTo(RiskLevel.valueOf(b)));
    }
}
