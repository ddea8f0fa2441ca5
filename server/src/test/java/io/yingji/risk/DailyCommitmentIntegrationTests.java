package io.yingji.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.Enterprises;
import java.util.HashMap;
import java.util.Map;
import io.yingji.support.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
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
        assertThat(api.post("xihu", "/api/enterprises/" + id + "/commitments", Map.of()).status()).isEqualTo(404);
        assertThat(api.post("qiye", "/api/enterprises/" + id + "/commitments", Map.of()).status()).isEqualTo(404);
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

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aPastDayShowsWhoHadToCommitThatDayNotToday() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
        long id = newGongshuEnterpriseWithRisk(3, 6, 15); // 橙 today
        Response first = api.get("gongshu", "/api/commitments");
        assertThat(first.body().path("recorded").asBoolean()).isTrue();
        int requiredToday = first.body().path("required").asInt();

        // the next day the enterprise's risk is lowered; the first day's list still holds it
        clock.advance(Duration.ofDays(1));
        api = new io.yingji.support.Api(port);
        long point = api.get("gongshu", "/api/enterprises/" + id + "/risk-points").body().get(0).path("id").asLong();
        assertThat(api.post("gongshu", "/api/risk-points/" + point + "/assessments", Map.of("method", "LEC", "l", 1, "e", 3, "c", 7))
                .status()).isIn(200, 201);
        Response dayBefore = api.get("gongshu", "/api/commitments?day=" + today);
        assertThat(dayBefore.body().path("required").asInt()).isEqualTo(requiredToday);
        assertThat(dayBefore.body().path("missing").valueStream().map(m -> m.path("enterpriseId").asLong())).contains(id);
        assertThat(api.get("gongshu", "/api/commitments").body().path("missing").valueStream()
                .map(m -> m.path("enterpriseId").asLong())).doesNotContain(id);

        Response unrecorded = api.get("gongshu", "/api/commitments?day=2020-01-01");
        assertThat(unrecorded.body().path("recorded").asBoolean()).isFalse();
        assertThat(unrecorded.body().path("required").asInt()).isZero();
        Response future = api.get("gongshu", "/api/commitments?day=" + today.plusDays(5));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.detail()).startsWith("不能查看未来日期的承诺情况");
    }
}
