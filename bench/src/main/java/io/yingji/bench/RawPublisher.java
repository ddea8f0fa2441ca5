package io.yingji.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal MQTT 5 publisher (QoS 1 PUBLISH, PUBACK counting) written straight on a socket, so the load
 * generator costs little CPU on the machine it shares with the broker, the server and PostgreSQL (a
 * Paho client publishing 10,000+ messages/s takes about a core). Up to {@code window} publishes may
 * await the broker's PUBACK; a PUBACK with a failure reason (0x80 or above) or "no matching
 * subscribers" (0x10) is counted, never ignored.
 */
final class RawPublisher implements ReadingPublisher {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final Semaphore window;
    private final int windowSize;
    private final boolean flushEach;
    private final Thread reader;
    private int nextId = 1;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong noSubscribers = new AtomicLong();
    private volatile String error;

    /**
     * @param flushEach send every publish at once (paced publishing, for latency); otherwise publishes
     *                  are buffered and sent in blocks (throughput)
     */
    RawPublisher(String host, int port, int window, boolean flushEach) throws IOException {
        this.windowSize = window;
        this.window = new Semaphore(window);
        this.flushEach = flushEach;
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        connect("bench-raw-" + UUID.randomUUID().toString().substring(0, 8));
        reader = new Thread(this::readAcks, "mqtt-raw-acks");
        reader.setDaemon(true);
        reader.start();
    }

    private void connect(String clientId) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(5);          // protocol version 5
        body.write(0x02);       // clean start
        body.write(0);          // keep alive 0: none (the benchmark's connections are short-lived)
        body.write(0);
        body.write(0);          // no properties
        writeString(body, clientId);
        writePacket(0x10, body.toByteArray());
        out.flush();
        int type = in.readUnsignedByte();
        byte[] connack = new byte[readLength()];
        in.readFully(connack);
        if (type != 0x20 || connack.length < 2 || connack[1] != 0) {
            throw new IOException("CONNACK refused: type " + type + ", reason " + (connack.length > 1 ? connack[1] : -1));
        }
    }

    @Override
    public void publish(String deviceCode, byte[] payload) throws Exception {
        if (error != null) {
            throw new IOException(error);
        }
        if (!window.tryAcquire()) {
            out.flush();
            window.acquire();
        }
        byte[] topic = (TOPIC + deviceCode).getBytes(StandardCharsets.UTF_8);
        int id = nextId;
        nextId = nextId == 65_535 ? 1 : nextId + 1;
        int length = 2 + topic.length + 2 + 1 + payload.length;
        out.write(0x32);        // PUBLISH, QoS 1
        writeLength(out, length);
        out.write(topic.length >> 8);
        out.write(topic.length);
        out.write(topic);
        out.write(id >> 8);
        out.write(id);
        out.write(0);           // no properties
        out.write(payload);
        if (flushEach) {
            out.flush();
        }
    }

    private void readAcks() {
        try {
            while (true) {
                int type = in.readUnsignedByte();
                byte[] body = new byte[readLength()];
                in.readFully(body);
                if ((type & 0xF0) == 0x40) {
                    int reason = body.length > 2 ? body[2] & 0xFF : 0;
                    if (reason >= 0x80) {
                        failed.incrementAndGet();
                    } else if (reason == 0x10) {
                        noSubscribers.incrementAndGet();
                    }
                    acknowledged.incrementAndGet();
                    window.release();
                } else if ((type & 0xF0) == 0xE0) {
                    error = "broker disconnected, reason " + (body.length > 0 ? body[0] & 0xFF : 0);
                    return;
                }
            }
        } catch (IOException e) {
            if (error == null && !socket.isClosed()) {
                error = "connection lost: " + e;
            }
        }
    }

    @Override
    public boolean drain(long timeoutMillis) throws Exception {
        out.flush();
        if (!window.tryAcquire(windowSize, timeoutMillis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        window.release(windowSize);
        return true;
    }

    @Override
    public long acknowledged() {
        return acknowledged.get();
    }

    /** PUBACKs with a failure reason, plus "no matching subscribers" (nobody took the reading). */
    @Override
    public long failed() {
        return failed.get() + noSubscribers.get();
    }

    @Override
    public void close() throws Exception {
        try {
            out.write(0xE0);    // DISCONNECT, normal
            out.write(0);
            out.flush();
        } finally {
            socket.close();
        }
    }

    private void writePacket(int type, byte[] body) throws IOException {
        out.write(type);
        writeLength(out, body.length);
        out.write(body);
    }

    private static void writeString(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static void writeLength(OutputStream out, int length) throws IOException {
        do {
            int digit = length % 128;
            length /= 128;
            out.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
    }

    private int readLength() throws IOException {
        int value = 0;
        int multiplier = 1;
        int digit;
        do {
            digit = in.readUnsignedByte();
            value += (digit & 0x7F) * multiplier;
            multiplier *= 128;
        } while ((digit & 0x80) != 0);
        return value;
    }
}
