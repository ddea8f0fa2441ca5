package io.yingji.bench;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Durable telemetry ingest through the real paths, against PostgreSQL's binary COPY of the same rows
 * into the same table in the same run.
 *
 * <ul>
 *   <li>MQTT: {@code PUBLISHERS} clients publish {@code READINGS} readings of {@code DEVICES}
 *       combustible-gas devices with QoS 1 to the benchmark's own Mosquitto; the server's shared
 *       subscription takes them, parses, checks, stores (binary COPY) and evaluates the alarm rules,
 *       acknowledging each message only after its batch is committed. Timed from the first publish until
 *       {@code count(*)} of the telemetry table reaches {@code READINGS} (polled): durable.</li>
 *   <li>HTTP: the same number of readings as {@code POST /api/telemetry} batches of {@code BATCH}
 *       readings with a gateway key from {@code HTTP_THREADS} client threads; each answer comes after
 *       its batch is committed. Timed from the first request to the last answer.</li>
 *   <li>Baseline: the same rows (same devices, metric and values; timestamps half a second apart so
 *       they do not collide) written straight into the table with the PostgreSQL driver's
 *       {@code CopyManager}, binary format, one COPY and one commit ({@code copy_bulk}), and, for
 *       reference, one COPY and commit per {@code SERVER_BATCH} rows ({@code copy_batched}).</li>
 * </ul>
 * Readings stay below the alarm thresholds (lel 0–20 %LEL): every reading is evaluated against its
 * rules, none changes an alarm's state (the alarm path is measured by {@link AlarmLatencyBenchmark}).
 * The telemetry table is emptied before each path, so each count only sees that path's rows.
 */
public final class TelemetryIngestBenchmark {

    static final int DEVICES = Integer.getInteger("devices", 1_000);
    static final int READINGS = Integer.getInteger("readings", 200_000);
    static final int WARMUP = Integer.getInteger("warmup", 20_000);
    static final int PUBLISHERS = Integer.getInteger("publishers", 4);
    static final int WINDOW = Integer.getInteger("window", 1_000);
    static final int BATCH = Integer.getInteger("batch", 1_000);
    static final int HTTP_THREADS = Integer.getInteger("httpThreads", 4);
    static final int SERVER_BATCH = Integer.getInteger("copyBatch", 2_000);
    /** Which paths to run: mqtt, http or both (mqtt,http). */
    static final String PATHS = System.getProperty("paths", "mqtt,http");
    static final String PREFIX = "BM-";

    private final MonitoringBench bench;
    private final Map<String, Long> ids;
    private CpuMeter cpu;
    /** Readings' times: second {@code round} after this, one reading per device per round. */
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));

    private TelemetryIngestBenchmark(MonitoringBench bench, Map<String, Long> ids) {
        this.bench = bench;
        this.ids = ids;
    }

    public static void main(String[] args) throws Exception {
        if (DEVICES % PUBLISHERS != 0 || DEVICES % HTTP_THREADS != 0 || READINGS % DEVICES != 0 || WARMUP % DEVICES != 0) {
            throw new IllegalArgumentException("devices must divide by publishers and httpThreads, readings and warmup by devices");
        }
        MonitoringBench.printMachine();
        System.out.println("server_settings: " + MonitoringBench.serverSettings());
        try (MonitoringBench bench = MonitoringBench.start("ingest")) {
            String token = bench.login("gongshu");
            Map<String, Long> ids = bench.importDevices(token, PREFIX, DEVICES);
            String gateway = bench.registerGateway(token, "BENCH-GW");
            System.out.println("devices: " + ids.size() + " devices");
            new TelemetryIngestBenchmark(bench, ids).run(gateway);
            String brokerLog = bench.brokerLog();
            if (!brokerLog.isEmpty()) {
                System.out.println("# mosquitto logged: " + brokerLog.replace('\n', ' '));
            }
        }
    }

    private void run(String gateway) throws Exception {
        int warmRounds = WARMUP / DEVICES;
        int rounds = READINGS / DEVICES;
        List<ReadingPublisher> publishers = new ArrayList<>();
        try (Connection db = bench.db()) {
            cpu = new CpuMeter(bench.serverPid(), bench.brokerPid(), db);
            for (int p = 0; p < PUBLISHERS; p++) {
                publishers.add(ReadingPublisher.open(MonitoringBench.MQTT_PORT, WINDOW, false));
            }
            // warm-up (the server's subscription may still be connecting: wait for every reading)
            truncate(db);
            mqtt(publishers, prepare(0, warmRounds));
            awaitCount(db, WARMUP, Duration.ofMinutes(2));
            copyBulk(db, 0, warmRounds, 500);
            truncate(db);
            Thread.sleep(2000);
            if (PATHS.contains("mqtt")) {
                mqttPath(db, publishers, warmRounds, rounds);
            }
            if (PATHS.contains("http")) {
                // on later times for the same devices, so the rules evaluate every reading
                httpPath(db, gateway, warmRounds + rounds, warmRounds, rounds);
            }
        } finally {
            for (ReadingPublisher publisher : publishers) {
                publisher.close();
            }
        }
    }

    private void mqttPath(Connection db, List<ReadingPublisher> publishers, int from, int rounds) throws Exception {
        List<List<Message>> messages = prepare(from, rounds);
        long ackedBefore = publishers.stream().mapToLong(ReadingPublisher::acknowledged).sum();
        long rejectedBefore = bench.single(db, "select count(*) from telemetry_rejected");
        MonitoringBench.printLoad("before_mqtt");
        cpu.start();
        long start = System.nanoTime();
        long published = mqtt(publishers, messages);
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        long stored = awaitCount(db, READINGS, Duration.ofMinutes(3));
        double seconds = (System.nanoTime() - start) / 1e9;
        cpu.print("mqtt", stored);
        Thread.sleep(2000);
        long storedLater = count(db);
        long rejected = bench.single(db, "select count(*) from telemetry_rejected") - rejectedBefore;
        long acked = publishers.stream().mapToLong(ReadingPublisher::acknowledged).sum() - ackedBefore;
        long failed = publishers.stream().mapToLong(ReadingPublisher::failed).sum();
        System.out.println("mqtt_readings_published: " + published + " readings");
        System.out.println("mqtt_publishers: " + PUBLISHERS + " clients (" + System.getProperty("client", "raw") + ")");
        System.out.printf(Locale.ROOT, "mqtt_publish_rate: %.0f readings/s%n", published / publishSeconds);
        System.out.println("mqtt_broker_acknowledged: " + acked + " readings");
        System.out.println("mqtt_publish_failures: " + failed + " readings");
        System.out.println("mqtt_stored: " + storedLater + " readings");
        System.out.println("mqtt_lost: " + (READINGS - storedLater) + " readings");
        System.out.println("mqtt_rejected: " + rejected + " readings");
        if (rejected > 0) {
            dump(db);
        }
        System.out.printf(Locale.ROOT, "mqtt_durable_seconds: %.2f s%n", seconds);
        double rate = stored / seconds;
        System.out.printf(Locale.ROOT, "mqtt_durable_rate: %.0f readings/s%n", rate);
        MonitoringBench.printLoad("after_mqtt");
        double[] baseline = baselines(db, from, rounds, "mqtt");
        System.out.printf(Locale.ROOT, "mqtt_ratio_over_copy_bulk: %.2f ratio%n", rate / baseline[0]);
        System.out.printf(Locale.ROOT, "mqtt_ratio_over_copy_batched: %.2f ratio%n", rate / baseline[1]);
    }

    private void httpPath(Connection db, String gateway, int warmFrom, int warmRounds, int rounds) throws Exception {
        truncate(db);
        http(gateway, warmFrom, warmRounds);
        truncate(db);
        Thread.sleep(2000);
        int from = warmFrom + warmRounds;
        long rejectedBefore = bench.single(db, "select count(*) from telemetry_rejected");
        MonitoringBench.printLoad("before_http");
        cpu.start();
        long start = System.nanoTime();
        long accepted = http(gateway, from, rounds);
        double seconds = (System.nanoTime() - start) / 1e9;
        cpu.print("http", accepted);
        long stored = count(db);
        long rejected = bench.single(db, "select count(*) from telemetry_rejected") - rejectedBefore;
        System.out.println("http_batch_size: " + BATCH + " readings");
        System.out.println("http_client_threads: " + HTTP_THREADS + " threads");
        System.out.println("http_accepted: " + accepted + " readings");
        System.out.println("http_stored: " + stored + " readings");
        System.out.println("http_lost: " + (READINGS - stored) + " readings");
        System.out.println("http_rejected: " + rejected + " readings");
        if (rejected > 0) {
            dump(db);
        }
        System.out.printf(Locale.ROOT, "http_durable_seconds: %.2f s%n", seconds);
        double rate = accepted / seconds;
        System.out.printf(Locale.ROOT, "http_durable_rate: %.0f readings/s%n", rate);
        MonitoringBench.printLoad("after_http");
        double[] baseline = baselines(db, from, rounds, "http");
        System.out.printf(Locale.ROOT, "http_ratio_over_copy_bulk: %.2f ratio%n", rate / baseline[0]);
        System.out.printf(Locale.ROOT, "http_ratio_over_copy_batched: %.2f ratio%n", rate / baseline[1]);
    }

    private String reading(int device, int round) {
        return "{\"ts\":" + base.plusSeconds(round).toEpochMilli() + ",\"values\":{\"lel\":" + value(device, round) + "}}";
    }

    /** Below the 一级 threshold (25 %LEL): rules are evaluated, no alarm state changes. */
    private static double value(int device, int round) {
        return ((device * 7919L + round * 104_729L) % 2000) / 100.0;
    }

    private record Message(String code, byte[] payload) {
    }

    /**
     * The MQTT messages of rounds [from, from+rounds) of every device, made before timing, one list per
     * publisher: device d always through publisher d mod P, so each device's readings stay in order.
     */
    private List<List<Message>> prepare(int from, int rounds) {
        List<List<Message>> lists = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            List<Message> mine = new ArrayList<>(rounds * DEVICES / PUBLISHERS);
            for (int round = from; round < from + rounds; round++) {
                for (int d = p; d < DEVICES; d += PUBLISHERS) {
                    mine.add(new Message(MonitoringBench.code(PREFIX, d), reading(d, round).getBytes(StandardCharsets.UTF_8)));
                }
            }
            lists.add(mine);
        }
        return lists;
    }

    /** Publishes each list through its publisher, all at once; answers when the broker acknowledged them all. */
    private long mqtt(List<ReadingPublisher> publishers, List<List<Message>> messages) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(publishers.size());
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (int p = 0; p < publishers.size(); p++) {
                ReadingPublisher publisher = publishers.get(p);
                List<Message> mine = messages.get(p);
                done.add(threads.submit(() -> {
                    for (Message message : mine) {
                        publisher.publish(message.code(), message.payload());
                    }
                    if (!publisher.drain(180_000)) {
                        throw new IllegalStateException("the broker did not acknowledge every publish");
                    }
                    return (long) mine.size();
                }));
            }
            long sent = 0;
            for (Future<Long> f : done) {
                sent += f.get();
            }
            return sent;
        } finally {
            threads.shutdown();
        }
    }

    /**
     * Posts rounds [from, from+rounds) as batches of {@code BATCH} readings; thread t carries devices
     * d with d mod T = t (in time order). Answers the readings the server accepted.
     */
    private long http(String gateway, int from, int rounds) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        List<List<byte[]>> bodies = new ArrayList<>();
        for (int t = 0; t < HTTP_THREADS; t++) {
            List<byte[]> mine = new ArrayList<>();
            StringBuilder body = null;
            int inBody = 0;
            for (int round = from; round < from + rounds; round++) {
                for (int d = t; d < DEVICES; d += HTTP_THREADS) {
                    if (body == null) {
                        body = new StringBuilder(BATCH * 80).append("{\"readings\":[");
                    } else {
                        body.append(',');
                    }
                    body.append("{\"device\":\"").append(MonitoringBench.code(PREFIX, d)).append("\",").append(reading(d, round), 1, reading(d, round).length());
                    if (++inBody == BATCH) {
                        mine.add(body.append("]}").toString().getBytes(StandardCharsets.UTF_8));
                        body = null;
                        inBody = 0;
                    }
                }
            }
            if (body != null) {
                mine.add(body.append("]}").toString().getBytes(StandardCharsets.UTF_8));
            }
            bodies.add(mine);
        }
        ExecutorService threads = Executors.newFixedThreadPool(HTTP_THREADS);
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (List<byte[]> mine : bodies) {
                done.add(threads.submit(() -> {
                    long accepted = 0;
                    for (byte[] body : mine) {
                        HttpResponse<String> response = http.send(bench.request("/api/telemetry")
                                .header("Authorization", "Gateway " + gateway).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("POST /api/telemetry answered " + response.statusCode() + ": " + response.body());
                        }
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"accepted\":(\\d+)").matcher(response.body());
                        if (m.find()) {
                            accepted += Long.parseLong(m.group(1));
                        }
                    }
                    return accepted;
                }));
            }
            long accepted = 0;
            for (Future<Long> f : done) {
                accepted += f.get();
            }
            return accepted;
        } finally {
            threads.shutdown();
        }
    }

    /** Both COPY baselines of rounds [from, from+rounds): answers their rates (bulk, batched). */
    private double[] baselines(Connection db, int from, int rounds, String path) throws Exception {
        long before = count(db);
        cpu.start();
        long start = System.nanoTime();
        long rows = copyBulk(db, from, rounds, 500);
        double bulk = rows / ((System.nanoTime() - start) / 1e9);
        cpu.print(path + "_copy_bulk", rows);
        cpu.start();
        start = System.nanoTime();
        rows = copyBatched(db, from, rounds, 250);
        double batched = rows / ((System.nanoTime() - start) / 1e9);
        cpu.print(path + "_copy_batched", rows);
        if (count(db) != before + 2L * READINGS) {
            throw new IllegalStateException("baseline COPY stored " + (count(db) - before) + " rows, expected " + 2 * READINGS);
        }
        System.out.printf(Locale.ROOT, "%s_copy_bulk_rate: %.0f readings/s%n", path, bulk);
        System.out.printf(Locale.ROOT, "%s_copy_batched_%d_rate: %.0f readings/s%n", path, SERVER_BATCH, batched);
        return new double[] {bulk, batched};
    }

    /** One binary COPY of all rows of rounds [from, from+rounds), times shifted by {@code shiftMillis}, and one commit. */
    private long copyBulk(Connection db, int from, int rounds, int shiftMillis) throws Exception {
        db.setAutoCommit(false);
        CopyIn copy = db.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy telemetry (device_id, metric, ts, val) from stdin (format binary)");
        long rows = 0;
        Encoder out = new Encoder();
        out.header();
        for (int round = from; round < from + rounds; round++) {
            for (int d = 0; d < DEVICES; d++) {
                out.row(ids.get(MonitoringBench.code(PREFIX, d)), "lel", base.plusSeconds(round).plusMillis(shiftMillis), value(d, round));
                rows++;
                if (out.size() > 1 << 16) {
                    out.flushTo(copy);
                }
            }
        }
        out.trailer();
        out.flushTo(copy);
        copy.endCopy();
        db.commit();
        db.setAutoCommit(true);
        return rows;
    }

    /** As the server writes: one binary COPY and one commit per {@code SERVER_BATCH} rows. */
    private long copyBatched(Connection db, int from, int rounds, int shiftMillis) throws Exception {
        db.setAutoCommit(false);
        long rows = 0;
        Encoder out = new Encoder();
        CopyIn copy = null;
        for (int round = from; round < from + rounds; round++) {
            for (int d = 0; d < DEVICES; d++) {
                if (copy == null) {
                    copy = db.unwrap(PGConnection.class).getCopyAPI()
                            .copyIn("copy telemetry (device_id, metric, ts, val) from stdin (format binary)");
                    out.header();
                }
                out.row(ids.get(MonitoringBench.code(PREFIX, d)), "lel", base.plusSeconds(round).plusMillis(shiftMillis), value(d, round));
                if (++rows % SERVER_BATCH == 0) {
                    out.trailer();
                    out.flushTo(copy);
                    copy.endCopy();
                    db.commit();
                    copy = null;
                }
            }
        }
        if (copy != null) {
            out.trailer();
            out.flushTo(copy);
            copy.endCopy();
            db.commit();
        }
        db.setAutoCommit(true);
        return rows;
    }

    /** PostgreSQL's binary COPY format for (bigint, varchar, timestamptz, double precision). */
    private static final class Encoder {
        private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
        private static final long PG_EPOCH_SECONDS = 946_684_800L;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 17);
        private final DataOutputStream out = new DataOutputStream(bytes);

        void header() throws java.io.IOException {
            out.write(HEADER);
        }

        void row(long deviceId, String metric, Instant ts, double value) throws java.io.IOException {
            out.writeShort(4);
            out.writeInt(8);
            out.writeLong(deviceId);
            byte[] m = metric.getBytes(StandardCharsets.UTF_8);
            out.writeInt(m.length);
            out.write(m);
            out.writeInt(8);
            out.writeLong((ts.getEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + ts.getNano() / 1_000);
            out.writeInt(8);
            out.writeDouble(value);
        }

        void trailer() throws java.io.IOException {
            out.writeShort(-1);
        }

        int size() {
            return bytes.size();
        }

        void flushTo(CopyIn copy) throws java.sql.SQLException {
            byte[] data = bytes.toByteArray();
            copy.writeToCopy(data, 0, data.length);
            bytes.reset();
        }
    }

    private void truncate(Connection db) throws Exception {
        try (Statement statement = db.createStatement()) {
            statement.execute("truncate telemetry");
        }
    }

    private long count(Connection db) throws Exception {
        return bench.single(db, "select count(*) from telemetry");
    }

    /** Polls the table's row count every 100 ms until it reaches {@code expected} (durable) or time runs out. */
    private long awaitCount(Connection db, long expected, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long count;
        while ((count = count(db)) < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return count;
    }

    private static void dump(Connection db) throws Exception {
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("select reason, count(*) from telemetry_rejected group by reason")) {
            while (rs.next()) {
                System.out.println("# rejected " + rs.getString(1) + ": " + rs.getLong(2));
            }
        }
    }
}
