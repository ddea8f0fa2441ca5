package io.yingji.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.EmbeddedPlatformTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one-command start's own MQTT broker: a device logs in with its code and key, publishes a reading
 * with a real MQTT client (Paho, MQTT 3.1.1) and the reading is stored and raises an alarm; anonymous
 * clients and wrong keys are refused, and a device cannot report on another's topic. The demo city's
 * sensors report through the same broker.
 */
class EmbeddedMqttIntegrationTests extends EmbeddedPlatformTest {

    @Autowired
    EmbeddedBroker broker;

    @Autowired
    MqttTelemetry telemetry;

    @Autowired
    JdbcClient jdbc;

    private record Registered(String code, String key) {
    }

    private Registered register(Api api) {
        String code = "EMQ-" + UUID.randomUUID().toString().substring(0, 8);
        long enterprise = api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
        Response created = api.post("gongshu", "/api/devices", Map.of("code", code, "name", "储罐区可燃气体探测器 " + code,
                "type", "COMBUSTIBLE_GAS", "enterpriseId", enterprise));
        assertThat(created.status()).isEqualTo(201);
        return new Registered(code, created.body().path("key").asString());
    }

    private static MqttClient connect(String user, String password) throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + MQTT_PORT, "it-" + UUID.randomUUID(), new MemoryPersistence());
        client.setTimeToWait(3_000);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(5);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.toCharArray());
        }
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return client;
    }

    private static void close(MqttClient client) throws MqttException {
        if (client.isConnected()) {
            client.disconnect(1_000);
        }
        client.close(true);
    }

    private long stored(String code) {
        return jdbc.sql("select count(*) from telemetry t join device d on d.id = t.device_id where d.code = :code")
                .param("code", code).query(Long.class).single();
    }

    private long openAlarms(String code) {
        return jdbc.sql("select count(*) from alarm a join device d on d.id = a.device_id where d.code = :code and a.open_key is not null")
                .param("code", code).query(Long.class).single();
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

    private static byte[] reading(double lel) {
        return ("{\"ts\":" + System.currentTimeMillis() + ",\"values\":{\"lel\":" + lel + "}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDeviceLogsInWithItsKeyAndItsReadingIsStoredAndRaisesAnAlarm() throws Exception {
        assertThat(broker.address()).contains("tcp://127.0.0.1:" + MQTT_PORT);
        assertThat(telemetry.isSubscribed()).isTrue();
        Registered device = register(new Api(port));
        MqttClient client = connect(device.code(), device.key());
        try {
            client.publish(MqttSettings.TELEMETRY_TOPIC + device.code(), reading(62.5), 1, false);
        } finally {
            close(client);
        }
        waitFor(() -> stored(device.code()) == 1 && openAlarms(device.code()) > 0, Duration.ofSeconds(20),
                "the reading stored and its alarm raised");
        Api api = new Api(port);
        Response alarms = api.get("gongshu", "/api/alarms?size=200");
        assertThat(alarms.status()).isEqualTo(200);
        assertThat(alarms.body().path("content").valueStream().filter(a -> a.path("deviceCode").asString().equals(device.code())))
                .as("a 二级 alarm for 62.5 %LEL").anyMatch(a -> a.path("level").asInt() == 2);
    }

    @Test
    void anonymousClientsWrongKeysAndOtherDevicesTopicsAreRefused() throws Exception {
        Api api = new Api(port);
        Registered device = register(api);
        Registered other = register(api);
        assertThatThrownBy(() -> connect(null, null)).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> connect(device.code(), "not-the-key")).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> connect(device.code(), other.key())).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> connect("NO-SUCH-DEVICE", device.key())).isInstanceOf(MqttException.class);
        // logged in, but on another device's topic: the broker drops it (no PUBACK; it may close the connection)
        MqttClient client = connect(device.code(), device.key());
        try {
            client.publish(MqttSettings.TELEMETRY_TOPIC + other.code(), reading(80), 1, false);
        } catch (MqttException expected) {
            // no acknowledgement for a refused publish
        } finally {
            close(client);
        }
        // its own reading after that one is stored: the refused one would have come first (one hand-off thread)
        MqttClient again = connect(device.code(), device.key());
        try {
            again.publish(MqttSettings.TELEMETRY_TOPIC + device.code(), reading(1.5), 1, false);
        } finally {
            close(again);
        }
        waitFor(() -> stored(device.code()) == 1, Duration.ofSeconds(20), "the device's own reading stored");
        assertThat(stored(other.code())).isZero();
        assertThat(openAlarms(other.code())).isZero();
    }

    @Test
    void theDemoCitysSensorsPublishThroughTheBroker() throws Exception {
        // every demo sensor but the silent one reports each round over MQTT (the tests here publish a handful)
        waitFor(() -> telemetry.acknowledged() >= 60, Duration.ofSeconds(90), "the demo sensors' readings arrived over MQTT");
        // and with the key the README names
        MqttClient client = connect("YJ-QY-GAS-02", "yingji-demo-sensor");
        close(client);
    }
}
