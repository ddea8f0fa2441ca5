package io.yingji.warning;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.AtOnce;
import io.yingji.support.DemoPlaces;
import io.yingji.support.MutableClock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 提醒未确认人员: the staff a published warning reached who have not acknowledged it are told again at once
 * through the warning's delivery campaign — once per office in 30 minutes, only for a warning in force,
 * only within the caller's scope.
 */
class WarningReminderIntegrationTests extends ApiTest {

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Map<String, Object> warning() {
        Map<String, Object> body = new HashMap<>();
        body.put("level", "ORANGE");
        body.put("status", "Actual");
        body.put("scope", "Public");
        body.put("category", "Met");
        body.put("event", "暴雨");
        body.put("urgency", "Expected");
        body.put("certainty", "Likely");
        body.put("headline", "米市巷街道暴雨橙色预警（提醒测试）");
        body.put("description", "预计未来3小时内将出现50毫米以上降水。");
        body.put("instruction", "请远离低洼地带。");
        body.put("expires", OffsetDateTime.now(clock).plusHours(6).truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("areas", List.of(Map.of("kind", "REGION", "regionCode", DemoPlaces.MISHIXIANG)));
        return body;
    }

    private long draft() {
        Response created = api.post("mishixiang", "/api/warnings", warning());
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    /** Published by the township, approved by the district, targeted, and its first round sent (the tests' dispatcher is off). */
    private long publishedAndSent() throws InterruptedException {
        long id = draft();
        assertThat(api.post("mishixiang", "/api/warnings/" + id + "/submit", Map.of()).status()).isEqualTo(200);
        Response approved = api.post("gongshu", "/api/warnings/" + id + "/approve", Map.of());
        assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (count("select count(*) from warning_targeting where warning_id = " + id) == 0) {
            assertThat(System.nanoTime()).as("warning %d targeted in time", id).isLessThan(deadline);
            Thread.sleep(100);
        }
        jdbc.sql("""
                update delivery_task set status = 'SENT', sent_at = :at
                 where campaign_id = (select id from delivery_campaign where source = :source) and status = 'QUEUED'""")
                .param("at", OffsetDateTime.now().minusMinutes(1)).param("source", staff(id)).update();
        return id;
    }

    private static String staff(long warningId) {
        return "warning:" + warningId + ":staff";
    }

    private long unacknowledged(long warningId) {
        return jdbc.sql("""
                select count(*) from delivery_target g join delivery_campaign c on c.id = g.campaign_id
                 where c.source = :source and g.acknowledged_at is null and g.channels <> ''""")
                .param("source", staff(warningId)).query(Long.class).single();
    }

    private long secondRoundTasks(long warningId) {
        return jdbc.sql("""
                select count(*) from delivery_task t join delivery_campaign c on c.id = t.campaign_id
                 where c.source = :source and t.round = 2""").param("source", staff(warningId)).query(Long.class).single();
    }

    @Test
    void theUnacknowledgedAreToldAgainOnceWithinHalfAnHour() throws Exception {
        long id = publishedAndSent();
        // the township acknowledges; everyone else has not
        Response ack = api.post("mishixiang", "/api/notifications/campaigns/" + staff(id) + "/ack", null);
        assertThat(ack.status()).as(ack.body().toString()).isLessThan(300);
        long waiting = unacknowledged(id);
        assertThat(waiting).isPositive();
        long audited = count("select count(*) from audit_event where action = 'warning.remind' and entity_id = '" + id + "'");

        Response reminded = api.post("gongshu", "/api/warnings/" + id + "/reminders", null);
        assertThat(reminded.status()).as(reminded.body().toString()).isEqualTo(200);
        assertThat(reminded.body().path("reminded").asLong()).isEqualTo(waiting);
        assertThat(reminded.body().path("message").asString()).isEqualTo("已再次通知 " + waiting + " 名未确认人员");
        assertThat(secondRoundTasks(id)).isEqualTo(waiting);
        long mishixiang = api.get("mishixiang", "/api/me").body().path("id").asLong();
        assertThat(count("select count(*) from delivery_target g join delivery_campaign c on c.id = g.campaign_id where c.source = '"
                + staff(id) + "' and g.user_id = " + mishixiang + " and g.round = 1")).as("who acknowledged is not told again").isEqualTo(1);
        assertThat(count("select count(*) from audit_event where action = 'warning.remind' and entity_id = '" + id + "'"))
                .isEqualTo(audited + 1);

        // a second click within half an hour reminds nobody and says so; after it, the office may again
        Response again = api.post("gongshu", "/api/warnings/" + id + "/reminders", null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("reminded").asInt()).isZero();
        assertThat(again.body().path("alreadyReminded").asBoolean()).isTrue();
        assertThat(again.body().path("message").asString()).contains("30 分钟内已提醒过");
        assertThat(secondRoundTasks(id)).isEqualTo(waiting);
        clock.advance(Duration.ofMinutes(31));
        // the second round is still queued (the dispatcher is off): nobody gets a third message on top of it
        assertThat(api.post("gongshu", "/api/warnings/" + id + "/reminders", null).body().path("reminded").asInt()).isZero();
    }

    @Test
    void onlyAWarningInForceWithinScopeCanHaveItsRecipientsReminded() throws Exception {
        long id = publishedAndSent();
        assertThat(api.post("xihu", "/api/warnings/" + id + "/reminders", null).status()).isEqualTo(404);
        assertThat(api.post("qiye", "/api/warnings/" + id + "/reminders", null).status()).isEqualTo(403);
        assertThat(api.post("gongshu", "/api/warnings/999999999/reminders", null).status()).isEqualTo(404);
        assertThat(secondRoundTasks(id)).isZero();

        Response draft = api.post("mishixiang", "/api/warnings/" + draft() + "/reminders", null);
        assertThat(draft.status()).isEqualTo(409);
        assertThat(draft.detail()).isEqualTo("只有已发布且未失效的预警才能提醒未确认人员");

        assertThat(api.post("gongshu", "/api/warnings/" + id + "/cancel", Map.of("reason", "降雨已减弱")).status()).isEqualTo(201);
        Response cancelled = api.post("gongshu", "/api/warnings/" + id + "/reminders", null);
        assertThat(cancelled.status()).isEqualTo(409);
        assertThat(secondRoundTasks(id)).isZero();
    }

    @Test
    void parallelIdenticalRemindersTellEachRecipientOnce() throws Exception {
        long id = publishedAndSent();
        long waiting = unacknowledged(id);
        api.token("gongshu");
        List<Response> answers = AtOnce.fire(AtOnce.TIMES, () -> api.post("gongshu", "/api/warnings/" + id + "/reminders", null));
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body().toString()).isEqualTo(200));
        assertThat(answers.stream().filter(a -> !a.body().path("alreadyReminded").asBoolean())).hasSize(1);
        assertThat(answers.stream().mapToLong(a -> a.body().path("reminded").asLong()).sum()).isEqualTo(waiting);
        assertThat(secondRoundTasks(id)).isEqualTo(waiting);
    }
}
