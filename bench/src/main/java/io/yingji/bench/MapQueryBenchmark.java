package io.yingji.bench;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The one map's enterprise query (GET /api/enterprises/map) through the real path — HTTP, session-less
 * bearer token, data scope, JSON — against a raw JDBC read of the same rows from the same PostgreSQL
 * in the same run. Starts the packaged server (server/target/yingji.jar) on a fresh database loaded
 * with a demo city of {@code ENTERPRISES} enterprises. The API is asked as a browser asks (gzip accepted,
 * the answer unpacked and read) and, for comparison, without compression; the three are timed in
 * interleaved rounds. Prints {@code name: value unit} lines.
 */
public final class MapQueryBenchmark {

    static final int ENTERPRISES = Integer.getInteger("enterprises", 30_000);
    static final int ROUNDS = Integer.getInteger("rounds", 100);
    static final int PORT = Integer.getInteger("port", 18080);
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String DATABASE = "yingji_bench";
    static final String USER = System.getProperty("dbUser", "postgres");

    public static void main(String[] args) throws Exception {
        recreateDatabase();
        Path jar = Path.of(System.getProperty("user.dir")).resolveSibling("server").resolve("target/yingji.jar");
        if (!jar.toFile().isFile()) {
            jar = Path.of("server/target/yingji.jar");
        }
        Process server = new ProcessBuilder("java", "-Xmx1g", "-jar", jar.toString(),
                "--spring.profiles.active=postgres", "--spring.datasource.url=" + SERVER + DATABASE,
                "--spring.datasource.username=" + USER, "--yingji.demo.enabled=true",
                "--yingji.demo.enterprises=" + ENTERPRISES, "--server.port=" + PORT, "--management.server.port=0", "--logging.level.root=warn")
                .redirectErrorStream(true).redirectOutput(new File("target/bench-server.log")).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String hangzhou = waitForLogin(http, "hangzhou");
            String gongshu = login(http, "gongshu");
            System.out.println("machine_cores: " + Runtime.getRuntime().availableProcessors() + " cores");
            try (Connection db = DriverManager.getConnection(SERVER + DATABASE, USER, "")) {
                System.out.println("enterprises_loaded: " + count(db) + " rows");
                // the demo city's module events (safety codes) are handled after start: measure a quiet server
                long settled = System.nanoTime();
                while (pendingEvents(db) > 0 && System.nanoTime() - settled < Duration.ofMinutes(10).toNanos()) {
                    Thread.sleep(500);
                }
                System.out.printf("demo_events_settled_after: %.1f s%n", (System.nanoTime() - settled) / 1e9);
                run("map_hangzhou", http, hangzhou, db, "3301%");
                run("map_gongshu", http, gongshu, db, "330105%");
            }
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static void run(String name, HttpClient http, String token, Connection db, String prefix) throws Exception {
        // as a browser asks: gzip accepted, the answer unpacked and its columns read
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/api/enterprises/map"))
                .header("Authorization", "Bearer " + token).header("Accept-Encoding", "gzip").GET().build();
        HttpRequest plainRequest = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/api/enterprises/map"))
                .header("Authorization", "Bearer " + token).GET().build();
        long[] wire = new long[2];
        Callable<Integer> api = () -> {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("map answered " + response.statusCode());
            }
            byte[] body = response.body();
            wire[0] = body.length;
            if (response.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
                try (GZIPInputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    body = gunzip.readAllBytes();
                }
            } else {
                throw new IllegalStateException("the map layer was not compressed");
            }
            wire[1] = body.length;
            return rows(body);
        };
        Callable<Integer> plain = () -> {
            HttpResponse<byte[]> response = http.send(plainRequest, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("map answered " + response.statusCode());
            }
            return rows(response.body());
        };
        // the baseline: the same rows straight from PostgreSQL, no HTTP, no scope, no JSON
        PreparedStatement query = db.prepareStatement("""
                select e.id, e.name, e.industry, e.longitude, e.latitude, e.region_code,
                       exists (select 1 from major_hazard_source m where m.enterprise_id = e.id and m.grade is not null)
                from enterprise e where e.region_code like ? order by e.id""");
        Callable<Integer> jdbc = () -> {
            query.setString(1, prefix);
            int rows = 0;
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(1);
                    rs.getString(2);
                    rs.getString(3);
                    rs.getDouble(4);
                    rs.getDouble(5);
                    rs.getString(6);
                    rs.getBoolean(7);
                    rows++;
                }
            }
            return rows;
        };
        int apiRows = api.call();
        int jdbcRows = jdbc.call();
        if (apiRows != jdbcRows || plain.call() != jdbcRows) {
            throw new IllegalStateException(name + ": API returned " + apiRows + " rows, database " + jdbcRows);
        }
        // interleaved rounds: the API and its baseline see the same moments of the shared machine
        List<Double> apiTimes = new ArrayList<>();
        List<Double> plainTimes = new ArrayList<>();
        List<Double> jdbcTimes = new ArrayList<>();
        List<Double> coldTimes = new ArrayList<>();
        // a cold request: the layer's version raised first (as any enterprise write does), so the server
        // reads and encodes the rows again instead of answering from its layer cache
        PreparedStatement raise = db.prepareStatement("update enterprise_layer_version set version = version + 1 where id = 1");
        for (int i = 0; i < 10; i++) {
            api.call();
            plain.call();
            jdbc.call();
        }
        for (int i = 0; i < ROUNDS; i++) {
            apiTimes.add(timed(api));
            plainTimes.add(timed(plain));
            jdbcTimes.add(timed(jdbc));
            raise.executeUpdate();
            coldTimes.add(timed(api));
        }
        Collections.sort(apiTimes);
        Collections.sort(coldTimes);
        Collections.sort(plainTimes);
        Collections.sort(jdbcTimes);
        System.out.println(name + "_rows: " + apiRows + " rows");
        System.out.println(name + "_bytes_json: " + wire[1] + " bytes");
        System.out.println(name + "_bytes_gzip: " + wire[0] + " bytes");
        System.out.printf("%s_api_p50: %.1f ms%n", name, percentile(apiTimes, 50));
        System.out.printf("%s_api_p95: %.1f ms%n", name, percentile(apiTimes, 95));
        System.out.printf("%s_api_p99: %.1f ms%n", name, percentile(apiTimes, 99));
        System.out.printf("%s_api_uncompressed_p50: %.1f ms%n", name, percentile(plainTimes, 50));
        System.out.printf("%s_jdbc_baseline_p50: %.1f ms%n", name, percentile(jdbcTimes, 50));
        System.out.printf("%s_jdbc_baseline_p95: %.1f ms%n", name, percentile(jdbcTimes, 95));
        System.out.printf("%s_ratio_baseline_over_api: %.2f ratio%n", name, percentile(jdbcTimes, 50) / percentile(apiTimes, 50));
        System.out.printf("%s_ratio_baseline_over_api_uncompressed: %.2f ratio%n", name,
                percentile(jdbcTimes, 50) / percentile(plainTimes, 50));
        System.out.printf("%s_api_cold_p50: %.1f ms%n", name, percentile(coldTimes, 50));
        System.out.printf("%s_api_cold_p95: %.1f ms%n", name, percentile(coldTimes, 95));
        System.out.printf("%s_ratio_baseline_over_api_cold: %.2f ratio%n", name, percentile(jdbcTimes, 50) / percentile(coldTimes, 50));
    }

    /** Warmed-up timings of {@code rounds} calls, sorted (in ms). */
    static List<Double> time(Callable<Integer> work, int rounds) throws Exception {
        for (int i = 0; i < 10; i++) {
            work.call();
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            times.add(timed(work));
        }
        Collections.sort(times);
        return times;
    }

    /** The layer's row count, from its {@code "count":n} (the columns' lengths are the server's tests' business). */
    private static int rows(byte[] json) {
        String head = new String(json, 0, Math.min(json.length, 64), StandardCharsets.UTF_8);
        Matcher count = COUNT.matcher(head);
        if (!count.find()) {
            throw new IllegalStateException("no count in " + head);
        }
        return Integer.parseInt(count.group(1));
    }

    private static final Pattern COUNT = Pattern.compile("\"count\":(\\d+)");

    private static double timed(Callable<Integer> work) throws Exception {
        long start = System.nanoTime();
        work.call();
        return (System.nanoTime() - start) / 1e6;
    }

    static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static void recreateDatabase() throws Exception {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
            statement.execute("create database " + DATABASE);
        }
    }

    static long pendingEvents(Connection db) throws Exception {
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from event_publication where completion_date is null")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long count(Connection db) throws Exception {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery("select count(*) from enterprise")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String waitForLogin(HttpClient http, String username) throws Exception {
        return waitForLogin(http, PORT, username);
    }

    static String waitForLogin(HttpClient http, int port, String username) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                return login(http, port, username);
            } catch (Exception notYet) {
                Thread.sleep(1000);
            }
        }
        throw new IllegalStateException("server did not start; see target/bench-server.log");
    }

    static String login(HttpClient http, String username) throws Exception {
        return login(http, PORT, username);
    }

    static String login(HttpClient http, int port, String username) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"Yingji@2026\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login " + response.statusCode());
        }
        Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(response.body());
        if (!token.find()) {
            throw new IllegalStateException("no token");
        }
        return token.group(1);
    }
}
