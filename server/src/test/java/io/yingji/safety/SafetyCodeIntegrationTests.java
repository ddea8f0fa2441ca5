package io.yingji.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.Enterprises;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The code follows its inputs through module events, and only those who may see the enterprise see it. */
class SafetyCodeIntegrationTests extends ApiTest {

    private static Map<String, Object> riskPoint(int l, int e, int c) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "测试风险点", "category", "SITE", "method", "LEC",
                "controlMeasures", "专人管控", "responsiblePerson", "李娜", "responsiblePhone", "13906812222"));
        body.put("l", l);
        body.put("e", e);
        body.put("c", c);
        return body;
    }

    private Response code(String user, long enterprise) {
        return api.get(user, "/api/enterprises/" + enterprise + "/safety-code");
    }

    /** The code is recomputed by an event listener after the change commits: wait (at most 10 s) for it. */
    private Response codeOnceItIs(String expected, long enterprise, java.util.function.Predicate<Response> also) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Response response = code("gongshu", enterprise);
        while ((!response.body().path("code").asString().equals(expected) || !also.test(response)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            response = code("gongshu", enterprise);
        }
        return response;
    }

    @Test
    void theCodeFollowsRiskAndHazardsWithItsReasons() throws InterruptedException {
        long id = api.post("gongshu", "/api/enterprises", Enterprises.inGongshu()).body().path("id").asLong();
        assertThat(code("gongshu", id).body().path("code").asString()).isEqualTo("GREEN");

        api.post("gongshu", "/api/enterprises/" + id + "/risk-points", riskPoint(3, 6, 15)); // 270 → 橙
        Response yellow = codeOnceItIs("YELLOW", id, r -> true);
        assertThat(yellow.body().path("code").asString()).isEqualTo("YELLOW");
        assertThat(yellow.body().path("reasons").get(0).asString()).isEqualTo("企业风险等级为较大风险（橙）");

        long hazard = api.post("gongshu", "/api/hazards", Map.of("title", "重大隐患测试", "description", "测试",
                "enterpriseId", id, "source", "GOVERNMENT_INSPECTION")).body().path("id").asLong();
        api.post("gongshu", "/api/hazards/" + hazard + "/verify", Map.of("grade", "MAJOR", "category", "FIRE",
                "responsibleUnit", "测试单位", "deadline", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(20).toString()));
        Response major = codeOnceItIs("YELLOW", id, r -> r.body().path("reasons").size() == 2);
        assertThat(major.body().path("reasons").valueStream().map(r -> r.asString())).contains("存在未销号重大隐患 1 项");

        api.post("gongshu", "/api/enterprises/" + id + "/risk-points", riskPoint(6, 6, 15)); // 540 → 红
        Response red = codeOnceItIs("RED", id, r -> true);
        assertThat(red.body().path("code").asString()).isEqualTo("RED");
        assertThat(api.get("gongshu", "/api/safety-codes").body().path(String.valueOf(id)).asString()).isEqualTo("RED");

        Response english = api.send(org.springframework.http.HttpMethod.GET, "/api/enterprises/" + id + "/safety-code",
                api.token("gongshu"), null, Map.of("Accept-Language", "en"));
        assertThat(english.body().path("reasons").valueStream().map(r -> r.asString())).contains("1 major hazards not yet closed");
    }

    @Test
    void aLevelTwoAlarmTurnsTheCodeRedUntilItIsHandled() throws InterruptedException {
        long id = api.post("gongshu", "/api/enterprises", Enterprises.inGongshu()).body().path("id").asLong();
        String code = "SC-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Response device = api.post("gongshu", "/api/devices", Map.of("code", code, "name", "罐区可燃气体探测器",
                "type", "COMBUSTIBLE_GAS", "enterpriseId", id));
        String key = device.body().path("key").asString();
        api.send(org.springframework.http.HttpMethod.POST, "/api/telemetry", null,
                "{\"readings\":[{\"device\":\"" + code + "\",\"values\":{\"lel\":55}}]}", Map.of("Authorization", "Device " + code + ":" + key));
        Response red = codeOnceItIs("RED", id, r -> true);
        assertThat(red.body().path("reasons").valueStream().map(r -> r.asString()))
                .contains("1 个二级监测报警尚未处置", "2 个监测报警尚未消除");
        long deviceId = device.body().path("device").path("id").asLong();
        api.get("gongshu", "/api/alarms?size=10&deviceId=" + deviceId).body().path("content").valueStream().forEach(alarm ->
                api.post("gongshu", "/api/alarms/" + alarm.path("id").asLong() + "/handle", Map.of("disposal", "停止装卸，通风检漏")));
        // handled but the gas is still there: yellow until the readings are back to normal
        Response yellow = codeOnceItIs("YELLOW", id, r -> true);
        assertThat(yellow.body().path("reasons").valueStream().map(r -> r.asString())).containsExactly("2 个监测报警尚未消除");
        assertThat(api.get("gongshu", "/api/safety-index").body().valueStream()
                .filter(a -> a.path("regionCode").asString().equals("330105001")).findFirst().orElseThrow()
                .path("openAlarms").asLong()).isPositive();
    }

    @Test
    void onlyThoseWhoMaySeeTheEnterpriseSeeItsCode() throws InterruptedException {
        long id = api.post("gongshu", "/api/enterprises", Enterprises.inGongshu()).body().path("id").asLong();
        api.post("gongshu", "/api/enterprises/" + id + "/risk-points", riskPoint(3, 6, 15));
        assertThat(codeOnceItIs("YELLOW", id, r -> true).body().path("code").asString()).isEqualTo("YELLOW");
        assertThat(code("xihu", id).status()).isEqualTo(404);
        assertThat(code("qiye", id).status()).isEqualTo(404);
        assertThat(api.get("xihu", "/api/safety-codes").body().has(String.valueOf(id))).isFalse();
        assertThat(api.get("hangzhou", "/api/safety-codes").body().path(String.valueOf(id)).asString()).isEqualTo("YELLOW");
        assertThat(api.get("gongshu", "/api/safety-codes?regionCode=3301x").status()).isEqualTo(400);
        long own = api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
        assertThat(code("qiye", own).status()).isEqualTo(200);
    }
}
