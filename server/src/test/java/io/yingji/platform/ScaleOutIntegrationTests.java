package io.yingji.platform;

import io.yingji.support.DemoPlaces;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform as several instances: the built jar ({@code target/yingji.jar}, made by {@code package} before
 * failsafe runs) started twice on one PostgreSQL database and the local MQTT broker, behind a real nginx
 * (Debian's package, started here with a generated configuration: round-robin upstream, no ip_hash, no sticky
 * sessions). Everything a client does goes through nginx, except where a test raises something on one chosen
 * instance to see it arrive on the other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIntegrationTests {

    static final String PASSWORD = "Yingji@2026";
    static final String MISHIXIANG = DemoPlaces.MISHIXIANG;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ExecutorService STREAMS = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "scale-out-stream");
        thread.setDaemon(true);
        return thread;
    });

    static Path work;
    static String dbUrl;
    static final String DB_USER = System.getenv().getOrDefault("YINGJI_TEST_DB_USER", "postgres");
    static final String DB_PASSWORD = System.getenv().getOrDefault("YINGJI_TEST_DB_PASSWORD", "");
    /** Instance name → its HTTP port. */
    static final Map<String, Integer> instances = new LinkedHashMap<>();
    static final List<Process> processes = new ArrayList<>();
    static @Nullable Process nginx;
    static int nginxPort;
    static @Nullable HttpServer gateway;
    static final List<String> smsReferences = new CopyOnWriteArrayList<>();

    record Answer(int status, String instance, JsonNode body, HttpResponse<String> raw) {
    }

    // ---------------------------------------------------------------- set-up and clean-up

    @BeforeAll
    static void startTwoInstancesBehindNginx() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(ScaleOutIntegrationTests::stopAll));
        Path jar = Path.of("target/yingji.jar").toAbsolutePath();
        assertThat(jar).as("the server jar (mvn package runs before the integration tests)").isRegularFile();
        work = Files.createDirectories(Path.of("target/scale-out").toAbsolutePath());
        dbUrl = recreateDatabase();
        gateway = smsGateway();
        String mqttGroup = "yingji-scale-" + UUID.randomUUID().toString().substring(0, 8);
        // the first instance migrates the schema and loads a small demo city; the second joins once that has
        // settled (an instance that starts republishes the events still in flight, as after a crash)
        start("a", jar, true, mqttGroup);
        awaitHealthy("a");
        awaitSettled();
        start("b", jar, false, mqttGroup);
        awaitHealthy("b");
        for (String name : instances.keySet()) {
            await(() -> log(name).contains("MQTT telemetry connected"), Duration.ofSeconds(60), name + " connected to the broker");
        }
        nginx = startNginx();
    }

    @AfterAll
    static void stopAll() {
        if (nginx != null && nginx.isAlive()) {
            stop(nginx);
        }
        processes.forEach(ScaleOutIntegrationTests::stop);
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A database of its own next to the integration tests' one (…_scale), created empty. */
    private static String recreateDatabase() throws SQLException {
        String testUrl = System.getenv().getOrDefault("YINGJI_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/yingji_it");
        String base = testUrl.replaceAll("\\?.*", "");
        String database = base.substring(base.lastIndexOf('/') + 1) + "_scale";
        String server = base.substring(0, base.lastIndexOf('/') + 1);
        try (Connection connection = DriverManager.getConnection(server + "postgres", DB_USER, DB_PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        }
        return server + database;
    }

    private static void start(String name, Path jar, boolean demo, String mqttGroup) throws IOException {
        int port = freePort();
        int managementPort = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                // actuator on a port of its own per instance (two instances share the machine)
                "--management.server.port=" + managementPort, "--management.server.address=127.0.0.1",
                "--logging.level.io.yingji.jobs=debug", "--logging.level.io.yingji.monitoring.internal.MqttTelemetry=info")
                .redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("YINGJI_"));
        env.put("YINGJI_PROFILE", "postgres");
        env.put("YINGJI_DB_URL", dbUrl);
        env.put("YINGJI_DB_USER", DB_USER);
        env.put("YINGJI_DB_PASSWORD", DB_PASSWORD);
        env.put("YINGJI_DB_POOL", "5");
        env.put("YINGJI_PORT", String.valueOf(port));
        env.put("YINGJI_INSTANCE_ID", name);
        env.put("YINGJI_FORWARD_HEADERS", "native");
        env.put("YINGJI_MQTT", "true");
        env.put("YINGJI_MQTT_URL", System.getenv().getOrDefault("YINGJI_TEST_MQTT_URL", "tcp://127.0.0.1:1883"));
        env.put("YINGJI_MQTT_GROUP", mqttGroup);
        env.put("YINGJI_DEMO", String.valueOf(demo));
        env.put("YINGJI_DEMO_ENTERPRISES", "60");
        env.put("YINGJI_STORAGE_DIR", work.resolve("files").toString());
        env.put("YINGJI_SMS_URL", "http://127.0.0.1:" + gateway.getAddress().getPort() + "/sms/send");
        env.put("YINGJI_SMS_AUTH_HEADER", "X-Api-Key");
        env.put("YINGJI_SMS_AUTH_VALUE", "scale-out");
        // the monitoring job every second on each instance, so both compete for its lease during the test
        env.put("YINGJI_MONITORING_JOB_INTERVAL", "PT1S");
        env.put("YINGJI_NOTIFY_STREAM_POLL", "PT0.5S");
        env.put("YINGJI_MAP_PROVIDER", "none");
        processes.add(builder.start());
        instances.put(name, port);
        managementPorts.put(name, managementPort);
    }

    static final Map<String, Integer> managementPorts = new HashMap<>();

    private static void awaitHealthy(String name) throws Exception {
        Process process = processes.get(new ArrayList<>(instances.keySet()).indexOf(name));
        await(() -> {
            assertThat(process.isAlive()).as("instance %s is running (see %s)", name, work.resolve(name + ".log")).isTrue();
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPorts.get(name) + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return health.statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofMinutes(3), "instance " + name + " healthy");
    }

    /** The demo city's events all handled (nothing in flight that a starting instance would republish). */
    private static void awaitSettled() throws Exception {
        await(() -> single("select count(*) from event_publication where completion_date is null") == 0, Duration.ofMinutes(2),
                "the demo city's events handled");
    }

    private static Process startNginx() throws Exception {
        nginxPort = freePort();
        Path conf = work.resolve("nginx");
        Files.createDirectories(conf.resolve("logs"));
        String upstream = instances.values().stream().map(port -> "    server 127.0.0.1:" + port + ";")
                .collect(Collectors.joining("\n"));
        Files.writeString(conf.resolve("nginx.conf"), """
                # generated by ScaleOutIntegrationTests: the set-up docs/operations.md describes
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 256; }
                http {
                  access_log %1$s/logs/access.log;
                  client_body_temp_path %1$s/client_body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  # round-robin over the instances: no ip_hash, no sticky sessions
                  upstream yingji {
                %2$s
                  }
                  server {
                    listen 127.0.0.1:%3$d;
                    client_max_body_size 12m;
                    location / {
                      proxy_pass http://yingji;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header Host $host;
                      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                      proxy_set_header X-Forwarded-Proto $scheme;
                      # Server-Sent Events (alarm and notice streams) pass through unbuffered and stay open
                      proxy_buffering off;
                      proxy_read_timeout 1h;
                    }
                  }
                }
                """.formatted(conf, upstream, nginxPort));
        String binary = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
        Process process = new ProcessBuilder(binary, "-p", conf.toString(), "-e", conf.resolve("logs/error.log").toString(),
                "-c", conf.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(conf.resolve("logs/stdout.log").toFile()).start();
        await(() -> {
            assertThat(process.isAlive()).as("nginx is running (see %s)", conf.resolve("logs")).isTrue();
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", nginxPort)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        }, Duration.ofSeconds(20), "nginx listening");
        return process;
    }

    /** An SMS gateway on loopback that records the reference of every message it is sent. */
    private static HttpServer smsGateway() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            try (exchange) {
                JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
                smsReferences.add(body.path("reference").asString());
                byte[] answer = ("{\"messageId\":\"gw-" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    // ---------------------------------------------------------------- helpers

    static String log(String instance) {
        try {
            return Files.readString(work.resolve(instance + ".log"));
        } catch (IOException e) {
            return "";
        }
    }

    static long single(String sql) {
        try (Connection db = DriverManager.getConnection(dbUrl, DB_USER, DB_PASSWORD);
             Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> strings(String sql) {
        try (Connection db = DriverManager.getConnection(dbUrl, DB_USER, DB_PASSWORD);
             Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    /** A request through nginx (or, with {@code port}, straight to one instance). */
    static Answer send(int port, String method, String path, @Nullable Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
            headers.forEach(request::header);
            if (body != null) {
                request.header("Content-Type", "application/json");
                request.method(method, HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), response.headers().firstValue("X-Yingji-Instance").orElse(""), json, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Answer viaNginx(String method, String path, @Nullable Object body, Map<String, String> headers) {
        return send(nginxPort, method, path, body, headers);
    }

    static Answer login(String username) {
        Answer login = viaNginx("POST", "/api/auth/login", Map.of("username", username, "password", PASSWORD), Map.of());
        assertThat(login.status()).as(login.body().toString()).isEqualTo(200);
        return login;
    }

    static String token(String username) {
        return login(username).body().path("token").asString();
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    static @Nullable String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst().orElse(null);
    }

    record Stream(String instance, List<String> lines) {
    }

    /** Opens a Server-Sent Events stream through nginx; answers which instance serves it and the lines as they come. */
    static Stream listen(String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginxPort + path))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        HttpResponse<java.util.stream.Stream<String>> response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines = new CopyOnWriteArrayList<>();
        STREAMS.submit(() -> response.body().forEach(lines::add));
        await(() -> lines.stream().anyMatch(line -> line.contains("connected")), Duration.ofSeconds(20), path + " connected");
        return new Stream(response.headers().firstValue("X-Yingji-Instance").orElseThrow(), lines);
    }

    /** An Actual public warning for 米市巷街道 as the warning tests draft it. */
    static Map<String, Object> warning() {
        Map<String, Object> warning = new HashMap<>();
        warning.put("level", "ORANGE");
        warning.put("status", "Actual");
        warning.put("scope", "Public");
        warning.put("category", "Met");
        warning.put("event", "暴雨");
        warning.put("urgency", "Expected");
        warning.put("certainty", "Likely");
        warning.put("headline", "米市巷街道暴雨橙色预警");
        warning.put("description", "预计未来3小时内将出现50毫米以上降水。");
        warning.put("instruction", "请远离低洼地带，地下车库车辆及时转移。");
        warning.put("expires", OffsetDateTime.now().plusHours(6).truncatedTo(ChronoUnit.SECONDS).toString());
        warning.put("areas", List.of(Map.of("kind", "REGION", "regionCode", MISHIXIANG)));
        return warning;
    }

    static String other(String instance) {
        return instances.keySet().stream().filter(name -> !name.equals(instance)).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- the tests

    @Test
    @Order(1)
    void requestsAlternateBetweenTheInstancesWithoutLosingTheSessionItsCsrfTokenOrTheBearerToken() {
        Answer login = login("gongshu");
        String session = cookie(login.raw(), "JSESSIONID");
        String token = login.body().path("token").asString();
        assertThat(session).isNotNull();

        List<String> served = new ArrayList<>();
        String xsrf = null;
        for (int i = 0; i < 6; i++) {
            Answer me = viaNginx("GET", "/api/me", null, Map.of("Cookie", "JSESSIONID=" + session));
            assertThat(me.status()).as("request %d with the session cookie, served by %s", i, me.instance()).isEqualTo(200);
            assertThat(me.body().path("username").asString()).isEqualTo("gongshu");
            served.add(me.instance());
            xsrf = xsrf != null ? xsrf : cookie(me.raw(), "XSRF-TOKEN");
        }
        assertThat(Set.copyOf(served)).containsExactlyInAnyOrder("a", "b");
        for (int i = 1; i < served.size(); i++) {
            assertThat(served.get(i)).as("round robin: request %d", i).isNotEqualTo(served.get(i - 1));
        }

        // a change through the session needs the CSRF token, which every instance accepts
        assertThat(xsrf).isNotNull();
        Map<String, Object> preview = warning();
        Set<String> changedOn = new java.util.HashSet<>();
        for (int i = 0; i < 2; i++) {
            Answer withToken = viaNginx("POST", "/api/warnings/audience", preview,
                    Map.of("Cookie", "JSESSIONID=" + session + "; XSRF-TOKEN=" + xsrf, "X-XSRF-TOKEN", xsrf));
            assertThat(withToken.status()).as(withToken.body().toString()).isEqualTo(200);
            changedOn.add(withToken.instance());
        }
        assertThat(changedOn).containsExactlyInAnyOrder("a", "b");
        Answer withoutToken = viaNginx("POST", "/api/warnings/audience", preview, Map.of("Cookie", "JSESSIONID=" + session));
        assertThat(withoutToken.status()).isEqualTo(403);

        Set<String> tokenServed = new java.util.HashSet<>();
        for (int i = 0; i < 2; i++) {
            Answer me = viaNginx("GET", "/api/me", null, bearer(token));
            assertThat(me.status()).isEqualTo(200);
            tokenServed.add(me.instance());
        }
        assertThat(tokenServed).containsExactlyInAnyOrder("a", "b");

        // logging out on one instance ends the session and the token on every instance
        Answer logout = viaNginx("POST", "/api/auth/logout", null,
                Map.of("Cookie", "JSESSIONID=" + session + "; XSRF-TOKEN=" + xsrf, "X-XSRF-TOKEN", xsrf));
        assertThat(logout.status()).isEqualTo(204);
        for (String instance : instances.keySet()) {
            int port = instances.get(instance);
            assertThat(send(port, "GET", "/api/me", null, Map.of("Cookie", "JSESSIONID=" + session)).status())
                    .as("the session on %s", instance).isEqualTo(401);
            assertThat(send(port, "GET", "/api/me", null, bearer(token)).status()).as("the token on %s", instance).isEqualTo(401);
        }
    }

    @Test
    @Order(1)
    void mapLayersArriveGzipCompressedThroughNginxFromEitherInstance() throws Exception {
        String token = token("hangzhou");
        Set<String> served = new java.util.HashSet<>();
        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginxPort + "/api/enterprises/map"))
                    .header("Authorization", "Bearer " + token).header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Encoding")).as("request %d", i).hasValue("gzip");
            served.add(response.headers().firstValue("X-Yingji-Instance").orElse(""));
            byte[] plain;
            try (var gunzip = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(response.body()))) {
                plain = gunzip.readAllBytes();
            }
            assertThat(response.body().length).as("compressed").isLessThan(plain.length / 2);
            JsonNode layer = JSON.readTree(plain);
            assertThat(layer.path("count").asInt()).isPositive().isEqualTo(layer.path("id").size()).isEqualTo(layer.path("latitude").size());
        }
        assertThat(served).containsExactlyInAnyOrder("a", "b");
        // a client that does not ask for gzip gets plain JSON
        HttpResponse<String> plain = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginxPort + "/api/enterprises/map"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(JSON.readTree(plain.body()).path("count").asInt()).isPositive();
    }

    @Test
    @Order(2)
    void theAlarmStreamAndTheNoticeStreamDeliverWhatTheOtherInstanceRaised() throws Exception {
        String district = token("gongshu");
        String enterprise = token("qiye");
        long enterpriseId = viaNginx("GET", "/api/me", null, bearer(enterprise)).body().path("enterpriseId").asLong();
        String code = "GAS-" + UUID.randomUUID().toString().substring(0, 8);
        Answer device = viaNginx("POST", "/api/devices", Map.of("code", code, "name", "扩容测试探测器 " + code,
                "type", "COMBUSTIBLE_GAS", "enterpriseId", enterpriseId), bearer(district));
        assertThat(device.status()).as(device.body().toString()).isEqualTo(201);
        String key = device.body().path("key").asString();

        // both streams on one instance (round robin: a request in between goes to the other)
        Stream alarms = listen("/api/alarms/stream", district);
        viaNginx("GET", "/api/me", null, bearer(district));
        Stream notices = listen("/api/notifications/stream", enterprise);
        assertThat(notices.instance()).isEqualTo(alarms.instance());

        // the reading arrives at the other instance, which raises the alarm there
        String raisedOn = other(alarms.instance());
        Answer reading = send(instances.get(raisedOn), "POST", "/api/telemetry",
                "{\"readings\":[{\"device\":\"" + code + "\",\"values\":{\"lel\":48}}]}",
                Map.of("Authorization", "Device " + code + ":" + key));
        assertThat(reading.status()).as(reading.body().toString()).isEqualTo(200);
        assertThat(reading.instance()).isEqualTo(raisedOn);

        await(() -> alarms.lines().stream().anyMatch(line -> line.startsWith("data:") && line.contains(code)), Duration.ofSeconds(20),
                "the alarm raised on " + raisedOn + " reaches the alarm stream on " + alarms.instance());
        String alarm = alarms.lines().stream().filter(line -> line.startsWith("data:") && line.contains(code)).findFirst().orElseThrow();
        assertThat(JSON.readTree(alarm.substring(5)).path("status").asString()).isEqualTo("RAISED");
        await(() -> notices.lines().stream().anyMatch(line -> line.startsWith("data:") && line.contains(code)), Duration.ofSeconds(20),
                "the enterprise's notice of the alarm raised on " + raisedOn + " reaches its notice stream on " + notices.instance());
    }

    @Test
    @Order(3)
    void deliveryTasksAreSentOnceWhileBothInstancesDispatch() throws Exception {
        String drafter = token("mishixiang");
        String approver = token("gongshu");
        Map<String, Object> warning = warning();
        Answer created = viaNginx("POST", "/api/warnings", warning, bearer(drafter));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        long id = created.body().path("id").asLong();
        assertThat(viaNginx("POST", "/api/warnings/" + id + "/submit", Map.of(), bearer(drafter)).status()).isEqualTo(200);
        Answer approved = viaNginx("POST", "/api/warnings/" + id + "/approve", Map.of(), bearer(approver));
        assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);

        await(() -> single("select count(*) from delivery_campaign where source like 'warning:" + id + ":%'") == 2,
                Duration.ofSeconds(30), "the warning's staff and public campaigns queued");
        String tasks = "from delivery_task t join delivery_campaign c on c.id = t.campaign_id where c.source like 'warning:" + id + ":%'";
        await(() -> single("select count(*) " + tasks + " and t.channel = 'SMS'") > 0, Duration.ofSeconds(30), "the warning's SMS tasks queued");
        await(() -> single("select count(*) " + tasks + " and t.status in ('QUEUED', 'SENDING')") == 0, Duration.ofSeconds(60),
                "every task of the warning sent");

        List<String> sent = strings("select cast(t.id as varchar) " + tasks + " and t.channel = 'SMS' and t.sent_at is not null");
        assertThat(sent).hasSizeGreaterThan(1);
        List<String> received = smsReferences.stream().filter(sent::contains).toList();
        assertThat(received).as("each SMS task reached the gateway exactly once").hasSameSizeAs(sent).containsExactlyInAnyOrderElementsOf(sent);
        Map<String, Long> perReference = smsReferences.stream().collect(Collectors.groupingBy(r -> r, Collectors.counting()));
        assertThat(perReference.values()).as("no message of any campaign was sent twice").allMatch(n -> n == 1);
    }

    @Test
    @Order(4)
    void aScheduledJobRunsOnOneInstanceAtATime() throws Exception {
        Pattern pass = Pattern.compile("Job monitoring ran on (\\S+) from (\\S+) to (\\S+)");
        record Pass(String instance, Instant from, Instant to) {
        }
        List<Pass> passes = new ArrayList<>();
        // both instances run the monitoring job every second; wait until each has had passes of its own
        await(() -> instances.keySet().stream().allMatch(name -> log(name).split("Job monitoring ran on", -1).length > 3),
                Duration.ofSeconds(30), "both instances ran monitoring passes");
        for (String name : instances.keySet()) {
            Matcher matcher = pass.matcher(log(name));
            while (matcher.find()) {
                passes.add(new Pass(name, Instant.parse(matcher.group(2)), Instant.parse(matcher.group(3))));
            }
        }
        assertThat(passes.stream().map(Pass::instance).distinct()).containsExactlyInAnyOrder("a", "b");
        passes.sort(Comparator.comparing(Pass::from));
        for (int i = 1; i < passes.size(); i++) {
            assertThat(passes.get(i).from()).as("pass %s starts after %s ended", passes.get(i), passes.get(i - 1))
                    .isAfterOrEqualTo(passes.get(i - 1).to());
        }
    }
}
