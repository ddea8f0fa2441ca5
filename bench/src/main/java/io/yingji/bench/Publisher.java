package io.yingji.bench;

import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * An Eclipse Paho MQTT 5 client publishing readings with QoS 1, like a Java device gateway would: asynchronous,
 * with up to {@code window} publishes awaiting the broker's PUBACK at a time.
 */
final class Publisher implements ReadingPublisher {

    private final MqttAsyncClient client;
    private final Semaphore window;
    private final int windowSize;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final MqttActionListener listener = new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            acknowledged.incrementAndGet();
            window.release();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            failed.incrementAndGet();
            window.release();
        }
    };

    Publisher(String url, int window) throws MqttException {
        this.windowSize = window;
        this.window = new Semaphore(window);
        client = new MqttAsyncClient(url, "bench-pub-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setReceiveMaximum(window);
        client.connect(options).waitForCompletion(10_000);
    }

    @Override
    public void publish(String deviceCode, byte[] bytes) throws Exception {
        window.acquire();
        while (true) {
            try {
                client.publish(TOPIC + deviceCode, bytes, 1, false, null, listener);
                return;
            } catch (MqttException e) {
                // the broker's receive maximum is below our window: wait for its acknowledgements
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    window.release();
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public long acknowledged() {
        return acknowledged.get();
    }

    @Override
    public long failed() {
        return failed.get();
    }

    @Override
    public boolean drain(long timeoutMillis) throws InterruptedException {
        if (!window.tryAcquire(windowSize, timeoutMillis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        window.release(windowSize);
        return true;
    }

    @Override
    public void close() throws Exception {
        try {
            client.disconnect().waitForCompletion(5_000);
        } finally {
            client.close();
        }
    }
}
