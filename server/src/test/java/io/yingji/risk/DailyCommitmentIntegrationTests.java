package io.yingji.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.Enterprises;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DailyCommitmentIntegrationTests extends ApiTest {

    private long newGongshuEnterpriseWithRisk(int l, int e, int c) {
        long id = api.post("gongshu", "/api/enterprises", Enterprises.inGongshu()).body().path("id").asLong();
        Map<String, Object> point = new HashMap<>(Map.of("name", "反应釜", "category", "EQUIPMENT", "method", "LEC",
                "controlMeasures", "联锁与报警", "responsiblePerson", "李娜", "responsiblePhone", "13906812222"));
        point.put("l", l);
        point.put("e", e);
        point.put("c", c);
        api.post("gongshu", "/api/enterprises/" + id + "/risk-points", point);
        return id;
    }

    @Test
    void aHighRiskEnterpriseCommitsOncePerDayAndLeavesTheMissingList() {
        long id = newGongshuEnterpriseWithRisk(3, 6, 15); // 橙
        Response before = api.get("gongshu", "/api/commitments");
        assertThat(before.body().path("missing").valueStream().map(m -> m.path("enterpriseId").asLong())).contains(id);
        assertThat(api.get("gongshu", "/api/enterprises/" + id + "/commitments/today").body().path("required").asBoolean()).isTrue();

        Response made = api.post("gongshu", "/api/enterprises/" + id + "/commitments", Map.of());
        assertThat(made.status()).isEqualTo(201);
        Response again = api.post("gongshu", "/api/enterprises/" + id + "/commitments", Map.of("content", "再次承诺"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.detail()).endsWith("已作出承诺，无需重复提交");

        Response after = api.get("gongshu", "/api/commitments");
        assertThat(after.body().path("missing").valueStream().map(m -> m.path("enterpriseId").asLong())).doesNotContain(id);
        assertThat(after.body().path("committed").asInt()).isEqualTo(before.body().path("committed").asInt() + 1);
        assertThat(api.get("gongshu", "/api/enterprises/" + id + "/commitments/today").body().path("committed").asBoolean()).isTrue();
    }

    @Test
    void lowRiskEnterprisesNeedNoCommitment() {
        long id = newGongshuEnterpriseWithRisk(1, 3, 7); // 21 → 蓝
        Response refused = api.post("gongshu", "/api/enterprises/" + id + "/commitments", Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.detail()).isEqualTo("该企业无红、橙风险或重大危险源，无需每日承诺");
    }

    @Test
    void scopeHoldsForCommitments() {
        long id = newGongshuEnterpriseWithRisk(6, 6, 15);
        assertThat(api.post("xihu", "/api/enterprises/" + id + "/commitments", Map.of()).status()).isEqualTo(403);
        assertThat(api.post("qiye", "/api/enterprises/" + id + "/commitments", Map.of()).status()).isEqualTo(403);
        assertThat(api.get("xihu", "/api/enterprises/" + id + "/commitments/today").status()).isEqualTo(404);
        assertThat(api.get("xihu", "/api/commitments").body().path("missing").valueStream()
                .map(m -> m.path("regionCode").asString())).allMatch(c -> c.startsWith("330106"));
        assertThat(api.get("mishixiang", "/api/commitments").body().path("missing").valueStream()
                .map(m -> m.path("regionCode").asString())).allMatch(c -> c.startsWith("330105001"));
        long own = api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
        Response qiye = api.get("qiye", "/api/commitments");
        assertThat(qiye.body().path("missing").valueStream().map(m -> m.path("enterpriseId").asLong())).allMatch(e -> e == own);
        assertThat(api.get("gongshu", "/api/commitments?day=yesterday").status()).isEqualTo(400);
    }
}
