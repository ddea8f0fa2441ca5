package io.yingji.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.MapLayers;
import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** Devices, HTTP telemetry, each alarm rule kind and the alarm lifecycle, against PostgreSQL. */
class MonitoringIntegrationTests extends ApiTest {

    @Autowired
    MutableClock clock;

    @Autowired
    MonitoringJobs jobs;

    @Autowired
    TelemetryPartitions partitions;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    AlarmEvaluation evaluation;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private long qiyeEnterprise() {
        return api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
    }

    record Registered(long id, String code, String key) {
    }

    private Registered register(String user, String type, Map<String, Object> more) {
        String code = type.substring(0, 3) + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new HashMap<>(Map.of("code", code, "name", "2号储罐区探测器 " + code, "type", type,
                "enterpriseId", qiyeEnterprise()));
        body.putAll(more);
        Response created = api.post(user, "/api/devices", body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return new Registered(created.body().path("device").path("id").asLong(), code, created.body().path("key").asString());
    }

    private Response send(Registered device, String json) {
        return api.send(HttpMethod.POST, "/api/telemetry", null, json,
                Map.of("Authorization", "Device " + device.code() + ":" + device.key()));
    }

    private Response reading(Registered device, String metric, double value, Instant at) {
        Response answer = send(device, "{\"readings\":[{\"device\":\"" + device.code() + "\",\"ts\":\"" + at + "\",\"values\":{\""
                + metric + "\":" + value + "}}]}");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer;
    }

    private List<JsonNode> alarmsOf(String user, long deviceId) {
        return api.get(user, "/api/alarms?size=100&deviceId=" + deviceId).body().path("content").valueStream().toList();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void readingsThatArrivedBeforeTheirDaysPartitionAreMovedIntoIt() {
        Registered device = register("qiye", "COMBUSTIBLE_GAS", Map.of());
        // ten days ahead: past the week of partitions made in advance, so the reading lands in the default partition
        clock.advance(Duration.ofDays(10));
        Instant at = now();
        reading(device, "lel", 3.5, at);
        String day = "telemetry_" + java.time.LocalDate.ofInstant(at, java.time.ZoneOffset.UTC).toString().replace("-", "");
        assertThat(jdbc.sql("select count(*) from telemetry_default where device_id = :d").param("d", device.id())
                .query(Long.class).single()).isEqualTo(1);

        partitions.upkeep(clock.instant());

        assertThat(jdbc.sql("select count(*) from " + day + " where device_id = :d").param("d", device.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from telemetry_default where device_id = :d").param("d", device.id())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from telemetry where device_id = :d").param("d", device.id())
                .query(Long.class).single()).isEqualTo(1);
        // a second pass finds the day there and changes nothing
        partitions.upkeep(clock.instant());
        assertThat(jdbc.sql("select count(*) from telemetry where device_id = :d").param("d", device.id())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void readingsAreStoredAndChartedAndBadOnesRefusedWithReasons() {
        Registered gas = register("gongshu", "COMBUSTIBLE_GAS", Map.of());
        Instant t0 = now().minusSeconds(600);
        StringBuilder batch = new StringBuilder("{\"readings\":[");
        for (int i = 0; i < 60; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"device\":\"").append(gas.code()).append("\",\"ts\":")
                    .append(t0.plusSeconds(10L * i).toEpochMilli()).append(",\"values\":{\"lel\":").append(i % 10).append("}}");
        }
        batch.append(",{\"device\":\"NO-SUCH-DEVICE\",\"values\":{\"lel\":1}}");
        batch.append(",{\"device\":\"").append(gas.code()).append("\",\"ts\":\"").append(t0).append("\",\"values\":{\"lel\":\"high\",\"temp\":20}}");
        batch.append(",{\"device\":\"").append(gas.code()).append("\",\"ts\":\"").append(now().plus(Duration.ofHours(1)))
                .append("\",\"values\":{\"lel\":1}}");
        batch.append("]}");
        long rejectedBefore = count("select count(*) from telemetry_rejected");
        Response answer = send(gas, batch.toString());
        assertThat(answer.status()).isEqualTo(200);
        // 60 lel readings and the temp reading stored; 3 refused, each with its reason
        assertThat(answer.body().path("accepted").asInt()).isEqualTo(61);
        assertThat(answer.body().path("rejections").valueStream().map(r -> r.path("reason").asString()))
                .containsExactlyInAnyOrder("NOT_ALLOWED", "NOT_NUMERIC", "FUTURE");
        assertThat(answer.body().path("rejections").valueStream().filter(r -> r.path("reason").asString().equals("NOT_NUMERIC"))
                .findFirst().orElseThrow().path("message").asString()).isEqualTo("读数不是数值");
        assertThat(count("select count(*) from telemetry_rejected")).isEqualTo(rejectedBefore + 3);

        // the same readings again: all duplicates, nothing stored twice
        Response again = send(gas, batch.toString());
        assertThat(again.body().path("accepted").asInt()).isZero();
        assertThat(count("select count(*) from telemetry where device_id = " + gas.id())).isEqualTo(61);

        Response series = api.get("gongshu", "/api/devices/" + gas.id() + "/telemetry?metric=lel&from=" + t0 + "&to="
                + t0.plusSeconds(600) + "&points=6");
        assertThat(series.status()).isEqualTo(200);
        assertThat(series.body().path("bucketSeconds").asLong()).isEqualTo(100);
        List<JsonNode> points = series.body().path("points").valueStream().toList();
        assertThat(points).hasSize(6);
        // each 100 s bucket holds ten readings 0..9: min 0, max 9, mean 4.5
        assertThat(points).allSatisfy(p -> {
            assertThat(p.path("min").asDouble()).isEqualTo(0);
            assertThat(p.path("max").asDouble()).isEqualTo(9);
            assertThat(p.path("avg").asDouble()).isEqualTo(4.5);
            assertThat(p.path("count").asLong()).isEqualTo(10);
        });
    }

    @Test
    void credentialsMalformedBatchesAndScope() {
        Registered gas = register("gongshu", "COMBUSTIBLE_GAS", Map.of());
        Response noKey = api.send(HttpMethod.POST, "/api/telemetry", null, "{\"readings\":[]}", Map.of());
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.detail()).startsWith("请使用设备或网关密钥认证");
        Response wrongKey = api.send(HttpMethod.POST, "/api/telemetry", null, "{\"readings\":[]}",
                Map.of("Authorization", "Device " + gas.code() + ":0000"));
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.detail()).isEqualTo("设备或网关密钥不正确");
        Response malformed = send(gas, "{\"readings\": 5}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.detail()).contains("遥测数据格式错误");
        assertThat(send(gas, "not json").status()).isEqualTo(400);

        // a gateway of the enterprise reports for its devices, not for another enterprise's
        Response gateway = api.post("qiye", "/api/telemetry/gateways", Map.of("code", "GW-" + gas.code(), "name", "厂区采集网关"));
        assertThat(gateway.status()).isEqualTo(201);
        long xihuEnterprise = count("select min(id) from enterprise where region_code like '330106%'");
        Registered other = register("xihu", "TOXIC_GAS", Map.of("enterpriseId", xihuEnterprise));
        Response viaGateway = api.send(HttpMethod.POST, "/api/telemetry", null, "{\"readings\":[{\"device\":\"" + gas.code()
                + "\",\"values\":{\"lel\":3}},{\"device\":\"" + other.code() + "\",\"values\":{\"ppm\":1}}]}",
                Map.of("Authorization", "Gateway GW-" + gas.code() + ":" + gateway.body().path("key").asString()));
        assertThat(viaGateway.body().path("accepted").asInt()).isEqualTo(1);
        assertThat(viaGateway.body().path("rejections").get(0).path("reason").asString()).isEqualTo("NOT_ALLOWED");

        assertThat(api.get("xihu", "/api/devices/" + gas.id()).status()).isEqualTo(404);
        assertThat(api.get("xihu", "/api/devices/" + gas.id() + "/telemetry").status()).isEqualTo(404);
        assertThat(api.put("xihu", "/api/devices/" + gas.id(), Map.of("name", "x", "type", "COMBUSTIBLE_GAS")).status()).isEqualTo(404);
        assertThat(api.get("xihu", "/api/devices?size=500").body().path("content").valueStream()
                .map(d -> d.path("regionCode").asString())).allMatch(c -> c.startsWith("330106"));
        assertThat(api.get("qiye", "/api/devices?size=500").body().path("content").valueStream()
                .map(d -> d.path("enterpriseId").asLong())).isNotEmpty().allMatch(e -> e == qiyeEnterprise());
        Response bad = api.post("gongshu", "/api/devices", Map.of("code", "有/空格", "type", "LASER", "longitude", 200));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorFields()).contains("code", "name", "type", "regionCode");
        // no region given: asked to choose one, never told that the code "null" does not exist
        assertThat(bad.body().toString()).contains("请选择所属行政区划").doesNotContain("“null”");
        Response foreign = api.post("qiye", "/api/devices", Map.of("code", "X-" + gas.code(), "name", "越权", "type", "TOXIC_GAS",
                "enterpriseId", xihuEnterprise));
        assertThat(foreign.status()).isEqualTo(404);
    }

    @Test
    void thresholdsWithTwoLevelsAndHysteresisDoNotFlap() {
        Registered gas = register("gongshu", "COMBUSTIBLE_GAS", Map.of());
        Instant t = now().minusSeconds(300);
        reading(gas, "lel", 10, t);
        assertThat(alarmsOf("gongshu", gas.id())).isEmpty();
        reading(gas, "lel", 30, t.plusSeconds(10));
        List<JsonNode> raised = alarmsOf("gongshu", gas.id());
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).path("level").asInt()).isEqualTo(1);
        assertThat(raised.get(0).path("status").asString()).isEqualTo("RAISED");
        // hovering around 25 (threshold 25, hysteresis 2): neither a new alarm nor a recovery
        reading(gas, "lel", 24, t.plusSeconds(20));
        reading(gas, "lel", 26, t.plusSeconds(30));
        reading(gas, "lel", 23.5, t.plusSeconds(40));
        assertThat(alarmsOf("gongshu", gas.id())).hasSize(1).allSatisfy(a -> assertThat(a.path("recoveredAt").isNull()).isTrue());
        reading(gas, "lel", 60, t.plusSeconds(50));
        List<JsonNode> both = alarmsOf("gongshu", gas.id());
        assertThat(both).extracting(a -> a.path("level").asInt()).containsExactlyInAnyOrder(1, 2);
        assertThat(both.stream().filter(a -> a.path("level").asInt() == 1).findFirst().orElseThrow().path("peakValue").asDouble())
                .isEqualTo(60);
        reading(gas, "lel", 22, t.plusSeconds(60));
        assertThat(alarmsOf("gongshu", gas.id())).allSatisfy(a -> assertThat(a.path("recoveredAt").isNull()).isFalse());
        // one open alarm per device, metric and rule: a relapse reopens the same alarm
        reading(gas, "lel", 35, t.plusSeconds(70));
        List<JsonNode> relapsed = alarmsOf("gongshu", gas.id());
        assertThat(relapsed).hasSize(2);
        JsonNode level1 = relapsed.stream().filter(a -> a.path("level").asInt() == 1).findFirst().orElseThrow();
        assertThat(level1.path("recoveredAt").isNull()).isTrue();
        assertThat(api.get("gongshu", "/api/alarms/" + level1.path("id").asLong()).body().path("history").valueStream()
                .map(h -> h.path("action").asString())).containsExactly("raise", "recover", "relapse");
    }

    @Test
    void durationRateAndOfflineRules() {
        Registered thermo = register("gongshu", "TEMPERATURE", Map.of());
        Instant t = now().minusSeconds(300);
        reading(thermo, "temperature", 65, t);
        reading(thermo, "temperature", 66, t.plusSeconds(30));
        assertThat(alarmsOf("gongshu", thermo.id())).isEmpty(); // above 60 for 30 s of the 60 required
        reading(thermo, "temperature", 59, t.plusSeconds(40));
        reading(thermo, "temperature", 65, t.plusSeconds(50));
        reading(thermo, "temperature", 65, t.plusSeconds(100));
        assertThat(alarmsOf("gongshu", thermo.id())).isEmpty(); // the dip restarted the 60 s
        reading(thermo, "temperature", 65, t.plusSeconds(111));
        assertThat(alarmsOf("gongshu", thermo.id())).hasSize(1);

        Registered pressure = register("gongshu", "PRESSURE", Map.of());
        reading(pressure, "pressure", 1.0, t);
        reading(pressure, "pressure", 1.1, t.plusSeconds(60)); // 0.1 MPa/min
        assertThat(alarmsOf("gongshu", pressure.id())).isEmpty();
        reading(pressure, "pressure", 0.3, t.plusSeconds(120)); // -0.8 MPa/min
        assertThat(alarmsOf("gongshu", pressure.id())).singleElement()
                .satisfies(a -> assertThat(a.path("kind").asString()).isEqualTo("RATE"));

        // offline: detected by the clock, not by data; the next reading recovers it
        Registered level = register("gongshu", "TANK_LEVEL", Map.of("expectedIntervalSeconds", 60));
        reading(level, "level", 50, now());
        jobs.run();
        assertThat(alarmsOf("gongshu", level.id())).isEmpty();
        clock.advance(Duration.ofMinutes(3));
        api = new Api(port);
        jobs.run();
        JsonNode offline = alarmsOf("gongshu", level.id()).get(0);
        assertThat(offline.path("kind").asString()).isEqualTo("OFFLINE");
        jobs.run();
        assertThat(alarmsOf("gongshu", level.id())).hasSize(1);
        reading(level, "level", 50, now());
        assertThat(api.get("gongshu", "/api/alarms/" + offline.path("id").asLong()).body().path("alarm").path("recoveredAt").isNull())
                .isFalse();
    }

    @Test
    void theLifecycleWithEscalationAndScope() {
        Registered gas = register("gongshu", "TOXIC_GAS", Map.of());
        Instant t = now().minusSeconds(60);
        reading(gas, "ppm", 15, t);
        long id = alarmsOf("qiye", gas.id()).get(0).path("id").asLong();
        assertThat(api.get("qiye", "/api/notifications?size=50").body().path("content").valueStream()
                .map(n -> n.path("link").asString())).contains("/alarms/" + id);

        // outside the scope the alarm does not exist; a grid worker may see it but not act
        assertThat(api.get("xihu", "/api/alarms/" + id).status()).isEqualTo(404);
        assertThat(api.post("xihu", "/api/alarms/" + id + "/acknowledge", Map.of()).status()).isEqualTo(404);
        assertThat(api.get("xihu", "/api/alarms?size=500").body().path("content").valueStream()
                .map(a -> a.path("id").asLong())).doesNotContain(id);

        // nobody acknowledges: after the escalation time it goes to the district
        clock.advance(Duration.ofMinutes(11));
        api = new Api(port);
        jobs.run();
        JsonNode escalated = api.get("gongshu", "/api/alarms/" + id).body().path("alarm");
        assertThat(escalated.path("escalationLevel").asInt()).isEqualTo(1);
        assertThat(api.get("gongshu", "/api/notifications?size=50").body().path("content").valueStream()
                .filter(n -> n.path("link").asString().equals("/alarms/" + id)).map(n -> n.path("kind").asString()))
                .containsExactly("alarm.escalated");

        Response noDisposal = api.post("qiye", "/api/alarms/" + id + "/handle", Map.of());
        assertThat(noDisposal.status()).isEqualTo(400);
        assertThat(noDisposal.detail()).isEqualTo("请填写处置情况");
        assertThat(api.post("qiye", "/api/alarms/" + id + "/acknowledge", Map.of("comment", "已到现场")).body()
                .path("status").asString()).isEqualTo("ACKNOWLEDGED");
        Response twice = api.post("qiye", "/api/alarms/" + id + "/acknowledge", Map.of());
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.detail()).isEqualTo("只有新报警才能确认（当前状态：ACKNOWLEDGED）");
        // handled while the gas is still there: it stays open until the reading is back to normal
        JsonNode handled = api.post("qiye", "/api/alarms/" + id + "/handle", Map.of("disposal", "关闭阀门，开启排风")).body();
        assertThat(handled.path("status").asString()).isEqualTo("HANDLED");
        reading(gas, "ppm", 5, now());
        JsonNode cleared = api.get("qiye", "/api/alarms/" + id).body();
        assertThat(cleared.path("alarm").path("status").asString()).isEqualTo("CLEARED");
        assertThat(cleared.path("history").valueStream().map(h -> h.path("action").asString()))
                .containsExactly("raise", "escalate", "acknowledge", "handle", "recover", "clear");
        // eleven silent minutes also made the device offline; its next reading recovered that, which waits for a person
        assertThat(api.get("qiye", "/api/alarms?open=true&size=100&deviceId=" + gas.id()).body().path("content").valueStream())
                .singleElement().satisfies(a -> {
                    assertThat(a.path("kind").asString()).isEqualTo("OFFLINE");
                    assertThat(a.path("recoveredAt").isNull()).isFalse();
                });
        assertThat(api.get("gongshu", "/api/alarms?status=NOPE").status()).isEqualTo(400);
        // the grid worker's village (大塘巷社区) is not where the enterprise is: the alarm does not exist for it
        assertThat(api.get("wangge", "/api/alarms/" + id).status()).isEqualTo(404);
        assertThat(api.post("xihu", "/api/alarms/" + id + "/handle", Map.of("disposal", "越权处置")).status()).isEqualTo(404);
        assertThat(api.get("qiye", "/api/alarms/" + id).body().path("alarm").path("status").asString()).isEqualTo("CLEARED");
    }

    @Test
    void anAlarmOpensAHiddenHazardOnce() throws InterruptedException {
        Registered gas = register("gongshu", "COMBUSTIBLE_GAS", Map.of());
        reading(gas, "lel", 33, now().minusSeconds(30));
        long id = alarmsOf("gongshu", gas.id()).get(0).path("id").asLong();
        assertThat(api.post("xihu", "/api/alarms/" + id + "/hazard", Map.of()).status()).isEqualTo(404);
        assertThat(api.post("wangge", "/api/alarms/" + id + "/hazard", Map.of()).status()).isEqualTo(404);
        Response asked = api.post("gongshu", "/api/alarms/" + id + "/hazard", Map.of("title", "甲类仓库可燃气体浓度超标"));
        assertThat(asked.status()).isEqualTo(202);
        Response again = api.post("gongshu", "/api/alarms/" + id + "/hazard", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.detail()).isEqualTo("该报警已转为隐患");
        // the hazard module opens it from the event, after the alarm's transaction
        JsonNode found = null;
        for (int i = 0; i < 200 && found == null; i++) {
            var page = api.get("gongshu", "/api/hazards?alarmId=" + id).body().path("content");
            found = page.size() == 1 ? page.get(0) : null;
            if (found == null) {
                Thread.sleep(50);
            }
        }
        assertThat(found).isNotNull();
        assertThat(found.path("source").asString()).isEqualTo("MONITORING");
        assertThat(found.path("title").asString()).isEqualTo("甲类仓库可燃气体浓度超标");
        assertThat(found.path("enterpriseId").asLong()).isEqualTo(qiyeEnterprise());
        assertThat(found.path("sourceRef").asString()).isEqualTo("alarm:" + id);
        assertThat(api.get("qiye", "/api/hazards?alarmId=" + id).body().path("totalElements").asLong()).isEqualTo(1);

        // without a title the hazard is described in Chinese, with the time in Beijing time
        reading(gas, "lel", 60, now().minusSeconds(20));
        long high = api.get("gongshu", "/api/alarms?size=10&level=2&kind=ABOVE&deviceId=" + gas.id()).body().path("content").get(0)
                .path("id").asLong();
        assertThat(api.post("gongshu", "/api/alarms/" + high + "/hazard", Map.of()).status()).isEqualTo(202);
        JsonNode described = null;
        for (int i = 0; i < 200 && described == null; i++) {
            var page = api.get("gongshu", "/api/hazards?alarmId=" + high).body().path("content");
            described = page.size() == 1 ? page.get(0) : null;
            if (described == null) {
                Thread.sleep(50);
            }
        }
        assertThat(described).isNotNull();
        assertThat(described.path("title").asString()).endsWith("二级超上限报警");
        assertThat(described.path("description").asString()).contains("峰值 60.0", "阈值 50.0", "北京时间");
        assertThat(api.get("gongshu", "/api/alarms?kind=SIDEWAYS").status()).isEqualTo(400);
    }

    @Test
    void onlyAManagerAtTheTopOfTheTreeChangesATypesRules() {
        Map<String, Object> rule = Map.of("deviceType", "TEMPERATURE", "metric", "temperature", "kind", "ABOVE", "level", 2,
                "threshold", 80, "hysteresis", 2);
        for (String user : List.of("hangzhou", "gongshu", "qiye")) {
            Response refused = api.post(user, "/api/alarm-rules", rule);
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(refused.body().path("detail").asString()).contains("区划树顶层");
        }
        assertThat(api.post("wangge", "/api/alarm-rules", rule).status()).isEqualTo(403);
        Response bad = api.post("admin", "/api/alarm-rules", Map.of("deviceType", "LASER", "kind", "ABOVE", "level", 3));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorFields()).containsExactlyInAnyOrder("deviceType", "metric", "level", "threshold");
        assertThat(api.get("admin", "/api/alarm-rules?deviceType=TEMPERATURE").body().valueStream()
                .filter(r -> r.path("level").asInt() == 2)).isEmpty();

        Response set = api.post("admin", "/api/alarm-rules", rule);
        assertThat(set.status()).as(set.body().toString()).isEqualTo(201);
        long id = set.body().path("id").asLong();
        assertThat(set.body().path("deviceType").asString()).isEqualTo("TEMPERATURE");
        // the type's devices are evaluated by it: a new level-2 alarm at 80
        Registered oven = register("gongshu", "TEMPERATURE", Map.of());
        reading(oven, "temperature", 85, now().minusSeconds(30));
        assertThat(alarmsOf("gongshu", oven.id())).singleElement().satisfies(a -> {
            assertThat(a.path("level").asInt()).isEqualTo(2);
            assertThat(a.path("threshold").asDouble()).isEqualTo(80);
        });

        assertThat(api.delete("gongshu", "/api/alarm-rules/" + id).status()).isEqualTo(403);
        Response deviceRule = api.post("gongshu", "/api/devices/" + oven.id() + "/rules",
                Map.of("metric", "temperature", "kind", "ABOVE", "level", 1, "threshold", 70));
        // a device's own rule is not a type rule
        assertThat(api.delete("admin", "/api/alarm-rules/" + deviceRule.body().path("id").asLong()).status()).isEqualTo(404);
        assertThat(api.delete("admin", "/api/alarm-rules/" + id).status()).isEqualTo(204);
        // the alarm still points to it: kept, retired
        assertThat(count("select count(*) from alarm_rule where id = " + id + " and retired")).isEqualTo(1);
        assertThat(api.get("admin", "/api/alarm-rules?deviceType=TEMPERATURE").body().valueStream()
                .filter(r -> r.path("level").asInt() == 2)).isEmpty();
        assertThat(api.delete("admin", "/api/alarm-rules/" + id).status()).isEqualTo(404);
        Response english = api.send(HttpMethod.POST, "/api/alarm-rules", api.token("hangzhou"), rule, Map.of("Accept-Language", "en"));
        assertThat(english.body().path("detail").asString()).contains("top of the region tree");
    }

    @Test
    void aDevicesOwnRuleReplacesItsTypesRule() {
        Registered gas = register("gongshu", "COMBUSTIBLE_GAS", Map.of());
        Response set = api.post("gongshu", "/api/devices/" + gas.id() + "/rules",
                Map.of("metric", "lel", "kind", "ABOVE", "level", 1, "threshold", 40, "hysteresis", 3));
        assertThat(set.status()).isEqualTo(201);
        long rule = set.body().path("id").asLong();
        List<JsonNode> effective = api.get("gongshu", "/api/devices/" + gas.id() + "/rules").body().valueStream().toList();
        assertThat(effective).filteredOn(r -> r.path("rule").path("kind").asString().equals("ABOVE") && r.path("rule").path("level").asInt() == 1)
                .singleElement().satisfies(r -> {
                    assertThat(r.path("source").asString()).isEqualTo("DEVICE");
                    assertThat(r.path("rule").path("threshold").asDouble()).isEqualTo(40);
                });
        Instant t = now().minusSeconds(120);
        reading(gas, "lel", 30, t); // above the type's 25, below the device's 40
        assertThat(alarmsOf("gongshu", gas.id())).isEmpty();
        reading(gas, "lel", 45, t.plusSeconds(10));
        assertThat(alarmsOf("gongshu", gas.id())).singleElement().satisfies(a -> assertThat(a.path("threshold").asDouble()).isEqualTo(40));

        // switching the device's own offline rule off silences the type's offline rule for it
        assertThat(api.post("gongshu", "/api/devices/" + gas.id() + "/rules",
                Map.of("kind", "OFFLINE", "level", 1, "enabled", false)).status()).isEqualTo(201);
        Response bad = api.post("gongshu", "/api/devices/" + gas.id() + "/rules", Map.of("kind", "SIDEWAYS", "metric", "a b", "level", 7));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorFields()).containsExactlyInAnyOrder("kind", "metric", "level");
        assertThat(api.post("xihu", "/api/devices/" + gas.id() + "/rules", Map.of("kind", "ABOVE", "metric", "lel", "level", 1, "threshold", 1))
                .status()).isEqualTo(404);
        assertThat(api.get("xihu", "/api/devices/" + gas.id() + "/rules").status()).isEqualTo(404);
        assertThat(api.post("wangge", "/api/devices/" + gas.id() + "/rules", Map.of()).status()).isEqualTo(403);

        // removing the rule an alarm refers to keeps it for the record; the type's rule applies again
        assertThat(api.delete("gongshu", "/api/devices/" + gas.id() + "/rules/" + rule).status()).isEqualTo(204);
        assertThat(count("select count(*) from alarm_rule where id = " + rule + " and retired")).isEqualTo(1);
        assertThat(api.get("gongshu", "/api/devices/" + gas.id() + "/rules").body().valueStream()
                .filter(r -> r.path("rule").path("kind").asString().equals("ABOVE") && r.path("rule").path("level").asInt() == 1)
                .map(r -> r.path("source").asString())).containsExactly("TYPE");
        assertThat(api.delete("gongshu", "/api/devices/" + gas.id() + "/rules/" + rule).status()).isEqualTo(404);
        assertThat(api.get("gongshu", "/api/alarm-rules?deviceType=COMBUSTIBLE_GAS").body().size()).isEqualTo(3);
        assertThat(api.get("gongshu", "/api/alarm-rules?deviceType=LASER").status()).isEqualTo(400);
    }

    @Test
    void theRestOfTheDeviceEndpointsHoldScopeAndExplainBadInput() {
        Registered gas = register("gongshu", "COMBUSTIBLE_GAS", Map.of());
        // the map: only devices in scope, a wrong region explained
        assertThat(MapLayers.rows(api.get("gongshu", "/api/devices/map").body()).stream().map(d -> d.path("id").asLong())).contains(gas.id());
        assertThat(MapLayers.rows(api.get("xihu", "/api/devices/map").body()).stream().map(d -> d.path("id").asLong())).doesNotContain(gas.id());
        Response badRegion = api.get("gongshu", "/api/devices/map?regionCode=33x");
        assertThat(badRegion.status()).isEqualTo(400);
        assertThat(badRegion.errorFields()).containsExactly("regionCode");
        Response badType = api.get("gongshu", "/api/devices?type=LASER");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.detail()).startsWith("未知的设备类型“LASER”");

        // a new key works, the old one stops; another district may not rotate it
        assertThat(api.post("xihu", "/api/devices/" + gas.id() + "/key", Map.of()).status()).isEqualTo(404);
        assertThat(api.post("wangge", "/api/devices/" + gas.id() + "/key", Map.of()).status()).isEqualTo(403);
        String key = api.post("gongshu", "/api/devices/" + gas.id() + "/key", Map.of()).body().path("key").asString();
        assertThat(send(gas, "{\"readings\":[]}").status()).isEqualTo(401);
        assertThat(send(new Registered(gas.id(), gas.code(), key), "{\"readings\":[]}").status()).isEqualTo(200);

        // the series: a wrong range or point count is explained
        Response backwards = api.get("gongshu", "/api/devices/" + gas.id() + "/telemetry?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.errorFields()).containsExactly("to");
        assertThat(api.get("gongshu", "/api/devices/" + gas.id() + "/telemetry?points=0").errorFields()).containsExactly("points");

        // import: all or nothing, each wrong line named; a township cannot register at all
        long before = count("select count(*) from device");
        String header = "code,name,type,enterpriseId,regionCode,longitude,latitude,expectedIntervalSeconds,unit,streamUrl\n";
        String csv = header + "IMP-" + gas.code() + ",1号罐液位计,TANK_LEVEL," + qiyeEnterprise() + ",,,,60,,\n"
                + "IMP2-" + gas.code() + ",坏行,LASER,,,,,abc,,\n";
        Response refused = api.upload("gongshu", "/api/devices/import", "devices.csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").valueStream().map(e -> e.path("line").asInt())).containsOnly(3);
        assertThat(count("select count(*) from device")).isEqualTo(before);
        Response wrongHeader = api.upload("gongshu", "/api/devices/import", "devices.csv", "a,b\n1,2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(wrongHeader.status()).isEqualTo(400);
        assertThat(wrongHeader.detail()).startsWith("导入文件的表头须为");
        assertThat(api.upload("mishixiang", "/api/devices/import", "devices.csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .status()).isEqualTo(403);
        Response imported = api.upload("gongshu", "/api/devices/import", "devices.csv",
                (header + "IMP-" + gas.code() + ",1号罐液位计,TANK_LEVEL," + qiyeEnterprise() + ",,,,60,,\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(imported.body().path("imported").asInt()).isEqualTo(1);

        // gateways: a bad code and a region outside the caller's are explained, nothing written
        long gateways = count("select count(*) from telemetry_gateway");
        Response badGateway = api.post("gongshu", "/api/telemetry/gateways", Map.of("code", "有 空格", "name", "", "regionCode", "33x"));
        assertThat(badGateway.status()).isEqualTo(400);
        assertThat(badGateway.errorFields()).containsExactlyInAnyOrder("code", "name", "regionCode");
        // a region outside the caller's is public knowledge: refused, not hidden
        assertThat(api.post("gongshu", "/api/telemetry/gateways", Map.of("code", "GW-XIHU-" + gas.code(), "name", "西湖网关",
                "regionCode", "330106")).status()).isEqualTo(403);
        assertThat(api.post("wangge", "/api/telemetry/gateways", Map.of("code", "GW-X", "name", "x")).status()).isEqualTo(403);
        assertThat(count("select count(*) from telemetry_gateway")).isEqualTo(gateways);
    }

    private double rejectedCount(String reason) {
        return meters.get("yingji.telemetry.rejected").tag("reason", reason).counter().count();
    }

    private void awaitAlarms(String user, long deviceId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (alarmsOf(user, deviceId).size() < count) {
            assertThat(System.nanoTime()).as("%d alarm(s) of device %d within 20 s", count, deviceId).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void aBreachWhoseAlarmCannotBeWrittenAtFirstIsStoredAnsweredAndRaisedOnceTheDatabaseTakesIt() throws InterruptedException {
        Registered gas = register("gongshu", "COMBUSTIBLE_GAS", Map.of());
        double failuresBefore = meters.get("yingji.alarm.evaluation.failed").counter().count();
        try (AlarmWritesRefused refused = AlarmWritesRefused.forDevice(jdbc, gas.id())) {
            // the reading is stored and the sender told so, though its alarm cannot be written yet
            Response answer = reading(gas, "lel", 41, now().minusSeconds(5));
            assertThat(answer.body().path("accepted").asInt()).isEqualTo(1);
            assertThat(count("select count(*) from telemetry where device_id = " + gas.id())).isEqualTo(1);
            Thread.sleep(400);
            assertThat(alarmsOf("gongshu", gas.id())).isEmpty();
            assertThat(meters.get("yingji.alarm.evaluation.failed").counter().count()).isGreaterThan(failuresBefore);
            refused.lift();
            awaitAlarms("gongshu", gas.id(), 1);
        }
        // raised once, from the stored reading; nothing was refused as a duplicate or stored twice
        Thread.sleep(300);
        assertThat(alarmsOf("gongshu", gas.id())).singleElement().satisfies(a -> {
            assertThat(a.path("status").asString()).isEqualTo("RAISED");
            assertThat(a.path("level").asInt()).isEqualTo(1);
            assertThat(a.path("lastValue").asDouble()).isEqualTo(41);
        });
        assertThat(count("select count(*) from telemetry_rejected where device_code = '" + gas.code() + "'")).isZero();
        assertThat(evaluation.waiting()).isZero();
        // and the rule's state went on from there: the recovery is taken as usual
        reading(gas, "lel", 3, now());
        assertThat(alarmsOf("gongshu", gas.id())).singleElement().satisfies(a -> assertThat(a.path("recoveredAt").isNull()).isFalse());
    }

    @Test
    void belowRulesRaiseAndRecoverPastTheirHysteresisAndDurationAndRateAlarmsRecoverToo() {
        Registered tank = register("gongshu", "TANK_LEVEL", Map.of());
        Response low = api.post("gongshu", "/api/devices/" + tank.id() + "/rules",
                Map.of("metric", "level", "kind", "BELOW", "level", 1, "threshold", 10, "hysteresis", 2));
        assertThat(low.status()).as(low.body().toString()).isEqualTo(201);
        Instant t = now().minusSeconds(300);
        reading(tank, "level", 30, t);
        assertThat(alarmsOf("gongshu", tank.id())).isEmpty();
        reading(tank, "level", 9.5, t.plusSeconds(10));
        assertThat(alarmsOf("gongshu", tank.id())).singleElement().satisfies(a -> {
            assertThat(a.path("kind").asString()).isEqualTo("BELOW");
            assertThat(a.path("status").asString()).isEqualTo("RAISED");
        });
        reading(tank, "level", 11, t.plusSeconds(20)); // back above 10, but not past 10 + 2
        assertThat(alarmsOf("gongshu", tank.id())).singleElement().satisfies(a -> assertThat(a.path("recoveredAt").isNull()).isTrue());
        reading(tank, "level", 12.5, t.plusSeconds(30));
        assertThat(alarmsOf("gongshu", tank.id())).singleElement().satisfies(a -> assertThat(a.path("recoveredAt").isNull()).isFalse());

        // above 60 °C for 60 s raises; 59 is within the hysteresis of 2, 57 recovers
        Registered thermo = register("gongshu", "TEMPERATURE", Map.of());
        reading(thermo, "temperature", 65, t);
        reading(thermo, "temperature", 65, t.plusSeconds(61));
        assertThat(alarmsOf("gongshu", thermo.id())).singleElement().satisfies(a -> assertThat(a.path("recoveredAt").isNull()).isTrue());
        reading(thermo, "temperature", 59, t.plusSeconds(70));
        assertThat(alarmsOf("gongshu", thermo.id())).singleElement().satisfies(a -> assertThat(a.path("recoveredAt").isNull()).isTrue());
        reading(thermo, "temperature", 57, t.plusSeconds(80));
        assertThat(alarmsOf("gongshu", thermo.id())).singleElement().satisfies(a -> assertThat(a.path("recoveredAt").isNull()).isFalse());

        // a pressure drop of 0.8 MPa/min raises (limit 0.5); 0.05 MPa/min is steady again
        Registered pressure = register("gongshu", "PRESSURE", Map.of());
        reading(pressure, "pressure", 1.0, t);
        reading(pressure, "pressure", 0.2, t.plusSeconds(60));
        assertThat(alarmsOf("gongshu", pressure.id())).singleElement().satisfies(a -> assertThat(a.path("recoveredAt").isNull()).isTrue());
        reading(pressure, "pressure", 0.15, t.plusSeconds(120));
        assertThat(alarmsOf("gongshu", pressure.id())).singleElement().satisfies(a -> {
            assertThat(a.path("kind").asString()).isEqualTo("RATE");
            assertThat(a.path("recoveredAt").isNull()).isFalse();
        });
    }

    @Test
    void readingsPastRetentionAndResentOnesAreRefusedWithTheirReasonAndCounted() {
        Registered gas = register("gongshu", "COMBUSTIBLE_GAS", Map.of());
        double tooOld = rejectedCount("TOO_OLD");
        double duplicate = rejectedCount("DUPLICATE");
        String batch = "{\"readings\":[{\"device\":\"" + gas.code() + "\",\"ts\":\"" + now().minus(Duration.ofDays(91))
                + "\",\"values\":{\"lel\":1}},{\"device\":\"" + gas.code() + "\",\"ts\":\"" + now().minusSeconds(1)
                + "\",\"values\":{\"lel\":2}}]}";
        Response first = send(gas, batch);
        assertThat(first.body().path("accepted").asInt()).isEqualTo(1);
        assertThat(first.body().path("rejections").valueStream().map(r -> r.path("reason").asString())).containsExactly("TOO_OLD");
        Response again = send(gas, batch);
        assertThat(again.body().path("accepted").asInt()).isZero();
        assertThat(again.body().path("rejections").valueStream().map(r -> r.path("reason").asString()))
                .containsExactlyInAnyOrder("TOO_OLD", "DUPLICATE");
        assertThat(again.body().path("rejections").valueStream().filter(r -> r.path("reason").asString().equals("DUPLICATE"))
                .findFirst().orElseThrow().path("detail").asString()).endsWith("already stored");
        assertThat(rejectedCount("TOO_OLD")).isEqualTo(tooOld + 2);
        assertThat(rejectedCount("DUPLICATE")).isEqualTo(duplicate + 1);
        assertThat(jdbc.sql("select reason from telemetry_rejected where device_code = :code order by id").param("code", gas.code())
                .query(String.class).list()).containsExactly("TOO_OLD", "TOO_OLD", "DUPLICATE");
        Response english = api.send(HttpMethod.POST, "/api/telemetry", null, batch,
                Map.of("Authorization", "Device " + gas.code() + ":" + gas.key(), "Accept-Language", "en"));
        assertThat(english.body().path("rejections").valueStream().map(r -> r.path("message").asString()))
                .allSatisfy(m -> assertThat(m).matches("[ -~]+"));
    }

    @Test
    void partitionsWhollyPastRetentionAreDroppedAndRecentOnesKept() {
        Registered gas = register("gongshu", "COMBUSTIBLE_GAS", Map.of());
        java.time.LocalDate old = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).minusDays(100);
        String name = "telemetry_" + old.toString().replace("-", "");
        jdbc.sql("create table if not exists " + name + " partition of telemetry for values from ('" + old + "T00:00:00Z') to ('"
                + old.plusDays(1) + "T00:00:00Z')").update();
        jdbc.sql("insert into telemetry (device_id, metric, ts, val) values (:d, 'lel', :ts, 1)").param("d", gas.id())
                .param("ts", java.time.OffsetDateTime.of(old.atTime(12, 0), java.time.ZoneOffset.UTC)).update();
        reading(gas, "lel", 2, now());

        partitions.upkeep(clock.instant());

        assertThat(count("select count(*) from pg_class where relname = '" + name + "'")).isZero();
        assertThat(jdbc.sql("select val from telemetry where device_id = :d").param("d", gas.id()).query(Double.class).list())
                .containsExactly(2.0);
    }

    @Test
    void devicesRulesAndTheStreamRefuseOtherRegions() {
        Registered gas = register("gongshu", "COMBUSTIBLE_GAS", Map.of());
        long rule = api.post("gongshu", "/api/devices/" + gas.id() + "/rules",
                Map.of("metric", "lel", "kind", "ABOVE", "level", 1, "threshold", 40)).body().path("id").asLong();
        assertThat(api.delete("xihu", "/api/devices/" + gas.id() + "/rules/" + rule).status()).isEqualTo(404);
        assertThat(api.get("gongshu", "/api/devices/" + gas.id() + "/rules").body().valueStream()
                .map(r -> r.path("rule").path("id").asLong())).contains(rule);
        // a district registers only in its own area (region codes are public: refused with 403; an import names the line)
        Response foreign = api.post("gongshu", "/api/devices", Map.of("code", "X-" + gas.code(), "name", "越界登记", "type", "RAINFALL",
                "regionCode", "330106", "longitude", 120.13, "latitude", 30.26));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(count("select count(*) from device where code = 'X-" + gas.code() + "'")).isZero();
        String header = "code,name,type,enterpriseId,regionCode,longitude,latitude,expectedIntervalSeconds,unit,streamUrl\n";
        Response imported = api.upload("gongshu", "/api/devices/import", "devices.csv",
                (header + "Y-" + gas.code() + ",西湖雨量计,RAINFALL,,330106,120.13,30.26,600,,\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(imported.status()).isEqualTo(400);
        assertThat(imported.body().path("errors").valueStream().map(e -> e.path("line").asInt())).containsExactly(2);
        assertThat(count("select count(*) from device where code = 'Y-" + gas.code() + "'")).isZero();
        // the device itself, its readings and its key: not there for another district
        assertThat(api.get("xihu", "/api/devices/" + gas.id()).status()).isEqualTo(404);
        assertThat(api.get("xihu", "/api/devices/" + gas.id() + "/telemetry").status()).isEqualTo(404);
        // the live stream needs a signed-in user
        assertThat(api.send(HttpMethod.GET, "/api/alarms/stream", null, null, Map.of("Accept", "text/event-stream")).status()).isEqualTo(401);
    }

    @Test
    void aDeviceWatchesAMajorHazardSourceOfItsOwnEnterpriseOnly() {
        long enterprise = qiyeEnterprise();
        Response source = api.post("gongshu", "/api/enterprises/" + enterprise + "/hazard-sources", Map.of(
                "name", "液氨储罐区", "exposedPeople", 60, "chemicals", List.of(Map.of("chemical", "AMMONIA", "quantity", 25))));
        assertThat(source.status()).as(source.body().toString()).isEqualTo(201);
        long sourceId = source.body().path("id").asLong();
        Registered linked = register("gongshu", "TOXIC_GAS", Map.of("hazardSourceId", sourceId));
        assertThat(api.get("gongshu", "/api/devices/" + linked.id()).body().path("hazardSourceId").asLong()).isEqualTo(sourceId);

        // another enterprise's source, or none at all: explained, nothing registered
        long other = jdbc.sql("select id from enterprise where id <> :id and region_code like '330105%' order by id limit 1")
                .param("id", enterprise).query(Long.class).single();
        long otherSource = api.post("gongshu", "/api/enterprises/" + other + "/hazard-sources", Map.of(
                "name", "液氯库", "exposedPeople", 10, "chemicals", List.of(Map.of("chemical", "CHLORINE", "quantity", 8))))
                .body().path("id").asLong();
        long before = count("select count(*) from device");
        for (long wrong : List.of(otherSource, 987_654_321L)) {
            Response refused = api.post("gongshu", "/api/devices", Map.of("code", "HS-" + UUID.randomUUID().toString().substring(0, 8),
                    "name", "错挂危险源的探测器", "type", "TOXIC_GAS", "enterpriseId", enterprise, "hazardSourceId", wrong));
            // another enterprise's source is answered like one that does not exist
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.detail().replace(String.valueOf(wrong), "#")).isEqualTo("未找到 重大危险源（#），或您无权查看");
        }
        assertThat(count("select count(*) from device")).isEqualTo(before);
    }
}
