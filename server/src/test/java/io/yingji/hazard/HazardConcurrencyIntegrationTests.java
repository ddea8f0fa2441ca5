package io.yingji.hazard;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.AtOnce;
import io.yingji.support.ModuleEvents;
import io.yingji.support.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** Every step of the hazard loop fired ten times at once: one wins, one history step, one event. */
class HazardConcurrencyIntegrationTests extends ApiTest {

    @RegisterExtension
    final ModuleEvents events = new ModuleEvents();

    @Autowired
    MutableClock clock;

    @Autowired
    io.yingji.hazard.internal.SupervisionRunner supervision;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
    }

    private long reported() {
        long enterprise = api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
        Response created = api.post("gongshu", "/api/hazards", Map.of("title", "储罐区可燃气体报警器失效",
                "description", "2 号储罐区可燃气体报警器显示故障", "enterpriseId", enterprise, "source", "GOVERNMENT_INSPECTION"));
        assertThat(created.status()).isEqualTo(201);
        api.token("qiye");
        return created.body().path("id").asLong();
    }

    private Map<String, Object> verification() {
        return Map.of("grade", "GENERAL", "category", "HAZCHEM", "responsibleUnit", "杭州运河精细化工有限公司",
                "deadline", today().plusDays(10).toString());
    }

    private void step(String user, long id, String action, Map<String, Object> body) {
        Response done = api.post(user, "/api/hazards/" + id + "/" + action, body);
        assertThat(done.status()).as(done.body().toString()).isEqualTo(200);
    }

    private int version(long id) {
        return api.get("gongshu", "/api/hazards/" + id).body().path("hazard").path("version").asInt();
    }

    /** Fires the step ten times at once and checks one success, one history step of it and one change event. */
    private Response once(String user, long id, String action, Map<String, Object> body, String status) {
        events.clear();
        long before = steps(id, action);
        Response won = AtOnce.exactlyOneWins(() -> api.post(user, "/api/hazards/" + id + "/" + action, body));
        assertThat(won.body().path("status").asString()).isEqualTo(status);
        assertThat(steps(id, action)).isEqualTo(before + 1);
        assertThat(events.of(HazardChanged.class).stream().filter(e -> e.hazardId() == id)).hasSize(1);
        assertThat(api.get("gongshu", "/api/hazards/" + id).body().path("hazard").path("status").asString()).isEqualTo(status);
        return won;
    }

    private long steps(long id, String action) {
        return jdbc.sql("select count(*) from hazard_event where hazard_id = :id and action = :action")
                .param("id", id).param("action", action).query(Long.class).single();
    }

    @Test
    void everyStepOfTheLoopFiredTenTimesAtOnceHappensOnce() {
        long id = reported();
        once("gongshu", id, "verify", verification(), "VERIFIED");
        once("gongshu", id, "assign", Map.of(), "ASSIGNED");
        // progress may be reported again and again; ten reports made from the same version are one report
        once("qiye", id, "progress", Map.of("comment", "已订购新报警器", "version", version(id)), "REMEDIATING");
        once("qiye", id, "complete", Map.of("comment", "已更换"), "REMEDIATED");
        once("gongshu", id, "reject", Map.of("comment", "缺少校验报告"), "REMEDIATING");
        step("qiye", id, "complete", Map.of("comment", "补充校验报告"));
        once("gongshu", id, "accept", Map.of("comment", "验收合格"), "CLOSED");
        assertThat(events.of(HazardClosed.class)).hasSize(1);
        assertThat(count("select count(*) from audit_event where entity_type = 'hazard' and entity_id = '" + id
                + "' and action = 'hazard.accept'")).isEqualTo(1);
    }

    @Test
    void tenDismissalsAtOnceDismissOnce() {
        long id = reported();
        once("gongshu", id, "dismiss", Map.of("comment", "重复上报"), "DISMISSED");
    }

    @Test
    void twoSupervisionPassesAtOnceEscalateAnOverdueHazardOnce() {
        long id = reported();
        step("gongshu", id, "verify", new HashMap<>(Map.of("grade", "GENERAL", "category", "HAZCHEM",
                "responsibleUnit", "杭州运河精细化工有限公司", "deadline", today().plusDays(1).toString())));
        step("gongshu", id, "assign", Map.of());
        clock.advance(Duration.ofDays(3));
        api = new Api(port);

        AtOnce.fire(2, () -> new Response(200, new org.springframework.http.HttpHeaders(),
                api.json().getNodeFactory().numberNode(supervision.run())));

        assertThat(steps(id, "escalate")).isEqualTo(1);
        assertThat(api.get("gongshu", "/api/hazards/" + id).body().path("hazard").path("escalations").asInt()).isEqualTo(1);
        assertThat(events.of(HazardOverdue.class).stream().filter(e -> e.hazardId() == id)).hasSize(1);
    }
}
