package io.yingji.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alarm latency under load: {@code RATE} readings/s published over MQTT (QoS 1, paced on a schedule
 * by {@code PUBLISHERS} clients) for {@code DEVICES} combustible-gas devices, {@code ALARMS_PER_SECOND}
 * of them a breach (lel 30 %LEL, above the seeded 一级 threshold of 25), each on a device that has not
 * breached before so it raises a new alarm; the others stay below (0–20 %LEL). Measured from the
 * publish call of the breaching reading to the arrival of its {@code alarm} event (status RAISED) on
 * {@code GET /api/alarms/stream} of the 拱墅区 account, both clocked in this JVM. The first
 * {@code WARMUP_SECONDS} are not counted.
 */
public final class AlarmLatencyBenchmark {

    static final int DEVICES = Integer.getInteger("devices", 2_000);
    static final int RATE = Integer.getInteger("rate", 10_000);
    static final int ALARMS_PER_SECOND = Integer.getInteger("alarmsPerSecond", 10);
    static final int PUBLISHERS = Integer.getInteger("publishers", 2);
    static final int WARMUP_SECONDS = Integer.getInteger("warmupSeconds", 10);
    static final int SECONDS = Integer.getInteger("seconds", 60);
    static final String PREFIX = "AL-";
    private static final Pattern DEVICE = Pattern.compile("\"deviceCode\":\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([^\"]+)\"");

    /** When each breaching reading was published (nanoTime), by device code; and whether it counts. */
    private final Map<String, Long> published = new ConcurrentHashMap<>();
    private final Map<String, Boolean> measured = new ConcurrentHashMap<>();
    private final Map<String, Long> arrived = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int perThread = RATE / PUBLISHERS;
        if (DEVICES % PUBLISHERS != 0 || perThread % (ALARMS_PER_SECOND / PUBLISHERS) != 0
                || (WARMUP_SECONDS + SECONDS) * ALARMS_PER_SECOND > DEVICES) {
            throw new IllegalArgumentException("devices must divide by publishers, and be at least (warmup+seconds)·alarmsPerSecond");
        }
        MonitoringBench.printMachine();
        System.out.println("server_settings: " + MonitoringBench.serverSettings());
        try (MonitoringBench bench = MonitoringBench.start("alarms")) {
            String token = bench.login("gongshu");
            bench.importDevices(token, PREFIX, DEVICES);
            System.out.println("devices: " + DEVICES + " devices");
            new AlarmLatencyBenchmark().run(bench, token);
            String brokerLog = bench.brokerLog();
            if (!brokerLog.isEmpty()) {
                System.out.println("# mosquitto logged: " + brokerLog.replace('\n', ' '));
            }
        }
    }

    private void run(MonitoringBench bench, String token) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        Thread listener = new Thread(() -> listen(bench, token, connected), "sse-listener");
        listener.setDaemon(true);
        listener.start();
        if (!connected.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("the alarm stream did not open");
        }
        List<ReadingPublisher> publishers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            publishers.add(ReadingPublisher.open(MonitoringBench.MQTT_PORT, 2_000, true));
        }
        try (Connection db = bench.db()) {
            // the server's subscription may still be connecting: one reading per device, all stored, first
            long ts = System.currentTimeMillis() - 60_000;
            for (int d = 0; d < DEVICES; d++) {
                publishers.get(d % PUBLISHERS).publish(MonitoringBench.code(PREFIX, d),
                        ("{\"ts\":" + ts + ",\"values\":{\"lel\":1}}").getBytes(StandardCharsets.UTF_8));
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (bench.single(db, "select count(*) from telemetry") < DEVICES && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            long before = bench.single(db, "select count(*) from telemetry");
            MonitoringBench.printLoad("before");
            System.out.println("events_pending_before: " + bench.pendingEvents(db) + " events");
            CpuMeter cpu = new CpuMeter(bench.serverPid(), bench.brokerPid(), db);
            cpu.start();
            ExecutorService threads = Executors.newFixedThreadPool(PUBLISHERS);
            long start = System.nanoTime() + 100_000_000L;
            List<Future<long[]>> done = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                int which = p;
                done.add(threads.submit(() -> publish(publishers.get(which), which, start)));
            }
            long sent = 0;
            long maxLag = 0;
            for (Future<long[]> f : done) {
                long[] result = f.get();
                sent += result[0];
                maxLag = Math.max(maxLag, result[1]);
            }
            long end = System.nanoTime();
            threads.shutdown();
            double seconds = (end - start) / 1e9;
            // CPU of each party over the measured phase (publishing), per reading published
            cpu.print("publish", (long) RATE * (WARMUP_SECONDS + SECONDS));
            // everything durable: how far behind the server was when publishing stopped
            long expected = before + sent;
            long stored;
            deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while ((stored = bench.single(db, "select count(*) from telemetry")) < expected && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            double drain = (System.nanoTime() - end) / 1e9;
            // late alarms
            long waitUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (arrived.keySet().containsAll(published.keySet()) == false && System.nanoTime() < waitUntil) {
                Thread.sleep(100);
            }
            List<Double> latencies = new ArrayList<>();
            int missing = 0;
            for (Map.Entry<String, Long> breach : published.entrySet()) {
                if (!measured.getOrDefault(breach.getKey(), false)) {
                    continue;
                }
                Long at = arrived.get(breach.getKey());
                if (at == null) {
                    missing++;
                } else {
                    latencies.add((at - breach.getValue()) / 1e6);
                }
            }
            long rejected = bench.single(db, "select count(*) from telemetry_rejected");
            System.out.printf(Locale.ROOT, "publish_rate_target: %d readings/s%n", RATE);
            System.out.printf(Locale.ROOT, "publish_rate_achieved: %.0f readings/s%n", sent / seconds);
            System.out.printf(Locale.ROOT, "publish_max_behind_schedule: %.1f ms%n", maxLag / 1e6);
            System.out.println("readings_published: " + sent + " readings");
            System.out.println("readings_stored: " + (stored - before) + " readings");
            System.out.println("readings_rejected: " + rejected + " readings");
            System.out.printf(Locale.ROOT, "durable_backlog_drained_after_last_publish: %.2f s%n", drain);
            System.out.println("alarms_measured: " + latencies.size() + " alarms");
            System.out.println("alarms_missing: " + missing + " alarms");
            if (!latencies.isEmpty()) {
                System.out.printf(Locale.ROOT, "alarm_latency_p50: %.1f ms%n", MonitoringBench.percentile(latencies, 50));
                System.out.printf(Locale.ROOT, "alarm_latency_p90: %.1f ms%n", MonitoringBench.percentile(latencies, 90));
                System.out.printf(Locale.ROOT, "alarm_latency_p99: %.1f ms%n", MonitoringBench.percentile(latencies, 99));
                System.out.printf(Locale.ROOT, "alarm_latency_max: %.1f ms%n", MonitoringBench.percentile(latencies, 100));
            }
            MonitoringBench.printLoad("after");
            System.out.println("events_pending_after: " + bench.pendingEvents(db) + " events");
        } finally {
            for (ReadingPublisher publisher : publishers) {
                publisher.close();
            }
        }
    }

    /**
     * One publisher's share, on schedule: slot s at start + s/rate. Its devices are d with d mod P = p
     * (so each device's readings stay in order); every so many slots a breach on its next fresh device.
     * Answers {readings sent, largest delay behind schedule in ns}.
     */
    private long[] publish(ReadingPublisher publisher, int p, long start) throws Exception {
        int perThread = RATE / PUBLISHERS;
        int mine = DEVICES / PUBLISHERS;
        int breachEvery = perThread / (ALARMS_PER_SECOND / PUBLISHERS);
        long slots = (long) perThread * (WARMUP_SECONDS + SECONDS);
        long warmSlots = (long) perThread * WARMUP_SECONDS;
        double interval = 1e9 / perThread;
        long[] lastTs = new long[mine];
        int breaches = 0;
        long maxLag = 0;
        for (long s = 0; s < slots; s++) {
            long due = start + (long) (s * interval);
            long now = System.nanoTime();
            if (now < due) {
                LockSupport.parkNanos(due - now);
            } else {
                maxLag = Math.max(maxLag, now - due);
            }
            boolean breach = s % breachEvery == breachEvery / 2;
            int local = breach ? breaches++ : (int) (s % mine);
            int device = p + PUBLISHERS * local;
            String code = MonitoringBench.code(PREFIX, device);
            long ts = Math.max(System.currentTimeMillis(), lastTs[local] + 1);
            lastTs[local] = ts;
            double value = breach ? 30 : ((s * 7919L) % 2000) / 100.0;
            String payload = "{\"ts\":" + ts + ",\"values\":{\"lel\":" + value + "}}";
            if (breach) {
                measured.put(code, s >= warmSlots);
                published.put(code, System.nanoTime());
            }
            publisher.publish(code, payload.getBytes(StandardCharsets.UTF_8));
        }
        publisher.drain(30_000);
        return new long[] {slots, maxLag};
    }

    /** Reads the stream; the first RAISED alarm event of each device is its arrival. */
    private void listen(MonitoringBench bench, String token, CountDownLatch connected) {
        try {
            HttpResponse<InputStream> response = bench.http.send(bench.request("/api/alarms/stream")
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("stream answered " + response.statusCode());
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String event = null;
                String line;
                while ((line = lines.readLine()) != null) {
                    long now = System.nanoTime();
                    if (line.startsWith(":")) {
                        connected.countDown();
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:") && "alarm".equals(event)) {
                        Matcher device = DEVICE.matcher(line);
                        Matcher status = STATUS.matcher(line);
                        if (device.find() && status.find() && status.group(1).equals("RAISED")) {
                            arrived.putIfAbsent(device.group(1), now);
                        }
                    } else if (line.isEmpty()) {
                        event = null;
                    }
                }
            }
        } catch (Exception e) {
            System.out.println("# alarm stream ended: " + e);
        }
    }
}
