package io.yingji.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** Telemetry through the real Mosquitto broker, the live stream, and two consumers sharing the subscription. */
class MqttTelemetryIntegrationTests extends ApiTest {

    @Autowired
    MqttTelemetry consumer;

    @Autowired
    MqttSettings settings;

    @Autowired
    TelemetryIngest ingest;

    @Autowired
    AlarmEvaluation evaluation;

    @Autowired
    AlarmStream stream;

    @Autowired
    JsonMapper json;

    @Autowired
    Clock clock;

    MqttClient publisher;

    @BeforeEach
    void connect() throws Exception {
        waitFor(consumer::isSubscribed, Duration.ofSeconds(20), "the platform subscribed to the broker");
        publisher = new MqttClient(settings.url(), "it-publisher-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        publisher.connect(options);
    }

    @AfterEach
    void disconnect() throws Exception {
        publisher.disconnect();
        publisher.close();
    }

    private String register(String type) {
        String code = "MQ-" + UUID.randomUUID().toString().substring(0, 8);
        long enterprise = api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
        Response created = api.post("gongshu", "/api/devices", Map.of("code", code, "name", "甲类仓库气体探测器 " + code,
                "type", type, "enterpriseId", enterprise));
        assertThat(created.status()).isEqualTo(201);
        return code;
    }

    private void publish(String code, String payload) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                publisher.publish(MqttSettings.TELEMETRY_TOPIC + code, payload.getBytes(StandardCharsets.UTF_8), 1, false);
                return;
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                // the broker's window of unacknowledged publishes is full: wait for its acknowledgements
                if (e.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT || attempt > 1000) {
                    throw e;
                }
                Thread.sleep(2);
            }
        }
    }

    private long stored(String code) {
        return count("select count(*) from telemetry t join device d on d.id = t.device_id where d.code = '" + code + "'");
    }

    private static void waitFor(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void readingsPublishedWithQos1AreStoredAndBadOnesRefusedWithReasons() throws Exception {
        String code = register("COMBUSTIBLE_GAS");
        Instant t0 = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(300);
        for (int i = 0; i < 200; i++) {
            publish(code, "{\"ts\":" + t0.plusMillis(1000L * i).toEpochMilli() + ",\"values\":{\"lel\":" + (i % 7) + "}}");
        }
        publish(code, "this is not json");
        publish(code, "{\"ts\":\"" + t0 + "\",\"values\":{\"lel\":\"高\"}}");
        publish("NOT-REGISTERED", "{\"values\":{\"lel\":1}}");
        waitFor(() -> stored(code) == 200 && count("select count(*) from telemetry_rejected where device_code in ('" + code
                + "', 'NOT-REGISTERED')") == 3, Duration.ofSeconds(20), "200 readings stored and 3 refused");
        assertThat(jdbc.sql("select reason from telemetry_rejected where device_code in (:codes) order by reason")
                .param("codes", List.of(code, "NOT-REGISTERED")).query(String.class).list())
                .containsExactly("MALFORMED", "NOT_NUMERIC", "UNKNOWN_DEVICE");
        assertThat(count("select sum(val) from telemetry t join device d on d.id = t.device_id where d.code = '" + code + "'"))
                .isEqualTo(java.util.stream.IntStream.range(0, 200).map(i -> i % 7).sum());
    }

    @Test
    void aReadingIsAcknowledgedOnceStoredAndItsAlarmFollowsThoughTheAlarmWriteFailedAtFirst() throws Exception {
        List<String> district = listen("gongshu");
        String code = register("COMBUSTIBLE_GAS");
        long device = count("select id from device where code = '" + code + "'");
        try (AlarmWritesRefused refused = AlarmWritesRefused.forDevice(jdbc, device)) {
            long acknowledged = consumer.acknowledged();
            publish(code, "{\"values\":{\"lel\":46}}");
            // the platform acknowledges the message to the broker once the reading is stored, alarm or not
            waitFor(() -> consumer.acknowledged() > acknowledged, Duration.ofSeconds(10), "the message acknowledged");
            assertThat(stored(code)).isEqualTo(1);
            Thread.sleep(500);
            assertThat(count("select count(*) from alarm where device_id = " + device)).isZero();
            refused.lift();
            waitFor(() -> district.stream().anyMatch(line -> line.startsWith("data:") && line.contains(code)), Duration.ofSeconds(20),
                    "the alarm reaches the district's stream once the database takes it");
        }
        assertThat(count("select count(*) from alarm where device_id = " + device)).isEqualTo(1);
        assertThat(count("select count(*) from telemetry_rejected where device_code = '" + code + "'")).isZero();
        assertThat(stored(code)).isEqualTo(1);
    }

    @Test
    void anAlarmReachesTheStreamOfThoseInScopeOnly() throws Exception {
        List<String> district = listen("gongshu");
        List<String> otherDistrict = listen("xihu");
        waitFor(() -> stream.subscribers() >= 2, Duration.ofSeconds(10), "both streams are open");
        String code = register("COMBUSTIBLE_GAS");
        publish(code, "{\"values\":{\"lel\":48}}");
        waitFor(() -> district.stream().anyMatch(line -> line.contains(code)), Duration.ofSeconds(10), "the district's stream shows the alarm");
        String data = district.stream().filter(line -> line.startsWith("data:") && line.contains(code)).findFirst().orElseThrow();
        assertThat(json.readTree(data.substring(5)).path("status").asString()).isEqualTo("RAISED");
        Thread.sleep(500);
        assertThat(otherDistrict).noneMatch(line -> line.contains(code));
    }

    private List<String> listen(String user) {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/alarms/stream"))
                .header("Authorization", "Bearer " + api.token(user)).header("Accept", "text/event-stream").build();
        HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(lines::add));
        return lines;
    }

    @Test
    void twoConsumersShareTheSubscriptionStoreEachReadingOnceAndLoseNoneWhenOneStops() throws Exception {
        MqttTelemetry first = new MqttTelemetry(settings, ingest, evaluation, stream, json, clock, MqttTelemetry.newClientId());
        MqttTelemetry second = new MqttTelemetry(settings, ingest, evaluation, stream, json, clock, MqttTelemetry.newClientId());
        first.start();
        second.start();
        try {
            waitFor(() -> first.isSubscribed() && second.isSubscribed(), Duration.ofSeconds(20), "both consumers subscribed");
            String code = register("TANK_LEVEL");
            Instant t0 = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3000);
            int total = 2000;
            for (int i = 0; i < total; i++) {
                publish(code, "{\"ts\":" + t0.plusMillis(1000L * i).toEpochMilli() + ",\"values\":{\"level\":" + (40 + i % 10) + "}}");
                if (i == total / 2) {
                    first.stop(); // mid-stream: it finishes what it received, and the broker sends the rest elsewhere
                }
            }
            waitFor(() -> stored(code) == total, Duration.ofSeconds(30), "every reading stored");
            Thread.sleep(500);
            assertThat(stored(code)).isEqualTo(total);
            assertThat(count("select count(*) from telemetry_rejected where device_code = '" + code + "'")).isZero();
            assertThat(first.acknowledged()).isPositive();
            assertThat(second.acknowledged()).isPositive();
        } finally {
            first.stop();
            second.stop();
        }
    }
}
