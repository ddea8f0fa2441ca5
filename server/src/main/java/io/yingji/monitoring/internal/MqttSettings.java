package io.yingji.monitoring.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The MQTT side of monitoring ({@code yingji.mqtt.*}).
 *
 * @param enabled        connect to the broker at all (HTTP telemetry works without it)
 * @param url            broker address, e.g. {@code tcp://127.0.0.1:1883}; empty: start the embedded broker
 * @param embeddedPort   the embedded broker's port on 127.0.0.1 (0 or less: 1883)
 * @param username       broker account (empty: anonymous)
 * @param password       its password, passed by environment
 * @param sharedGroup    the MQTT 5 shared-subscription group all instances join, so each reading goes to one of them
 * @param receiveMaximum unacknowledged messages the broker may have in flight to this instance
 * @param batchSize      most messages written in one batch
 * @param linger         how long the writer waits for more messages to fill a batch
 */
@ConfigurationProperties("yingji.mqtt")
record MqttSettings(boolean enabled, String url, String username, String password, String sharedGroup,
                    int receiveMaximum, int batchSize, Duration linger, int embeddedPort) {

    MqttSettings {
        embeddedPort = embeddedPort <= 0 ? 1883 : embeddedPort;
    }

    static final String TELEMETRY_TOPIC = "yingji/telemetry/";
    static final String ALARM_TOPIC = "yingji/events/alarms";

    String telemetryFilter() {
        return "$share/" + sharedGroup + "/" + TELEMETRY_TOPIC + "+";
    }
}
