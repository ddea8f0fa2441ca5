package io.yingji.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the monitoring benchmarks share: their own Mosquitto (configured for high QoS 1 rates) and the
 * packaged server on a fresh PostgreSQL database, pointed at it; login, device import and a gateway.
 * Everything they start is stopped by {@link #close()}.
 */
final class MonitoringBench implements AutoCloseable {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String DATABASE = System.getProperty("database", "yingji_bench_mon");
    static final String DB_USER = System.getProperty("dbUser", "postgres");
    static final int PORT = Integer.getInteger("port", 18081);
    static final int MQTT_PORT = Integer.getInteger("mqttPort", 18830);
    static final String MOSQUITTO = System.getProperty("mosquitto", "/usr/sbin/mosquitto");
    static final String PASSWORD = "Yingji@2026";
    /** 拱墅区: the benchmark's devices sit there, without an enterprise; the gongshu account sees them. */
    static final String REGION = "330105";

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String mqttUrl = "tcp://127.0.0.1:" + MQTT_PORT;
    private final Path work;
    private final Process broker;
    private final Process server;

    private MonitoringBench(Path work, Process broker, Process server) {
        this.work = work;
        this.broker = broker;
        this.server = server;
    }

    /**
     * Starts Mosquitto and the server (demo city on, so the accounts exist) on a new database, and waits
     * until the server answers logins and the demo city's module events are handled.
     */
    static MonitoringBench start(String name) throws Exception {
        recreateDatabase();
        Path work = Files.createTempDirectory("yingji-bench-mqtt");
        Process broker = startBroker(work);
        Process server = null;
        try {
            server = startServer(name, PORT, true);
            MonitoringBench bench = new MonitoringBench(work, broker, server);
            bench.waitForLogin();
            bench.waitForDemoCity(name);
            try (Connection db = bench.db()) {
                long settled = System.nanoTime();
                while (bench.single(db, "select count(*) from event_publication where completion_date is null") > 0
                        && System.nanoTime() - settled < Duration.ofMinutes(5).toNanos()) {
                    Thread.sleep(500);
                }
                // what else the server still had to do when measuring began
                System.out.printf(java.util.Locale.ROOT, "demo_events_settled_after: %.1f s%n", (System.nanoTime() - settled) / 1e9);
                System.out.println("events_pending_at_start: " + bench.pendingEvents(db) + " events");
            }
            return bench;
        } catch (Exception | Error e) {
            if (server != null) {
                server.destroy();
                server.waitFor();
            }
            broker.destroy();
            throw e;
        }
    }

    /**
     * Mosquitto with limits fit for QoS 1 at high rates: the defaults (max_inflight_messages 20,
     * max_queued_messages 1000) throttle the flow to a subscriber and drop what overflows its queue.
     */
    static Process startBroker(Path work) throws Exception {
        Path config = work.resolve("mosquitto.conf");
        Files.writeString(config, String.join("\n",
                "listener " + MQTT_PORT + " 127.0.0.1",
                "allow_anonymous true",
                // 0: no limit of messages in flight to a client (the client's MQTT 5 receive maximum still applies)
                "max_inflight_messages 0",
                // 0: no limit of messages queued for a client (the default 1000 drops QoS 1 messages beyond it)
                "max_queued_messages 0",
                "max_queued_bytes 0",
                "persistence false",
                // small MQTT packets go out at once rather than waiting on Nagle's algorithm
                "set_tcp_nodelay true",
                "log_dest stdout",
                "log_type error",
                "log_type warning",
                ""), StandardCharsets.UTF_8);
        Process broker = new ProcessBuilder(MOSQUITTO, "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("mosquitto.out").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", MQTT_PORT)) {
                return broker;
            } catch (IOException notYet) {
                if (!broker.isAlive()) {
                    break;
                }
                Thread.sleep(100);
            }
        }
        broker.destroy();
        throw new IllegalStateException("mosquitto did not start: " + Files.readString(work.resolve("mosquitto.out")));
    }

    /**
     * Starts one more server instance on the same database and broker (demo loading off: the first
     * instance loaded it), joining the same shared subscription, and waits until it answers logins.
     */
    Process startAnotherInstance(String name, int port) throws Exception {
        Process another = startServer(name, port, false);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!another.isAlive()) {
                throw new IllegalStateException("second server exited; see target/" + name + "-server.log");
            }
            try {
                login("gongshu", port);
                return another;
            } catch (IOException | IllegalStateException notYet) {
                // still starting
            }
            Thread.sleep(1000);
        }
        another.destroyForcibly();
        throw new IllegalStateException("second server did not start; see target/" + name + "-server.log");
    }

    /** The first instance's process (the one {@link #start} started). */
    Process server() {
        return server;
    }

    private static Process startServer(String name, int port, boolean demo) throws Exception {
        Path jar = Path.of(System.getProperty("user.dir")).resolveSibling("server").resolve("target/yingji.jar");
        if (!jar.toFile().isFile()) {
            jar = Path.of("server/target/yingji.jar");
        }
        List<String> command = new ArrayList<>(List.of("java", "-Xmx1g"));
        String jfr = System.getProperty("jfr");
        if (jfr != null) {
            // -Djfr=target/x.jfr: a flight recording of the server (method samples, locks, I/O) for finding what limits it
            command.add("-XX:StartFlightRecording=filename=" + Path.of(jfr).toAbsolutePath() + ",settings=profile,dumponexit=true");
        }
        String jvm = System.getProperty("serverJvm");
        if (jvm != null && !jvm.isBlank()) {
            command.addAll(List.of(jvm.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "--logging.level.root=warn",
                // its "connected" and "stopped after acknowledging N messages" lines, for the scale-out proof
                "--logging.level.io.yingji.monitoring.internal.MqttTelemetry=info",
                // its banner once the whole demo city is loaded (logins work long before: accounts come first)
                "--logging.level.io.yingji.demo.internal.DemoStartup=info"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/" + name + "-server.log"));
        // the server's settings by environment, as in production; other YINGJI_* variables of the caller's
        // environment (e.g. YINGJI_MQTT_BATCH, YINGJI_MQTT_RECEIVE_MAXIMUM) pass through unchanged
        Map<String, String> env = builder.environment();
        env.put("YINGJI_PROFILE", "postgres");
        env.put("YINGJI_DB_URL", SERVER + DATABASE);
        env.put("YINGJI_DB_USER", DB_USER);
        env.put("YINGJI_PORT", String.valueOf(port));
        // the management port (metrics) of each instance: any free one, so that instances on this machine never clash
        env.putIfAbsent("YINGJI_MANAGEMENT_PORT", "0");
        env.put("YINGJI_MQTT", "true");
        env.put("YINGJI_MQTT_URL", "tcp://127.0.0.1:" + MQTT_PORT);
        env.put("YINGJI_MQTT_GROUP", "yingji-bench");
        env.put("YINGJI_DEMO", String.valueOf(demo));
        env.putIfAbsent("YINGJI_DEMO_ENTERPRISES", "200");
        env.put("YINGJI_STORAGE_DIR", new File("target/bench-files").getAbsolutePath());
        return builder.start();
    }

    /** The server's settings this run used that matter here, for the record. */
    static String serverSettings() {
        StringBuilder settings = new StringBuilder();
        for (String name : List.of("YINGJI_MQTT_RECEIVE_MAXIMUM", "YINGJI_MQTT_BATCH", "YINGJI_MQTT_LINGER", "YINGJI_DB_POOL")) {
            String value = System.getenv(name);
            if (value != null) {
                settings.append(name).append('=').append(value).append(' ');
            }
        }
        return settings.length() == 0 ? "defaults" : settings.toString().trim();
    }

    long serverPid() {
        return server.pid();
    }

    long brokerPid() {
        return broker.pid();
    }

    Connection db() throws Exception {
        return DriverManager.getConnection(SERVER + DATABASE, DB_USER, "");
    }

    long single(Connection db, String sql) throws Exception {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void printMachine() {
        System.out.println("machine_cores: " + Runtime.getRuntime().availableProcessors() + " cores");
        try {
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf("machine_load_before: %.2f load-avg-1min%n", load);
        } catch (RuntimeException ignored) {
            // not on every platform
        }
    }

    /**
     * Waits for the demo city's banner in the server's log: logins work as soon as the accounts are
     * committed, while the sensors' six hours of history, the hazards and the warnings (and their
     * deliveries) still go in — measuring then measures the demo's loading too.
     */
    private void waitForDemoCity(String name) throws Exception {
        Path log = Path.of("target/" + name + "-server.log");
        long started = System.nanoTime();
        while (System.nanoTime() - started < Duration.ofMinutes(5).toNanos()) {
            if (Files.isRegularFile(log) && Files.readString(log, StandardCharsets.UTF_8).contains("is running")) {
                System.out.printf(java.util.Locale.ROOT, "demo_city_loaded_after_login: %.1f s%n", (System.nanoTime() - started) / 1e9);
                return;
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("server exited; see " + log);
            }
            Thread.sleep(500);
        }
        System.out.println("# the demo city's banner did not appear within 5 minutes; measuring anyway");
    }

    /** Module events published and not yet completed (the demo city's start-up work, notifications…). */
    long pendingEvents(Connection db) throws Exception {
        return single(db, "select count(*) from event_publication where completion_date is null");
    }

    static void printLoad(String when) {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("machine_load_%s: %.2f load-avg-1min%n", when, load);
    }

    // ---- HTTP API ----

    private void waitForLogin() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("server exited; see target/*-server.log");
            }
            try {
                login("gongshu");
                return;
            } catch (Exception notYet) {
                Thread.sleep(1000);
            }
        }
        throw new IllegalStateException("server did not start; see target/*-server.log");
    }

    String login(String username) throws Exception {
        return login(username, PORT);
    }

    /** Logs in at the instance on {@code port}; answers the bearer token. */
    String login(String username, int port) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login " + response.statusCode());
        }
        return field(response.body(), "token");
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path));
    }

    /**
     * Registers {@code count} combustible-gas devices {@code prefix0000…} in 拱墅区 through the CSV import
     * (POST /api/devices/import). Their expected interval is a day so no offline alarm interferes with a run.
     */
    Map<String, Long> importDevices(String token, String prefix, int count) throws Exception {
        StringBuilder csv = new StringBuilder("code,name,type,enterpriseId,regionCode,longitude,latitude,expectedIntervalSeconds,unit,streamUrl\n");
        for (int i = 0; i < count; i++) {
            csv.append(code(prefix, i)).append(",压测可燃气体探测器 ").append(i).append(",COMBUSTIBLE_GAS,,").append(REGION).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.5f,%.5f", 120.13 + (i % 100) * 0.0005, 30.30 + (i / 100) * 0.0005))
                    .append(",86400,%LEL,\n");
        }
        String boundary = "bench-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"devices.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> response = http.send(request("/api/devices/import")
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("device import answered " + response.statusCode() + ": " + response.body());
        }
        Map<String, Long> ids = new HashMap<>();
        try (Connection db = db(); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("select code, id from device where code like '" + prefix + "%'")) {
            while (rs.next()) {
                ids.put(rs.getString(1), rs.getLong(2));
            }
        }
        if (ids.size() != count) {
            throw new IllegalStateException("imported " + ids.size() + " devices, expected " + count);
        }
        return ids;
    }

    /** Registers an HTTP gateway for the caller's region; answers "code:key" for its Authorization header. */
    String registerGateway(String token, String code) throws Exception {
        HttpResponse<String> response = http.send(request("/api/telemetry/gateways")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\",\"name\":\"压测网关\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("gateway registration answered " + response.statusCode() + ": " + response.body());
        }
        return code + ":" + field(response.body(), "key");
    }

    static String code(String prefix, int i) {
        return prefix + String.format("%04d", i);
    }

    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return matcher.group(1);
    }

    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }

    private static void recreateDatabase() throws Exception {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", DB_USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
            statement.execute("create database " + DATABASE);
        }
    }

    /** What the broker logged (errors and warnings only). */
    String brokerLog() throws IOException {
        Path log = work.resolve("mosquitto.out");
        return Files.exists(log) ? Files.readString(log).trim() : "";
    }

    @Override
    public void close() throws Exception {
        server.destroy();
        if (!server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
        broker.destroy();
        broker.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }
}
