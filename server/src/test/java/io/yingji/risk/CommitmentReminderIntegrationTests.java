package io.yingji.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.AtOnce;
import io.yingji.support.Enterprises;
import io.yingji.support.MutableClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 提醒未承诺企业: a supervisor reminds the enterprises of its scope that have not committed today, each once
 * per 30 minutes per office, by inbox notice to the enterprise's accounts and SMS to its safety manager.
 */
class CommitmentReminderIntegrationTests extends ApiTest {

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A new enterprise in 米市巷街道 with a 较大 risk point: it must commit today and has not. */
    private long uncommittedInMishixiang() {
        Response created = api.post("gongshu", "/api/enterprises", Enterprises.inGongshu());
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        long id = created.body().path("id").asLong();
        Map<String, Object> point = new HashMap<>(Map.of("name", "反应釜", "category", "EQUIPMENT", "method", "LEC",
                "controlMeasures", "联锁与报警", "responsiblePerson", "李娜", "responsiblePhone", "13906812222"));
        point.put("l", 3);
        point.put("e", 6);
        point.put("c", 15);
        assertThat(api.post("gongshu", "/api/enterprises/" + id + "/risk-points", point).status()).isEqualTo(201);
        return id;
    }

    private String nameOf(long enterprise) {
        return api.get("gongshu", "/api/enterprises/" + enterprise).body().path("name").asString();
    }

    /** Text messages queued to the enterprise's safety manager by reminders. */
    private long textsTo(long enterprise) {
        return jdbc.sql("""
                select count(*) from delivery_target t join delivery_campaign c on c.id = t.campaign_id
                 where c.source like 'commitment-reminder:%' and t.name = :name and t.mobile = '13906812222'""")
                .param("name", "李娜（" + nameOf(enterprise) + "）").query(Long.class).single();
    }

    private long remindersOf(long enterprise) {
        return count("select count(*) from commitment_reminder where enterprise_id = " + enterprise);
    }

    @Test
    void remindsTheUncommittedEnterprisesOnceWithinHalfAnHourAndAgainAfterIt() {
        long enterprise = uncommittedInMishixiang();
        long audited = count("select count(*) from audit_event where action = 'commitment.remind'");
        Response first = api.post("gongshu", "/api/commitments/reminders", null);
        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        assertThat(first.body().path("reminded").asInt()).isPositive();
        assertThat(first.body().path("message").asString()).startsWith("已提醒 ").contains("家未承诺企业");
        assertThat(textsTo(enterprise)).isEqualTo(1);
        assertThat(remindersOf(enterprise)).isEqualTo(1);
        assertThat(count("select count(*) from audit_event where action = 'commitment.remind'")).isEqualTo(audited + 1);

        // a second click: nobody is reminded again, and the answer says why
        Response again = api.post("gongshu", "/api/commitments/reminders", null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("reminded").asInt()).isZero();
        assertThat(again.body().path("alreadyReminded").asInt()).isPositive();
        assertThat(again.body().path("message").asString()).contains("30 分钟内已提醒过");
        assertThat(textsTo(enterprise)).isEqualTo(1);

        // another office (the township) may remind it too; the district may again after half an hour
        assertThat(api.post("mishixiang", "/api/commitments/reminders", null).body().path("reminded").asInt()).isPositive();
        assertThat(textsTo(enterprise)).isEqualTo(2);
        clock.advance(Duration.ofMinutes(31));
        assertThat(api.post("gongshu", "/api/commitments/reminders", null).body().path("reminded").asInt()).isPositive();
        assertThat(textsTo(enterprise)).isEqualTo(3);

        // an English caller reads the answer in English
        Response english = api.send(org.springframework.http.HttpMethod.POST, "/api/commitments/reminders", api.token("gongshu"),
                Map.of(), Map.of("Accept-Language", "en"));
        assertThat(english.body().path("message").asString()).contains("within the last 30 minutes");
    }

    @Test
    void anEnterpriseThatCommittedIsNotReminded() {
        long enterprise = uncommittedInMishixiang();
        assertThat(api.post("gongshu", "/api/enterprises/" + enterprise + "/commitments", Map.of()).status()).isEqualTo(201);
        api.post("gongshu", "/api/commitments/reminders", null);
        assertThat(remindersOf(enterprise)).isZero();
        assertThat(textsTo(enterprise)).isZero();
    }

    @Test
    void anotherDistrictRemindsNoneOfGongshusAndEnterprisesAndGridWorkersMayNotRemind() {
        long enterprise = uncommittedInMishixiang();
        Response xihu = api.post("xihu", "/api/commitments/reminders", null);
        assertThat(xihu.status()).isEqualTo(200);
        assertThat(remindersOf(enterprise)).isZero();
        assertThat(textsTo(enterprise)).isZero();
        assertThat(api.post("qiye", "/api/commitments/reminders", null).status()).isEqualTo(403);
        assertThat(api.post("wangge", "/api/commitments/reminders", null).status()).isEqualTo(403);
        assertThat(remindersOf(enterprise)).isZero();
    }

    @Test
    void parallelIdenticalRemindersRemindEachEnterpriseOnce() {
        long enterprise = uncommittedInMishixiang();
        api.token("mishixiang");
        java.time.Instant start = java.time.Instant.now().minusMillis(1);
        List<Response> answers = AtOnce.fire(AtOnce.TIMES, () -> api.post("mishixiang", "/api/commitments/reminders", null));
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body().toString()).isEqualTo(200));
        assertThat(textsTo(enterprise)).isEqualTo(1);
        assertThat(remindersOf(enterprise)).isEqualTo(1);
        // every enterprise the calls found was reminded by exactly one of them: the claims the calls made add up to their answers
        String office = jdbc.sql("select office from commitment_reminder where enterprise_id = :id").param("id", enterprise)
                .query(String.class).single();
        long claimed = jdbc.sql("select count(*) from commitment_reminder where office = :office and reminded_at >= :start")
                .param("office", office).param("start", java.time.OffsetDateTime.ofInstant(start, java.time.ZoneOffset.UTC))
                .query(Long.class).single();
        assertThat(answers.stream().mapToInt(a -> a.body().path("reminded").asInt()).sum()).isEqualTo((int) claimed);
        assertThat(api.post("mishixiang", "/api/commitments/reminders", null).body().path("reminded").asInt()).isZero();
    }
}
