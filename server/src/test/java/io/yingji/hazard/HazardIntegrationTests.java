package io.yingji.hazard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.MapLayers;
import io.yingji.support.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

class HazardIntegrationTests extends ApiTest {

    @Autowired
    MutableClock clock;

    @Autowired
    io.yingji.hazard.internal.SupervisionRunner supervision;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    private long qiyeEnterprise() {
        return api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
    }

    private long reportAtQiye(String reporter, String source) {
        Response created = api.post(reporter, "/api/hazards", Map.of("title", "储罐区可燃气体报警器失效",
                "description", "2 号储罐区可燃气体报警器显示故障，未及时维修", "enterpriseId", qiyeEnterprise(), "source", source));
        assertThat(created.status()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    private Response act(String user, long id, String action, Map<String, Object> body) {
        return api.post(user, "/api/hazards/" + id + "/" + action, body);
    }

    private static Map<String, Object> verification(String grade, LocalDate deadline) {
        return Map.of("grade", grade, "category", "HAZCHEM", "responsibleUnit", "杭州运河精细化工有限公司",
                "deadline", deadline.toString(), "comment", "现场核实属实");
    }

    @Test
    void theWholeLoopFromReportToSignOff() {
        long id = reportAtQiye("qiye", "SELF_INSPECTION");
        assertThat(act("gongshu", id, "verify", verification("GENERAL", today().plusDays(10))).body().path("status").asString())
                .isEqualTo("VERIFIED");
        assertThat(act("gongshu", id, "assign", Map.of("comment", "请于期限内整改")).body().path("status").asString()).isEqualTo("ASSIGNED");
        assertThat(act("qiye", id, "progress", Map.of("comment", "已订购新报警器")).body().path("status").asString()).isEqualTo("REMEDIATING");
        assertThat(act("qiye", id, "complete", Map.of("comment", "已更换并校验")).body().path("status").asString()).isEqualTo("REMEDIATED");
        Response rejected = act("gongshu", id, "reject", Map.of());
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.detail()).isEqualTo("验收不通过时请说明原因");
        assertThat(act("gongshu", id, "reject", Map.of("comment", "缺少校验报告")).body().path("status").asString()).isEqualTo("REMEDIATING");
        act("qiye", id, "complete", Map.of("comment", "补充校验报告"));
        Response closed = act("gongshu", id, "accept", Map.of("comment", "验收合格，销号"));
        assertThat(closed.body().path("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.body().path("closedAt").isNull()).isFalse();

        Response detail = api.get("gongshu", "/api/hazards/" + id);
        assertThat(detail.body().path("history").valueStream().map(h -> h.path("action").asString() + ":" + h.path("actor").asString()))
                .containsExactly("report:qiye", "verify:gongshu", "assign:gongshu", "progress:qiye", "complete:qiye",
                        "reject:gongshu", "complete:qiye", "accept:gongshu");
        assertThat(detail.body().path("hazard").path("supervisingLevel").asString()).isEqualTo("TOWNSHIP");
        assertThat(count("select count(*) from audit_event where entity_type = 'hazard' and entity_id = '" + id + "'")).isEqualTo(8);
    }

    @Test
    void illegalStepsAreConflictsAndWrongRolesAreRefused() {
        long id = reportAtQiye("gongshu", "GOVERNMENT_INSPECTION");
        Response early = act("gongshu", id, "accept", Map.of());
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.detail()).isEqualTo("只有已整改的隐患才能验收（当前状态：REPORTED）");
        assertThat(act("gongshu", id, "assign", Map.of()).status()).isEqualTo(409);
        assertThat(act("qiye", id, "verify", verification("GENERAL", today().plusDays(5))).status()).isEqualTo(403);
        assertThat(act("wangge", id, "progress", Map.of()).status()).isIn(403, 404);
        assertThat(act("gongshu", id, "teleport", Map.of()).status()).isEqualTo(404);
        assertThat(api.get("gongshu", "/api/hazards/" + id).body().path("hazard").path("status").asString()).isEqualTo("REPORTED");
    }

    @Test
    void deadlinesFollowTheSupervisionRule() {
        long general = reportAtQiye("gongshu", "GOVERNMENT_INSPECTION");
        Response tooLate = act("gongshu", general, "verify", verification("GENERAL", today().plusDays(16)));
        assertThat(tooLate.status()).isEqualTo(400);
        assertThat(tooLate.detail()).isEqualTo("整改期限最晚为 " + today().plusDays(15) + "（督办时限 15 日）");
        assertThat(act("gongshu", general, "verify", verification("GENERAL", today().plusDays(15))).status()).isEqualTo(200);
        long major = reportAtQiye("gongshu", "GOVERNMENT_INSPECTION");
        Response majorVerified = act("gongshu", major, "verify", verification("MAJOR", today().plusDays(30)));
        assertThat(majorVerified.status()).isEqualTo(200);
        assertThat(majorVerified.body().path("supervisingLevel").asString()).isEqualTo("COUNTY");
        Response bad = act("gongshu", reportAtQiye("gongshu", "GOVERNMENT_INSPECTION"), "verify",
                new HashMap<>(Map.of("grade", "HUGE", "category", "WEATHER")));
        assertThat(bad.errorFields()).containsExactlyInAnyOrder("grade", "category", "responsibleUnit", "deadline");
    }

    @Test
    void anOverdueHazardIsEscalatedOnceToTheNextLevel() {
        long id = reportAtQiye("gongshu", "GOVERNMENT_INSPECTION");
        act("gongshu", id, "verify", verification("GENERAL", today().plusDays(1)));
        act("gongshu", id, "assign", Map.of());
        supervision.run();
        assertThat(api.get("gongshu", "/api/hazards/" + id).body().path("hazard").path("overdue").asBoolean()).isFalse();
        clock.advance(Duration.ofDays(3));
        api = new io.yingji.support.Api(port); // three days on, the morning's tokens have expired
        assertThat(supervision.run()).isPositive();
        Response escalated = api.get("gongshu", "/api/hazards/" + id);
        assertThat(escalated.body().path("hazard").path("overdue").asBoolean()).isTrue();
        assertThat(escalated.body().path("hazard").path("supervisingLevel").asString()).isEqualTo("COUNTY");
        assertThat(escalated.body().path("hazard").path("escalations").asInt()).isEqualTo(1);
        assertThat(escalated.body().path("history").valueStream().map(h -> h.path("action").asString())).contains("escalate");
        supervision.run();
        assertThat(api.get("gongshu", "/api/hazards/" + id).body().path("hazard").path("escalations").asInt()).isEqualTo(1);
        assertThat(api.get("gongshu", "/api/hazards?overdue=true&size=500").body().path("content").valueStream()
                .map(h -> h.path("id").asLong())).contains(id);
    }

    @Test
    void theMapShowsOpenHazardsInScopeAtTheirOrTheirEnterprisesPlace() {
        long id = reportAtQiye("qiye", "SELF_INSPECTION");
        Response map = api.get("gongshu", "/api/hazards/map");
        assertThat(map.status()).isEqualTo(200);
        List<JsonNode> rows = MapLayers.rows(map.body());
        var point = rows.stream().filter(p -> p.path("id").asLong() == id).findFirst().orElseThrow();
        var enterprise = api.get("qiye", "/api/enterprises/" + qiyeEnterprise()).body();
        assertThat(point.path("longitude").asDouble()).isCloseTo(enterprise.path("longitude").asDouble(), within(1e-6));
        assertThat(point.path("latitude").asDouble()).isCloseTo(enterprise.path("latitude").asDouble(), within(1e-6));
        assertThat(point.path("location").asString()).isEqualTo("ENTERPRISE");
        assertThat(point.path("status").asString()).isEqualTo("REPORTED");
        assertThat(rows.stream().map(p -> p.path("status").asString())).doesNotContain("CLOSED", "DISMISSED");
        assertThat(rows.stream().map(p -> p.path("regionCode").asString())).allMatch(c -> c.startsWith("330105"));
        // every open hazard is on the map (at its own place, its enterprise's or its region's centre) or counted as unplaced
        long open = count("select count(*) from hazard h where h.region_code like '330105%' and h.status not in ('CLOSED', 'DISMISSED')");
        assertThat(rows.size() + map.body().path("unplaced").asInt()).isEqualTo((int) open);

        assertThat(MapLayers.rows(api.get("xihu", "/api/hazards/map").body()).stream().map(p -> p.path("id").asLong())).doesNotContain(id);
        assertThat(MapLayers.rows(api.get("qiye", "/api/hazards/map").body()).stream().map(p -> p.path("id").asLong())).contains(id);
        assertThat(MapLayers.rows(api.get("gongshu", "/api/hazards/map?regionCode=330105001").body()).stream()
                .map(p -> p.path("regionCode").asString())).allMatch(c -> c.startsWith("330105001"));
        Response bad = api.get("gongshu", "/api/hazards/map?regionCode=33x");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorFields()).containsExactly("regionCode");
        assertThat(api.send(HttpMethod.GET, "/api/hazards/map", null, null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void aHazardWithoutAPlaceOfItsOwnOrAnEnterpriseStandsApproximatelyAtItsRegionsCentreForItsRegionOnly() {
        JsonNode township = api.get("gongshu", "/api/regions/330105/children").body().get(0);
        String code = township.path("code").asString();
        Response created = api.post("gongshu", "/api/hazards", Map.of("title", "沿街店铺消防通道堵塞",
                "description", "巡查发现杂物堆放堵塞消防通道", "regionCode", code, "source", "GRID_PATROL"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        long id = created.body().path("id").asLong();
        assertThat(created.body().path("longitude").isNull() || created.body().path("longitude").isMissingNode()).isTrue();

        Response map = api.get("gongshu", "/api/hazards/map?regionCode=" + code);
        var point = MapLayers.rows(map.body()).stream().filter(p -> p.path("id").asLong() == id).findFirst().orElseThrow();
        assertThat(point.path("location").asString()).isEqualTo("REGION");
        JsonNode box = township.path("boundingBox");
        assertThat(point.path("longitude").asDouble())
                .isCloseTo((box.path("minLongitude").asDouble() + box.path("maxLongitude").asDouble()) / 2, within(1e-6));
        assertThat(point.path("latitude").asDouble())
                .isCloseTo((box.path("minLatitude").asDouble() + box.path("maxLatitude").asDouble()) / 2, within(1e-6));
        // the hazards placed exactly are not marked approximate
        Response precise = api.post("gongshu", "/api/hazards", Map.of("title", "配电箱门未关闭", "description", "配电箱门未关闭且无警示",
                "regionCode", code, "source", "GRID_PATROL", "longitude", 120.1601, "latitude", 30.2901));
        long preciseId = precise.body().path("id").asLong();
        assertThat(MapLayers.rows(api.get("gongshu", "/api/hazards/map").body()).stream().filter(p -> p.path("id").asLong() == preciseId)
                .map(p -> p.path("location").asString())).containsExactly("OWN");

        // another district sees neither, on its map or by asking for the region
        assertThat(MapLayers.rows(api.get("xihu", "/api/hazards/map").body()).stream().map(p -> p.path("id").asLong()))
                .doesNotContain(id, preciseId);
        Response asked = api.get("xihu", "/api/hazards/map?regionCode=" + code);
        if (asked.status() == 200) {
            assertThat(MapLayers.rows(asked.body())).isEmpty();
        } else {
            assertThat(asked.status()).isIn(403, 404);
        }
        assertThat(api.get("xihu", "/api/hazards/" + id).status()).isEqualTo(404);
    }

    @Test
    void scopeHoldsForHazards() {
        long id = reportAtQiye("qiye", "SELF_INSPECTION");
        assertThat(api.get("xihu", "/api/hazards/" + id).status()).isEqualTo(404);
        assertThat(act("xihu", id, "verify", verification("GENERAL", today().plusDays(5))).status()).isEqualTo(404);
        assertThat(api.get("mishixiang", "/api/hazards/" + id).status()).isEqualTo(404);
        assertThat(api.get("gongshu", "/api/hazards/" + id).status()).isEqualTo(200);
        assertThat(api.get("xihu", "/api/hazards?size=500").body().path("content").valueStream()
                .map(h -> h.path("regionCode").asString())).allMatch(c -> c.startsWith("330106"));
        long own = qiyeEnterprise();
        assertThat(api.get("qiye", "/api/hazards?size=500").body().path("content").valueStream()
                .map(h -> h.path("enterpriseId").asLong())).isNotEmpty().allMatch(e -> e == own);
        long xihuEnterprise = count("select min(id) from enterprise where region_code like '330106%'");
        Response outside = api.post("gongshu", "/api/hazards", Map.of("title", "越权上报", "description", "x",
                "enterpriseId", xihuEnterprise, "source", "GOVERNMENT_INSPECTION"));
        assertThat(outside.status()).isEqualTo(404);
        Response wrongSource = api.post("qiye", "/api/hazards", Map.of("title", "x", "description", "x",
                "enterpriseId", own, "source", "GRID_PATROL"));
        assertThat(wrongSource.errorFields()).containsExactly("source");
    }

    @Test
    void thePublicReportsAnonymouslyFollowsByCodeAndIsLimited() {
        long before = count("select count(*) from hazard");
        Map<String, Object> report = Map.of("title", "小区地下车库电动车违规充电", "description", "多辆电动车在车库内飞线充电",
                "regionCode", "330105001055");
        // a citizen of its own: other tests' anonymous reports from the test machine must not use up its limit
        Map<String, String> citizen = io.yingji.support.ClientAddresses.freshClient();
        Response created = api.send(HttpMethod.POST, "/public/hazards", null, report, citizen);
        assertThat(created.status()).isEqualTo(201);
        String code = created.body().path("trackingCode").asString();
        assertThat(code).startsWith("YH").hasSize(12);
        Response tracked = api.send(HttpMethod.GET, "/public/hazards/" + code, null, null, Map.of());
        assertThat(tracked.body().path("status").asString()).isEqualTo("REPORTED");
        assertThat(tracked.body().has("reporterName")).isFalse();
        assertThat(api.send(HttpMethod.GET, "/public/hazards/YHNOSUCHCODE", null, null, Map.of()).status()).isEqualTo(404);
        assertThat(api.get("gongshu", "/api/hazards?status=REPORTED&size=500").body().path("content").valueStream()
                .map(h -> h.path("trackingCode").asString())).contains(code);

        Response bad = api.send(HttpMethod.POST, "/public/hazards", null, Map.of("title", "", "regionCode", "999999",
                "contactPhone", "110"), citizen);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorFields()).containsExactlyInAnyOrder("title", "description", "regionCode", "contactPhone");

        // the refused report above counted as an attempt too: 1 good + 1 bad + 3 more good = the limit of 5
        int accepted = 1;
        Response last = created;
        while (last.status() == 201 && accepted < 10) {
            last = api.send(HttpMethod.POST, "/public/hazards", null, report, citizen);
            accepted += last.status() == 201 ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(4);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.detail()).isEqualTo("提交过于频繁，请稍后再试");
        assertThat(count("select count(*) from hazard")).isEqualTo(before + 4);
    }

    @Test
    void theDemoCityHasHazardsInEveryState() {
        List<String> statuses = jdbcStatuses();
        assertThat(statuses).contains("REPORTED", "VERIFIED", "ASSIGNED", "REMEDIATING", "REMEDIATED", "CLOSED", "DISMISSED");
        Response closed = api.get("gongshu", "/api/hazards?status=CLOSED&size=50");
        long demoClosed = closed.body().path("content").valueStream()
                .filter(h -> h.path("title").asString().equals("危化品仓库安全标识缺失")).count();
        assertThat(demoClosed).isEqualTo(1);
    }

    private List<String> jdbcStatuses() {
        return jdbc.sql("select distinct status from hazard").query(String.class).list();
    }

    @Test
    void statisticsEqualWhatIsStored() {
        reportAtQiye("gongshu", "GOVERNMENT_INSPECTION");
        Response statistics = api.get("gongshu", "/api/hazards/statistics");
        long byStatus = statistics.body().path("counts").path("status").valueStream().mapToLong(n -> n.asLong()).sum();
        assertThat(byStatus).isEqualTo(count("select count(*) from hazard where region_code like '330105%'"));
        assertThat(statistics.body().path("counts").path("source").path("GOVERNMENT_INSPECTION").asLong())
                .isEqualTo(count("select count(*) from hazard where region_code like '330105%' and source = 'GOVERNMENT_INSPECTION'"));
        assertThat(statistics.body().path("counts").path("industry").path("CHEMICAL").asLong())
                .isEqualTo(count("select count(*) from hazard where region_code like '330105%' and industry = 'CHEMICAL'"));
        assertThat(statistics.body().path("counts").path("overdue").path("OVERDUE").asLong())
                .isEqualTo(count("select count(*) from hazard where region_code like '330105%' and overdue_since is not null"));

        var chemical = statistics.body().path("byIndustry").valueStream()
                .filter(i -> i.path("industry").asString().equals("CHEMICAL")).findFirst().orElseThrow();
        assertThat(chemical.path("found").asLong())
                .isEqualTo(count("select count(*) from hazard where region_code like '330105%' and industry = 'CHEMICAL'"));
        assertThat(chemical.path("closed").asLong()).isEqualTo(count(
                "select count(*) from hazard where region_code like '330105%' and industry = 'CHEMICAL' and status = 'CLOSED'"));
        assertThat(chemical.path("overdue").asLong()).isEqualTo(count(
                "select count(*) from hazard where region_code like '330105%' and industry = 'CHEMICAL' and overdue_since is not null"));
        assertThat(statistics.body().path("byIndustry").valueStream().mapToLong(i -> i.path("found").asLong()).sum()).isEqualTo(byStatus);

        var streets = statistics.body().path("byRegion");
        assertThat(streets.size()).isEqualTo(18);
        var gongchenqiao = streets.valueStream().filter(s -> s.path("regionCode").asString().equals("330105005")).findFirst().orElseThrow();
        long found = count("select count(*) from hazard where region_code like '330105005%'");
        long closed = count("select count(*) from hazard where region_code like '330105005%' and status = 'CLOSED'");
        assertThat(gongchenqiao.path("found").asLong()).isEqualTo(found);
        assertThat(gongchenqiao.path("closed").asLong()).isEqualTo(closed);
        assertThat(gongchenqiao.path("closureRate").asDouble()).isEqualTo(Math.round(closed * 1000.0 / found) / 10.0);

        Response lastYear = api.get("gongshu", "/api/hazards/statistics?from=2025-01-01&to=2025-12-31");
        assertThat(lastYear.body().path("counts").path("status").size()).isZero();
        assertThat(api.get("gongshu", "/api/hazards/statistics?from=2026-02-01&to=2026-01-01").status()).isEqualTo(400);
        assertThat(api.get("gongshu", "/api/hazards?status=LOST").status()).isEqualTo(400);
        assertThat(api.get("gongshu", "/api/hazards?grade=HUGE").status()).isEqualTo(400);
        assertThat(api.get("qiye", "/api/hazards/statistics").body().path("counts").path("status").valueStream().mapToLong(n -> n.asLong()).sum())
                .isEqualTo(count("select count(*) from hazard where enterprise_id = " + qiyeEnterprise()));
        assertThat(api.get("qiye", "/api/hazards/statistics").body().path("byRegion").size()).isZero();
    }
}
