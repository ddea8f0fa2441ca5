package io.yingji.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Does the broker keep to a subscriber's MQTT 5 Receive Maximum? The server's MQTT consumer counts on
 * it: its hand-off queue holds twice the receive maximum, and the Paho callback thread blocks when it
 * is full. A plain-socket subscriber (no client library in the way) joins the shared subscription with
 * receive maximum {@code -DreceiveMaximum}, acknowledges every message exactly once, in batches every
 * {@code -DackEveryMs} (the server acknowledges a batch after its commit), and records the most messages it ever held unacknowledged while {@code -Dmessages} QoS 1
 * messages are published. That count is a lower bound of what the broker had in flight to it.
 */
public final class ReceiveMaximumProbe {

    public static void main(String[] args) throws Exception {
        int receiveMaximum = Integer.getInteger("receiveMaximum", 100);
        int messages = Integer.getInteger("messages", 20_000);
        int ackEvery = Integer.getInteger("ackEveryMs", 5);
        Path work = Files.createTempDirectory("yingji-probe-mqtt");
        Process broker = MonitoringBench.startBroker(work);
        try (Socket socket = new Socket("127.0.0.1", MonitoringBench.MQTT_PORT)) {
            socket.setTcpNoDelay(true);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            ByteArrayOutputStream connect = new ByteArrayOutputStream();
            string(connect, "MQTT");
            connect.write(5);
            connect.write(0x02);
            connect.write(0);
            connect.write(0);
            connect.write(3);                       // properties: Receive Maximum
            connect.write(0x21);
            connect.write(receiveMaximum >> 8);
            connect.write(receiveMaximum);
            string(connect, "probe-subscriber");
            packet(out, 0x10, connect.toByteArray());
            out.flush();
            in.readUnsignedByte();
            in.readFully(new byte[length(in)]);
            ByteArrayOutputStream subscribe = new ByteArrayOutputStream();
            subscribe.write(0);
            subscribe.write(1);                     // packet id
            subscribe.write(0);                     // no properties
            string(subscribe, "$share/probe/yingji/telemetry/+");
            subscribe.write(1);                     // QoS 1
            packet(out, 0x82, subscribe.toByteArray());
            out.flush();

            BlockingQueue<Integer> toAck = new LinkedBlockingQueue<>();
            AtomicInteger received = new AtomicInteger();
            AtomicInteger outstanding = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            Thread reader = new Thread(() -> {
                try {
                    while (true) {
                        int type = in.readUnsignedByte();
                        byte[] body = new byte[length(in)];
                        in.readFully(body);
                        if ((type & 0xF0) == 0x30 && ((type >> 1) & 3) == 1) {
                            int topic = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
                            int id = ((body[2 + topic] & 0xFF) << 8) | (body[3 + topic] & 0xFF);
                            received.incrementAndGet();
                            most.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
                            toAck.add(id);
                        }
                    }
                } catch (IOException closed) {
                    // done
                }
            });
            reader.setDaemon(true);
            reader.start();
            Thread acker = new Thread(() -> {
                try {
                    while (true) {
                        Thread.sleep(ackEvery);
                        List<Integer> ids = new ArrayList<>();
                        toAck.drainTo(ids);
                        for (int id : ids) {
                            out.write(0x40);        // PUBACK, once per message
                            out.write(2);
                            out.write(id >> 8);
                            out.write(id);
                            outstanding.decrementAndGet();
                        }
                        out.flush();
                    }
                } catch (Exception stopped) {
                    // done
                }
            });
            acker.setDaemon(true);
            acker.start();
            Thread.sleep(300);
            try (RawPublisher publisher = new RawPublisher("127.0.0.1", MonitoringBench.MQTT_PORT, 500, false)) {
                byte[] payload = "{\"values\":{\"lel\":1}}".getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < messages; i++) {
                    publisher.publish("PROBE", payload);
                }
                publisher.drain(60_000);
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (received.get() < messages && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            System.out.println("probe_receive_maximum: " + receiveMaximum + " messages");
            System.out.println("probe_acknowledged_every: " + ackEvery + " ms");
            System.out.println("probe_received: " + received.get() + " messages");
            System.out.println("probe_most_unacknowledged_at_once: " + most.get() + " messages");
        } finally {
            broker.destroy();
            broker.waitFor();
        }
    }

    private static void string(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static void packet(OutputStream out, int type, byte[] body) throws IOException {
        out.write(type);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            out.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        out.write(body);
    }

    private static int length(DataInputStream in) throws IOException {
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
