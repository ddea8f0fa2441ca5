package io.yingji.demo.internal;

import io.yingji.monitoring.DeviceCatalog;
import io.yingji.monitoring.EmbeddedMqtt;
import io.yingji.monitoring.TelemetryIntake;
import io.yingji.monitoring.TelemetryIntake.Reading;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the demo city's sensors reporting while the platform runs (the embedded demo only, {@code
 * yingji.demo.simulate}): quiet values around each kind's normal level, except the gas detectors the
 * demo left in alarm, which stay high until someone looks, and one tank-level meter, which stays silent
 * so the offline check has something to find. Readings go through the same pipeline as a real sensor's:
 * while the embedded MQTT broker runs (the one-command start) each sensor publishes its reading to it as a
 * real one would, logging in with its code and the demo key {@link #DEVICE_KEY}; otherwise (MQTT off, or
 * an external broker whose accounts the demo does not know) they are handed over inside the platform.
 */
@Component
@ConditionalOnProperty(name = "yingji.demo.simulate", havingValue = "true")
class DemoSimulator {

    private static final Logger log = LoggerFactory.getLogger(DemoSimulator.class);

    /** The key of every demo sensor (MQTT password, and HTTP {@code Authorization: Device <code>:<key>}). */
    static final String DEVICE_KEY = "yingji-demo-sensor";

    private final DeviceCatalog devices;
    private final TelemetryIntake telemetry;
    private final Clock clock;
    private final Random random = new Random();

    private final DemoCity city;
    private final ObjectProvider<EmbeddedMqtt> broker;
    private boolean toldMqtt;
    /** Sensors whose key is no longer the demo's (changed by someone, or a city loaded before it had one). */
    private final java.util.Set<String> refused = new java.util.HashSet<>();

    DemoSimulator(DeviceCatalog devices, TelemetryIntake telemetry, Clock clock, DemoCity city, ObjectProvider<EmbeddedMqtt> broker) {
        this.city = city;
        this.broker = broker;
        this.devices = devices;
        this.telemetry = telemetry;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${yingji.demo.simulate-interval:PT20S}", initialDelayString = "PT5S")
    void report() {
        if (city.isLoading()) {
            return; // the city's six hours of history go in first; a newer reading would make them too old to evaluate
        }
        try {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            List<Reading> readings = new ArrayList<>();
            for (String code : devices.codesStartingWith("YJ-")) {
                if (code.equals(DemoDevices.SILENT)) {
                    continue;
                }
                double[] level = normal(code);
                if (level.length > 0) {
                    double value = Math.max(0, level[1] + random.nextGaussian() * level[2] / 2);
                    readings.add(new Reading(code, now, metric(code), Math.round(value * 100) / 100.0));
                }
            }
            Optional<String> mqtt = Optional.ofNullable(broker.getIfAvailable()).flatMap(EmbeddedMqtt::address);
            if (mqtt.isPresent() && !readings.isEmpty()) {
                publish(mqtt.get(), readings);
            } else if (!readings.isEmpty()) {
                telemetry.accept(readings);
            }
        } catch (RuntimeException e) {
            log.warn("Demo sensors did not report: {}", e.getMessage());
        }
    }

    /**
     * Each sensor logs in as itself and publishes its reading with QoS 1, one after the other; one that
     * cannot is handed over inside the platform instead, so the demo keeps its readings.
     */
    private void publish(String address, List<Reading> readings) {
        List<Reading> unsent = new ArrayList<>();
        String failure = null;
        for (Reading reading : readings) {
            if (refused.contains(reading.deviceCode())) {
                unsent.add(reading);
                continue;
            }
            try {
                MqttClient client = new MqttClient(address, reading.deviceCode(), new MemoryPersistence());
                try {
                    MqttConnectOptions options = new MqttConnectOptions();
                    options.setCleanSession(true);
                    options.setUserName(reading.deviceCode());
                    options.setPassword(DEVICE_KEY.toCharArray());
                    options.setConnectionTimeout(5);
                    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
                    client.setTimeToWait(5_000);
                    client.connect(options);
                    String payload = "{\"ts\":" + reading.ts().toEpochMilli() + ",\"values\":{\"" + reading.metric() + "\":"
                            + reading.value() + "}}";
                    client.publish("yingji/telemetry/" + reading.deviceCode(), payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false);
                    client.disconnect(1_000);
                } finally {
                    client.close(true);
                }
            } catch (org.eclipse.paho.client.mqttv3.MqttSecurityException e) {
                refused.add(reading.deviceCode());
                unsent.add(reading);
                log.info("Demo sensor {} cannot log in to the MQTT broker with the demo key ({}); its readings are handed over directly",
                        reading.deviceCode(), e.getMessage());
            } catch (MqttException e) {
                unsent.add(reading);
                failure = reading.deviceCode() + ": " + e;
            }
        }
        if (!toldMqtt) {
            toldMqtt = true;
            log.info("Demo sensors publish their readings to the embedded MQTT broker at {}", address);
        }
        if (failure != null) {
            log.warn("Demo sensors could not publish over MQTT ({}); their readings were handed over directly", failure);
        }
        if (!unsent.isEmpty()) {
            telemetry.accept(unsent);
        }
    }

    /** {kind, normal level, spread} by the code's suffix; the demo's alarmed detectors stay high. */
    static double[] normal(String code) {
        if (code.equals(DemoDevices.ALARMED_LEVEL_1)) {
            return new double[] {0, 30, 1};
        }
        if (code.equals(DemoDevices.ALARMED_LEVEL_2)) {
            return new double[] {0, 55, 1};
        }
        if (code.contains("-GAS")) {
            return new double[] {0, 3, 2};
        }
        if (code.contains("-TOX")) {
            return new double[] {0, 1, 1};
        }
        if (code.contains("-LVL")) {
            return new double[] {0, 60, 4};
        }
        if (code.contains("-PRS")) {
            return new double[] {0, 1.2, 0.02};
        }
        if (code.contains("-TMP")) {
            return new double[] {0, 42, 3};
        }
        return new double[0];
    }

    static String metric(String code) {
        return code.contains("-GAS") ? "lel" : code.contains("-TOX") ? "ppm" : code.contains("-LVL") ? "level"
                : code.contains("-PRS") ? "pressure" : "temperature";
    }
}
