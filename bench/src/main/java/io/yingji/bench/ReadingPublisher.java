package io.yingji.bench;

/** A client publishing readings to {@code yingji/telemetry/<device code>} with QoS 1. */
interface ReadingPublisher extends AutoCloseable {

    String TOPIC = "yingji/telemetry/";

    /** Publishes one reading; blocks while the window of publishes awaiting the broker's PUBACK is full. */
    void publish(String deviceCode, byte[] payload) throws Exception;

    /** Waits until every publish so far is acknowledged by the broker. */
    boolean drain(long timeoutMillis) throws Exception;

    /** Publishes the broker acknowledged. */
    long acknowledged();

    /** Publishes the broker refused, or took with nobody subscribed. */
    long failed();

    /**
     * The benchmark's publishers: {@code -Dclient=raw} (default) a minimal socket client that costs the
     * shared machine little CPU, {@code -Dclient=paho} the Eclipse Paho MQTT 5 asynchronous client.
     */
    static ReadingPublisher open(int mqttPort, int window, boolean flushEach) throws Exception {
        return switch (System.getProperty("client", "raw")) {
            case "raw" -> new RawPublisher("127.0.0.1", mqttPort, window, flushEach);
            case "paho" -> new Publisher("tcp://127.0.0.1:" + mqttPort, window);
            default -> throw new IllegalArgumentException("-Dclient=raw or paho");
        };
    }
}
