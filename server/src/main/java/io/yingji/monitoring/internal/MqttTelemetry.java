package io.yingji.monitoring.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * Telemetry in over MQTT 5. Joins the shared subscription {@code $share/<group>/yingji/telemetry/+}
 * with manual acknowledgement: the callback only queues a message; one writer thread takes batches
 * from the queue, stores them (committed, refusals recorded), hands them to the alarm rules' own
 * thread ({@link AlarmEvaluation}), and then acknowledges them (PUBACK). A batch the database refuses is retried, not acknowledged, so the
 * broker keeps it. Stopping unsubscribes first, finishes what was received, then disconnects, so a
 * stopped instance loses nothing and the broker sends the rest to the others.
 *
 * <p>Also the alarm bridge: changes made here are published on {@code yingji/events/alarms} and those
 * of other instances are pushed to this instance's stream subscribers.
 *
 * <p>On the one-command start (no broker configured) it starts the {@link EmbeddedBroker} instead of
 * connecting anywhere: the broker hands each accepted publish to the same queue and writer (nothing to
 * acknowledge: the broker acknowledged it to the device), and there is no other instance to bridge to.
 */
class MqttTelemetry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MqttTelemetry.class);

    private record Received(String deviceCode, byte[] payload, int id, int qos) {
    }

    private final MqttSettings settings;
    private final TelemetryIngest ingest;
    private final AlarmEvaluation evaluation;
    private final AlarmStream stream;
    private final JsonMapper json;
    private final Clock clock;
    private final String clientId;
    private final BlockingQueue<Received> queue;
    private final AtomicLong acknowledged = new AtomicLong();
    private final BlockingQueue<AlarmView> bridge = new ArrayBlockingQueue<>(10_000);
    private Thread bridgeThread;
    /** The client's own threads, as daemons (receiver, sender and callback each hold one for good, plus pings). */
    private final java.util.concurrent.ScheduledExecutorService executor = java.util.concurrent.Executors.newScheduledThreadPool(6, work -> {
        Thread thread = new Thread(work, "mqtt-client");
        thread.setDaemon(true);
        return thread;
    });
    private volatile MqttClient client;
    private volatile boolean running;
    private volatile boolean subscribed;
    private Thread writer;
    private Thread connector;
    private final @org.jspecify.annotations.Nullable EmbeddedBroker embedded;

    MqttTelemetry(MqttSettings settings, TelemetryIngest ingest, AlarmEvaluation evaluation, AlarmStream stream, JsonMapper json,
                  Clock clock, String clientId) {
        this(settings, ingest, evaluation, stream, json, clock, clientId, null);
    }

    MqttTelemetry(MqttSettings settings, TelemetryIngest ingest, AlarmEvaluation evaluation, AlarmStream stream, JsonMapper json,
                  Clock clock, String clientId, @org.jspecify.annotations.Nullable EmbeddedBroker embedded) {
        this.embedded = embedded;
        this.settings = settings;
        this.ingest = ingest;
        this.evaluation = evaluation;
        this.stream = stream;
        this.json = json;
        this.clock = clock;
        this.clientId = clientId;
        this.queue = new ArrayBlockingQueue<>(Math.max(16, settings.receiveMaximum() * 2));
    }

    static String newClientId() {
        return "yingji-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Messages stored (or refused with a reason) and acknowledged so far. */
    long acknowledged() {
        return acknowledged.get();
    }

    boolean isSubscribed() {
        return subscribed;
    }

    @Override
    public void start() {
        running = true;
        writer = daemon("mqtt-telemetry-writer-" + clientId, this::writeLoop);
        if (embedded != null) {
            subscribed = embedded.start(this::receivedFromEmbedded);
            return;
        }
        connector = daemon("mqtt-connect-" + clientId, this::connectLoop);
        bridgeThread = daemon("mqtt-alarm-bridge-" + clientId, this::bridgeLoop);
    }

    private void connectLoop() {
        long delay = 1000;
        while (running && client == null) {
            try {
                MqttClient candidate = new MqttClient(settings.url(), clientId, new MemoryPersistence(), executor);
                // no call may hang a stopping instance
                candidate.setTimeToWait(10_000);
                candidate.setManualAcks(true);
                candidate.setCallback(new Callback());
                MqttConnectionOptions options = new MqttConnectionOptions();
                options.setCleanStart(true);
                options.setAutomaticReconnect(true);
                options.setAutomaticReconnectDelay(1, 30);
                options.setReceiveMaximum(settings.receiveMaximum());
                if (settings.username() != null && !settings.username().isBlank()) {
                    options.setUserName(settings.username());
                    options.setPassword(settings.password() == null ? new byte[0] : settings.password().getBytes(StandardCharsets.UTF_8));
                }
                candidate.connect(options);
                client = candidate;
                subscribe();
                stream.bridgeTo(this::publishAlarm);
                log.info("MQTT telemetry connected to {} as {} ({})", settings.url(), clientId, settings.telemetryFilter());
            } catch (MqttException | RuntimeException e) {
                if (!running) {
                    // stopped while connecting: the client's threads are gone, nothing to retry
                    return;
                }
                log.warn("MQTT broker {} not reachable ({}); retrying in {} s — HTTP telemetry still works",
                        settings.url(), e.getMessage(), delay / 1000);
                sleep(delay);
                delay = Math.min(delay * 2, 30_000);
            }
        }
    }

    private void subscribe() throws MqttException {
        MqttClient c = client;
        if (c == null || !running) {
            return;
        }
        c.subscribe(new String[] {settings.telemetryFilter(), MqttSettings.ALARM_TOPIC}, new int[] {1, 0});
        subscribed = true;
    }

    /** A publish the embedded broker accepted (on its one interceptor thread); waits while the writer is far behind. */
    private void receivedFromEmbedded(String code, byte[] payload) {
        try {
            queue.put(new Received(code, payload, 0, 0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            subscribed = false;
            log.warn("MQTT disconnected: {}", response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("MQTT error: {}", exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            if (topic.equals(MqttSettings.ALARM_TOPIC)) {
                receiveAlarm(message);
                if (message.getQos() > 0) {
                    client.messageArrivedComplete(message.getId(), message.getQos());
                }
                return;
            }
            String code = topic.substring(topic.lastIndexOf('/') + 1);
            // blocks only if the writer is far behind: the broker then holds the rest (receive maximum)
            queue.put(new Received(code, message.getPayload(), message.getId(), message.getQos()));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                try {
                    subscribe();
                } catch (MqttException e) {
                    log.warn("MQTT resubscribe failed: {}", e.getMessage());
                }
            }
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }

    private void writeLoop() {
        List<Received> batch = new ArrayList<>(settings.batchSize());
        while (running || !queue.isEmpty()) {
            try {
                Received first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + settings.linger().toNanos();
                while (batch.size() < settings.batchSize()) {
                    queue.drainTo(batch, settings.batchSize() - batch.size());
                    long left = deadline - System.nanoTime();
                    if (batch.size() >= settings.batchSize() || left <= 0) {
                        break;
                    }
                    Received next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                writeUntilDone(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Stores a batch, retrying while the database refuses, then hands its readings to the alarm rules'
     * own thread and acknowledges every message in it: acknowledged means stored, whatever the rules
     * then do.
     */
    private void writeUntilDone(List<Received> batch) throws InterruptedException {
        long delay = 200;
        while (true) {
            try {
                Instant now = clock.instant();
                TelemetryParser.Collected parsed = new TelemetryParser.Collected(batch.size() * 2);
                for (Received received : batch) {
                    TelemetryParser.parseMessage(received.deviceCode(), received.payload(), now, parsed);
                }
                TelemetryIngest.Stored stored = ingest.store("MQTT", parsed.samples, parsed.rejections, TelemetryIngest.Sender.ANY);
                evaluation.submit(stored.toEvaluate());
                break;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                log.warn("Storing {} MQTT messages failed ({}); retrying in {} ms, not acknowledged", batch.size(), e.toString(), delay);
                Thread.sleep(delay);
                delay = Math.min(delay * 2, 10_000);
            }
        }
        MqttClient c = client;
        for (Received received : batch) {
            if (received.qos() > 0 && c != null) {
                try {
                    c.messageArrivedComplete(received.id(), received.qos());
                } catch (MqttException e) {
                    // the connection dropped: the broker resends, and the store answers it as a duplicate
                    log.debug("PUBACK of {} failed: {}", received.id(), e.getMessage());
                }
            }
        }
        acknowledged.addAndGet(batch.size());
    }

    /**
     * Hands the change to the bridge thread and returns at once. The writer thread must never wait for
     * the client: the client's callback thread may itself be waiting for the writer to make room in the
     * queue, and the two would hold each other (seen under load in the benchmark). When the bridge falls
     * behind, changes are dropped for the other instances only: the bridge is a courtesy to their live
     * streams, which reload from the API.
     */
    private void publishAlarm(AlarmView view) {
        if (!bridge.offer(view)) {
            log.debug("Alarm bridge full, change of alarm {} not relayed", view.id());
        }
    }

    private void bridgeLoop() {
        while (running) {
            try {
                AlarmView view = bridge.poll(200, TimeUnit.MILLISECONDS);
                MqttClient c = client;
                if (view == null || c == null || !c.isConnected()) {
                    continue;
                }
                MqttMessage message = new MqttMessage(json.writeValueAsBytes(view), 0, false, originProperties());
                c.publish(MqttSettings.ALARM_TOPIC, message);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (MqttException | RuntimeException e) {
                log.debug("Alarm bridge publish failed: {}", e.getMessage());
            }
        }
    }

    private MqttProperties originProperties() {
        MqttProperties properties = new MqttProperties();
        properties.setUserProperties(List.of(new UserProperty("origin", clientId)));
        return properties;
    }

    private void receiveAlarm(MqttMessage message) {
        List<UserProperty> props = message.getProperties() == null ? List.of() : message.getProperties().getUserProperties();
        boolean mine = props != null && props.stream().anyMatch(p -> p.getKey().equals("origin") && p.getValue().equals(clientId));
        if (mine) {
            return;
        }
        try {
            stream.deliverLocally(json.readValue(message.getPayload(), AlarmView.class));
        } catch (RuntimeException e) {
            log.debug("Unreadable alarm bridge message: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (embedded != null) {
            // no more publishes in, then the writer finishes what was received
            embedded.stop();
        }
        MqttClient c = client;
        if (c != null && c.isConnected()) {
            try {
                c.unsubscribe(settings.telemetryFilter());
            } catch (MqttException e) {
                log.warn("MQTT unsubscribe failed: {}", e.getMessage());
            }
        }
        subscribed = false;
        running = false;
        try {
            if (writer != null) {
                writer.join(30_000);
            }
            if (connector != null) {
                connector.interrupt();
            }
            if (bridgeThread != null) {
                bridgeThread.interrupt();
            }
            if (c != null) {
                if (c.isConnected()) {
                    c.disconnect(5_000);
                }
                c.close(true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (MqttException e) {
            log.debug("MQTT disconnect: {}", e.getMessage());
        }
        client = null;
        executor.shutdownNow();
        log.info("MQTT telemetry stopped after acknowledging {} messages", acknowledged.get());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stop before the web server and the database pool
        return Integer.MAX_VALUE - 1000;
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
