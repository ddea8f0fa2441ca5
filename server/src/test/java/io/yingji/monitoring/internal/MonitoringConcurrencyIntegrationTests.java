package io.yingji.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.monitoring.AlarmChanged;
import io.yingji.monitoring.AlarmHazardRequested;
import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.AtOnce;
import io.yingji.support.ModuleEvents;
import io.yingji.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** Every alarm and device transition fired ten times at once: one wins, the rest are told the record changed. */
class MonitoringConcurrencyIntegrationTests extends ApiTest {

    @RegisterExtension
    final ModuleEvents events = new ModuleEvents();

    @Autowired
    MutableClock clock;

    @Autowired
    MonitoringJobs jobs;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A raised alarm (toxic gas above its first level) of a new device of 杭州运河精细化工; answers its id. */
    private long raisedAlarm() {
        long enterprise = api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
        String code = "TOX-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = api.post("gongshu", "/api/devices", Map.of("code", code, "name", "并发测试探测器 " + code,
                "type", "TOXIC_GAS", "enterpriseId", enterprise));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        long device = created.body().path("device").path("id").asLong();
        String key = created.body().path("key").asString();
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        Response reading = api.send(HttpMethod.POST, "/api/telemetry", null,
                "{\"readings\":[{\"device\":\"" + code + "\",\"ts\":\"" + at + "\",\"values\":{\"ppm\":15}}]}",
                Map.of("Authorization", "Device " + code + ":" + key));
        assertThat(reading.status()).isEqualTo(200);
        List<Long> ids = api.get("gongshu", "/api/alarms?deviceId=" + device).body().path("content").valueStream()
                .map(a -> a.path("id").asLong()).toList();
        assertThat(ids).hasSize(1);
        api.token("qiye");
        api.token("gongshu");
        events.clear();
        return ids.get(0);
    }

    private List<String> history(long id) {
        return jdbc.sql("select action from alarm_event where alarm_id = :id order by id").param("id", id).query(String.class).list();
    }

    private long audited(long id, String action) {
        return jdbc.sql("select count(*) from audit_event where entity_type = 'alarm' and entity_id = :id and action = :action")
                .param("id", String.valueOf(id)).param("action", action).query(Long.class).single();
    }

    private long changes(long id, String status) {
        return events.of(AlarmChanged.class).stream().filter(e -> e.alarmId() == id && e.status().equals(status)).count();
    }

    @Test
    void tenAcknowledgementsAtOnceAcknowledgeOnceAndTellTheOthersTheAlarmChanged() {
        long id = raisedAlarm();

        Response won = AtOnce.exactlyOneWins(() -> api.post("qiye", "/api/alarms/" + id + "/acknowledge", Map.of("comment", "已到现场")));

        assertThat(won.body().path("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(history(id)).containsExactly("raise", "acknowledge");
        assertThat(audited(id, "alarm.acknowledge")).isEqualTo(1);
        assertThat(changes(id, "ACKNOWLEDGED")).isEqualTo(1);
        assertThat(api.get("qiye", "/api/alarms/" + id).body().path("alarm").path("version").asInt())
                .isEqualTo(won.body().path("version").asInt());
    }

    @Test
    void tenDisposalsAtOnceRecordOneDisposal() {
        long id = raisedAlarm();

        Response won = AtOnce.exactlyOneWins(() -> api.post("qiye", "/api/alarms/" + id + "/handle", Map.of("disposal", "关闭阀门，开启排风")));

        assertThat(won.body().path("status").asString()).isEqualTo("HANDLED");
        assertThat(history(id)).containsExactly("raise", "handle");
        assertThat(audited(id, "alarm.handled")).isEqualTo(1);
        assertThat(changes(id, "HANDLED")).isEqualTo(1);
    }

    @Test
    void anAcknowledgementAndADisposalAtOnceApplyInTurnOrOneIsToldTheAlarmChanged() {
        long id = raisedAlarm();
        List<Response> answers = AtOnce.fire(2, new java.util.function.Supplier<>() {
            final java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();

            @Override
            public Response get() {
                return n.getAndIncrement() == 0 ? api.post("qiye", "/api/alarms/" + id + "/acknowledge", Map.of())
                        : api.post("qiye", "/api/alarms/" + id + "/handle", Map.of("disposal", "关闭阀门"));
            }
        });
        long ok = answers.stream().filter(r -> r.status() == 200).count();
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).isIn(200, 409));
        // each success is one step in the history, and the alarm ends as the last success left it
        assertThat(history(id)).hasSize(1 + (int) ok);
        assertThat(api.get("qiye", "/api/alarms/" + id).body().path("alarm").path("status").asString())
                .isEqualTo(history(id).contains("handle") ? "HANDLED" : "ACKNOWLEDGED");
    }

    @Test
    void tenHazardRequestsAtOnceOpenOneHazard() throws InterruptedException {
        long id = raisedAlarm();

        Response won = AtOnce.exactlyOneWins(() -> api.post("gongshu", "/api/alarms/" + id + "/hazard", Map.of("title", "有毒气体浓度超标")));

        assertThat(won.status()).isEqualTo(202);
        assertThat(history(id)).containsExactly("raise", "hazard");
        assertThat(events.of(AlarmHazardRequested.class)).hasSize(1);
        long hazards = 0;
        for (int i = 0; i < 200 && hazards == 0; i++) {
            hazards = count("select count(*) from hazard where source_ref = 'alarm:" + id + "'");
            if (hazards == 0) {
                Thread.sleep(25);
            }
        }
        assertThat(hazards).isEqualTo(1);
    }

    @Test
    void twoMonitoringJobsAtOnceEscalateAnUnacknowledgedAlarmOnce() {
        long id = raisedAlarm();
        clock.advance(Duration.ofMinutes(11));
        api = new Api(port);

        AtOnce.fire(2, () -> {
            jobs.run();
            return new Response(200, new org.springframework.http.HttpHeaders(), api.json().missingNode());
        });

        assertThat(history(id).stream().filter("escalate"::equals)).hasSize(1);
        long notices = count("select count(*) from notification where link = '/alarms/" + id + "' and kind = 'alarm.escalated'");
        long handlers = count("select count(distinct user_id) from notification where link = '/alarms/" + id + "' and kind = 'alarm.escalated'");
        assertThat(notices).isPositive().isEqualTo(handlers);
    }

    private Response newDevice() {
        long enterprise = api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
        String code = "GAS-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = api.post("gongshu", "/api/devices", Map.of("code", code, "name", "并发测试探测器 " + code,
                "type", "COMBUSTIBLE_GAS", "enterpriseId", enterprise));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created;
    }

    @Test
    void tenChangesOfTheSameDeviceVersionAtOnceSaveOne() {
        JsonNode device = newDevice().body().path("device");
        long id = device.path("id").asLong();
        Map<String, Object> disabled = new java.util.HashMap<>(Map.of("name", device.path("name").asString(), "type", "COMBUSTIBLE_GAS",
                "enterpriseId", device.path("enterpriseId").asLong(), "enabled", false, "version", device.path("version").asInt()));

        Response won = AtOnce.exactlyOneWins(() -> api.put("gongshu", "/api/devices/" + id, disabled));

        assertThat(won.body().path("enabled").asBoolean()).isFalse();
        assertThat(won.body().path("version").asInt()).isEqualTo(device.path("version").asInt() + 1);
        assertThat(count("select count(*) from audit_event where entity_type = 'device' and entity_id = '" + id
                + "' and action = 'device.change'")).isEqualTo(1);
    }

    @Test
    void tenKeyRotationsOfTheSameVersionAtOnceIssueOneKeyAndItWorks() {
        Response created = newDevice();
        long id = created.body().path("device").path("id").asLong();
        String code = created.body().path("device").path("code").asString();
        int version = created.body().path("device").path("version").asInt();

        Response won = AtOnce.exactlyOneWins(() -> api.post("gongshu", "/api/devices/" + id + "/key", Map.of("version", version)));

        String key = won.body().path("key").asString();
        Response reading = api.send(HttpMethod.POST, "/api/telemetry", null,
                "{\"readings\":[{\"device\":\"" + code + "\",\"values\":{\"lel\":1}}]}",
                Map.of("Authorization", "Device " + code + ":" + key));
        assertThat(reading.status()).as(reading.body().toString()).isEqualTo(200);
        assertThat(count("select count(*) from audit_event where entity_type = 'device' and entity_id = '" + id
                + "' and action = 'device.key'")).isEqualTo(1);
    }
}
