package io.yingji.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two real server processes on one machine, one database and one broker, sharing the MQTT 5 shared
 * subscription: readings are published at a steady rate, the first instance is stopped half-way
 * ({@code -Dstop=term}, a graceful stop as by systemd or Kubernetes; {@code -Dstop=kill} for a crash,
 * SIGKILL), publishing goes on, and then the database must hold every reading exactly once.
 *
 * <p>Prints how many were published, stored, lost and refused as duplicates, and how the first
 * instance's share compared with the second's before it stopped. Options: {@code devices} (500),
 * {@code readings} (100000), {@code rate} (10000 readings/s), {@code stop} (term), {@code client}.
 */
public final class ScaleOutBenchmark {

    static final int DEVICES = Integer.getInteger("devices", 500);
    static final int READINGS = Integer.getInteger("readings", 100_000);
    static final int RATE = Integer.getInteger("rate", 10_000);
    static final String STOP = System.getProperty("stop", "term");
    static final int SECOND_PORT = Integer.getInteger("secondPort", 18082);

    public static void main(String[] args) throws Exception {
        MonitoringBench.printMachine();
        System.out.println("server_settings: " + MonitoringBench.serverSettings());
        try (MonitoringBench bench = MonitoringBench.start("scaleout-a")) {
            Process second = bench.startAnotherInstance("scaleout-b", SECOND_PORT);
            try {
                run(bench, second);
            } finally {
                second.destroy();
                if (!second.waitFor(60, TimeUnit.SECONDS)) {
                    second.destroyForcibly();
                }
            }
        }
    }

    private static void run(MonitoringBench bench, Process second) throws Exception {
        String token = bench.login("gongshu");
        bench.importDevices(token, "SO-", DEVICES);
        // both instances must have joined the group before the first reading, or the first gets them all
        waitForLine(Path.of("target/scaleout-a-server.log"), "MQTT telemetry connected");
        waitForLine(Path.of("target/scaleout-b-server.log"), "MQTT telemetry connected");
        System.out.println("instances: 2 processes");
        System.out.println("stop_mode: " + STOP);
        long base = Instant.now().minusSeconds(3600).toEpochMilli();
        long started = System.nanoTime();
        long intervalNanos = 1_000_000_000L / RATE;
        boolean stopped = false;
        long stoppedAtReading = -1;
        try (ReadingPublisher publisher = ReadingPublisher.open(MonitoringBench.MQTT_PORT, 1000, false)) {
            for (int i = 0; i < READINGS; i++) {
                long due = started + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 200_000) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int device = i % DEVICES;
                long ts = base + 1000L * (i / DEVICES);
                byte[] payload = ("{\"ts\":" + ts + ",\"values\":{\"lel\":" + (i % 20) + ".5}}").getBytes(StandardCharsets.UTF_8);
                publisher.publish(MonitoringBench.code("SO-", device), payload);
                if (!stopped && i == READINGS / 2) {
                    stopped = true;
                    stoppedAtReading = i;
                    if (STOP.equals("kill")) {
                        bench.server().destroyForcibly();
                    } else {
                        // SIGTERM: Spring's graceful shutdown, as systemd or Kubernetes stop an instance
                        bench.server().destroy();
                    }
                }
            }
            if (!publisher.drain(120_000)) {
                throw new IllegalStateException("the broker did not acknowledge every publish");
            }
            System.out.println("readings_published: " + READINGS + " readings");
            System.out.println("readings_failed_at_broker: " + publisher.failed() + " readings");
        }
        System.out.printf("first_instance_stopped_after: %d readings published%n", stoppedAtReading);
        boolean exited = bench.server().waitFor(90, TimeUnit.SECONDS);
        System.out.println("first_instance_exit: " + (exited ? bench.server().exitValue() : "still running") + " code");
        long stored;
        long duplicates;
        try (Connection db = bench.db()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long last = -1;
            long lastChange = System.nanoTime();
            while (true) {
                stored = bench.single(db, "select count(*) from telemetry t join device d on d.id = t.device_id where d.code like 'SO-%'");
                if (stored != last) {
                    last = stored;
                    lastChange = System.nanoTime();
                }
                // done when all arrived, or nothing moved for 15 s (what is missing then is lost)
                if (stored >= READINGS || System.nanoTime() > deadline || System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(15)) {
                    break;
                }
                Thread.sleep(250);
            }
            duplicates = bench.single(db, "select count(*) from telemetry_rejected where reason = 'DUPLICATE' and device_code like 'SO-%'");
            long distinct = bench.single(db, "select count(*) from (select distinct t.device_id, t.metric, t.ts from telemetry t join device d on d.id = t.device_id where d.code like 'SO-%') x");
            System.out.println("readings_stored: " + stored + " readings");
            System.out.println("readings_stored_distinct: " + distinct + " readings");
            System.out.println("readings_lost: " + (READINGS - distinct) + " readings");
            System.out.println("duplicates_refused: " + duplicates + " readings");
        }
        long firstShare = acknowledgedAtStop(Path.of("target/scaleout-a-server.log"));
        if (firstShare >= 0) {
            // a killed instance writes no stop line; a stopped one tells what it acknowledged
            System.out.println("first_instance_acknowledged: " + firstShare + " messages");
            System.out.printf("first_instance_share_before_stop: %.2f ratio%n", firstShare / (double) (stoppedAtReading + 1));
        }
    }

    private static void waitForLine(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no \"" + text + "\" in " + log);
    }

    private static long acknowledgedAtStop(Path log) throws Exception {
        Matcher matcher = Pattern.compile("stopped after acknowledging (\\d+) messages").matcher(Files.readString(log));
        List<Long> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(Long.parseLong(matcher.group(1)));
        }
        return found.isEmpty() ? -1 : found.get(found.size() - 1);
    }
}
