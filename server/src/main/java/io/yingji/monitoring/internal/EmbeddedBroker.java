package io.yingji.monitoring.internal;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.yingji.monitoring.EmbeddedMqtt;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The MQTT broker of the one-command start (Moquette, MQTT 3.1 / 3.1.1, in memory), started by
 * {@link MqttTelemetry} when no external broker is configured ({@code yingji.mqtt.url} empty). It listens
 * on 127.0.0.1 only, at {@code yingji.mqtt.embedded-port}; if that port is taken it logs so and the
 * platform carries on with HTTP telemetry.
 *
 * <p>Devices authenticate as they do over HTTP: user name the device code, password its key (the one
 * answered at registration or rotation, checked against the stored SHA-256). Anonymous clients and wrong
 * keys are refused at CONNECT; a device may publish only on its own topic {@code yingji/telemetry/<code>}
 * (another topic is dropped by the broker) and nobody may subscribe. Readings reach the platform in the
 * same process: each accepted publish is handed to the telemetry writer (the broker lives and dies with
 * the platform, so a subscription over loopback would guard nothing more).
 */
class EmbeddedBroker implements EmbeddedMqtt {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    static final String HOST = "127.0.0.1";

    private final int port;
    private final JdbcClient jdbc;
    private volatile @Nullable Server server;

    EmbeddedBroker(int port, JdbcClient jdbc) {
        this.port = port;
        this.jdbc = jdbc;
    }

    /**
     * Starts listening and hands every accepted publish (device code, payload) to {@code received}, on
     * one thread in arrival order; false (logged) when the port is taken or the broker cannot start.
     */
    synchronized boolean start(BiConsumer<String, byte[]> received) {
        if (server != null) {
            return true;
        }
        if (!free(port)) {
            log.warn("MQTT: port {}:{} is taken (another broker?) — the embedded MQTT broker is not started and sensors "
                    + "can report over HTTP only. Set YINGJI_MQTT_PORT to a free port, or YINGJI_MQTT_URL to use the broker "
                    + "listening there.", HOST, port);
            return false;
        }
        Properties properties = new Properties();
        properties.setProperty("host", HOST);
        properties.setProperty("port", String.valueOf(port));
        properties.setProperty("websocket_port", "disabled");
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("allow_anonymous", "false");
        properties.setProperty("allow_zero_byte_client_id", "true");
        // Moquette reports usage to its authors unless told not to
        properties.setProperty("telemetry_enabled", "false");
        properties.setProperty("netty.mqtt.message_size", "65536");
        // one interceptor thread: a device's messages reach the writer in the order they came
        properties.setProperty("intercept.thread_pool.size", "1");
        Server candidate = new Server();
        try {
            candidate.startServer(new MemoryConfig(properties), List.of(new Handoff(received)), null, new DeviceKeys(),
                    new OwnTopicOnly());
        } catch (IOException | RuntimeException e) {
            log.warn("MQTT: the embedded broker did not start on {}:{} ({}) — sensors can report over HTTP only", HOST, port, e.toString());
            try {
                candidate.stopServer();
            } catch (RuntimeException ignored) {
                // it never ran
            }
            return false;
        }
        server = candidate;
        log.info("MQTT: embedded broker listening on tcp://{}:{} (device code and key as user name and password; topic {}<code>)",
                HOST, port, MqttSettings.TELEMETRY_TOPIC);
        return true;
    }

    synchronized void stop() {
        Server running = server;
        server = null;
        if (running != null) {
            running.stopServer();
        }
    }

    @Override
    public Optional<String> address() {
        return server == null ? Optional.empty() : Optional.of("tcp://" + HOST + ":" + port);
    }

    private static boolean free(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(HOST, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The device code of a telemetry topic, or null for any other topic. */
    static @Nullable String deviceOf(String topic) {
        if (!topic.startsWith(MqttSettings.TELEMETRY_TOPIC)) {
            return null;
        }
        String code = topic.substring(MqttSettings.TELEMETRY_TOPIC.length());
        return DeviceRegistry.CODE.matcher(code).matches() ? code : null;
    }

    /** CONNECT: the user name is a device code, the password that device's key. */
    private final class DeviceKeys implements IAuthenticator {
        @Override
        public boolean checkValid(String clientId, String username, byte[] password) {
            if (username == null || password == null || !DeviceRegistry.CODE.matcher(username).matches()) {
                return false;
            }
            Optional<String> stored = jdbc.sql("select key_hash from device where code = :code and key_hash is not null")
                    .param("code", username).query(String.class).optional();
            byte[] hash = DeviceRegistry.sha256(new String(password, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
            return stored.isPresent() && MessageDigest.isEqual(stored.get().getBytes(StandardCharsets.US_ASCII), hash);
        }
    }

    /** A device publishes on its own topic only; nobody subscribes (the platform is handed messages directly). */
    private static final class OwnTopicOnly implements IAuthorizatorPolicy {
        @Override
        public boolean canWrite(Topic topic, String user, String client) {
            return user != null && user.equals(deviceOf(topic.toString()));
        }

        @Override
        public boolean canRead(Topic topic, String user, String client) {
            return false;
        }
    }

    private static final class Handoff extends AbstractInterceptHandler {
        private final BiConsumer<String, byte[]> received;

        Handoff(BiConsumer<String, byte[]> received) {
            this.received = received;
        }

        @Override
        public String getID() {
            return "yingji-telemetry";
        }

        @Override
        public void onPublish(InterceptPublishMessage message) {
            String code = deviceOf(message.getTopicName());
            if (code == null) {
                return;
            }
            byte[] payload = new byte[message.getPayload().readableBytes()];
            message.getPayload().getBytes(message.getPayload().readerIndex(), payload);
            received.accept(code, payload);
        }

        @Override
        public void onSessionLoopError(Throwable error) {
            log.warn("MQTT: embedded broker error: {}", error.toString());
        }
    }
}
