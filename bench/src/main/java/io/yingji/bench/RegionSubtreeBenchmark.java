package io.yingji.bench;

import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Scoped queries over a region subtree through the real path (HTTP, bearer token, data scope, JSON)
 * against raw JDBC of the same rows from the same PostgreSQL in the same run: the enterprise list (count
 * and first page) for a district (拱墅区) and for the city (杭州市), the enterprise statistics, a region's
 * children, the caller's whole subtree, and the region name search (where the server has it). Starts the
 * packaged server (or {@code -Djar=…}) on a fresh database {@code yingji_bench_regions} with the demo city, on
 * port 18090, like {@link MapQueryBenchmark}.
 */
public final class RegionSubtreeBenchmark {

    static final int ENTERPRISES = Integer.getInteger("enterprises", 30_000);
    static final int ROUNDS = Integer.getInteger("rounds", 100);
    static final int PORT = Integer.getInteger("port", 18090);
    static final String SERVER = MapQueryBenchmark.SERVER;
    static final String DATABASE = System.getProperty("database", "yingji_bench_regions");
    static final String USER = MapQueryBenchmark.USER;

    public static void main(String[] args) throws Exception {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "");
             var statement = admin.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
            statement.execute("create database " + DATABASE);
        }
        // -Djar=… measures another build (e.g. a copy of the jar before a change)
        Path jar = Path.of(System.getProperty("jar", Path.of(System.getProperty("user.dir")).resolveSibling("server")
                .resolve("target/yingji.jar").toString()));
        if (!jar.toFile().isFile()) {
            jar = Path.of("server/target/yingji.jar");
        }
        Process server = new ProcessBuilder("java", "-Xmx1g", "-jar", jar.toString(),
                "--spring.profiles.active=postgres", "--spring.datasource.url=" + SERVER + DATABASE,
                "--spring.datasource.username=" + USER, "--yingji.demo.enabled=true",
                "--yingji.demo.enterprises=" + ENTERPRISES, "--server.port=" + PORT, "--management.server.port=0",
                "--logging.level.root=warn")
                .redirectErrorStream(true).redirectOutput(new File("target/regions-bench-server.log")).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String hangzhou = MapQueryBenchmark.waitForLogin(http, PORT, "hangzhou");
            String gongshu = MapQueryBenchmark.login(http, PORT, "gongshu");
            System.out.println("machine_cores: " + Runtime.getRuntime().availableProcessors() + " cores");
            try (Connection db = DriverManager.getConnection(SERVER + DATABASE, USER, "")) {
                System.out.println("regions_loaded: " + count(db, "select count(*) from region") + " rows");
                System.out.println("enterprises_loaded: " + count(db, "select count(*) from enterprise") + " rows");
                long settled = System.nanoTime();
                while (MapQueryBenchmark.pendingEvents(db) > 0 && System.nanoTime() - settled < Duration.ofMinutes(10).toNanos()) {
                    Thread.sleep(500);
                }
                System.out.printf("demo_events_settled_after: %.1f s%n", (System.nanoTime() - settled) / 1e9);

                PreparedStatement enterprisePage = db.prepareStatement("""
                        select e.id, e.credit_code, e.name, e.industry, e.address, e.region_code
                        from enterprise e where e.region_code like ? order by e.id limit 20""");
                PreparedStatement enterpriseCount = db.prepareStatement("select count(*) from enterprise e where e.region_code like ?");
                PreparedStatement statistics = db.prepareStatement(
                        "select e.industry, count(*) from enterprise e where e.region_code like ? group by e.industry");
                PreparedStatement children = db.prepareStatement("""
                        select r.code, r.name, r.level, r.parent_code, r.min_lon, r.min_lat, r.max_lon, r.max_lat,
                               exists (select 1 from region c where c.parent_code = r.code)
                        from region r where r.parent_code = ? order by r.code""");
                // the subtree answer stops at townships for a district's or a city's caller (rows of up to 9 digits)
                PreparedStatement subtree = db.prepareStatement(
                        "select code, name, level, parent_code from region where code like ? and length(code) <= 9 order by code");
                PreparedStatement search = db.prepareStatement("""
                        select code, name, level, parent_code from region where code like ? and name like ?
                        order by level, code limit 20""");

                for (String[] who : List.of(new String[] {"gongshu", gongshu, "330105"}, new String[] {"hangzhou", hangzhou, "330100"})) {
                    String name = who[0];
                    String token = who[1];
                    String like = (who[2].endsWith("00") ? who[2].substring(0, 4) : who[2]) + "%";
                    run(name + "_enterprise_list", http, token, "/api/enterprises?regionCode=" + who[2] + "&page=0&size=20", () -> {
                        enterpriseCount.setString(1, like);
                        drain(enterpriseCount.executeQuery());
                        enterprisePage.setString(1, like);
                        return drain(enterprisePage.executeQuery());
                    });
                    run(name + "_enterprise_statistics", http, token, "/api/enterprises/statistics?regionCode=" + who[2], () -> {
                        statistics.setString(1, like);
                        return drain(statistics.executeQuery());
                    });
                    run(name + "_region_children", http, token, "/api/regions/" + who[2] + "/children", () -> {
                        children.setString(1, who[2]);
                        return drain(children.executeQuery());
                    });
                    run(name + "_region_subtree", http, token, "/api/regions/mine/subtree", () -> {
                        subtree.setString(1, like);
                        return drain(subtree.executeQuery());
                    });
                    run(name + "_region_search", http, token, "/api/regions/search?q=" + URLEncoder.encode("社区", StandardCharsets.UTF_8), () -> {
                        search.setString(1, like);
                        search.setString(2, "%社区%");
                        return drain(search.executeQuery());
                    });
                }
            }
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** Times the API call and its raw-JDBC baseline; an endpoint the server does not have is reported as n/a. */
    private static void run(String name, HttpClient http, String token, String path, Callable<Integer> jdbc) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
                .header("Authorization", "Bearer " + token).GET().build();
        int[] bytes = new int[1];
        Callable<Integer> api = () -> {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(name + " answered " + response.statusCode());
            }
            bytes[0] = response.body().length;
            return response.body().length;
        };
        try {
            api.call();
        } catch (IllegalStateException missing) {
            System.out.println(name + "_api_p50: n/a (" + missing.getMessage() + ")");
            return;
        }
        List<Double> apiTimes = MapQueryBenchmark.time(api, ROUNDS);
        List<Double> jdbcTimes = MapQueryBenchmark.time(jdbc, ROUNDS);
        System.out.println(name + "_response: " + bytes[0] + " bytes");
        System.out.println(name + "_jdbc_rows: " + jdbc.call() + " rows");
        System.out.printf("%s_api_p50: %.2f ms%n", name, MapQueryBenchmark.percentile(apiTimes, 50));
        System.out.printf("%s_api_p95: %.2f ms%n", name, MapQueryBenchmark.percentile(apiTimes, 95));
        System.out.printf("%s_jdbc_baseline_p50: %.2f ms%n", name, MapQueryBenchmark.percentile(jdbcTimes, 50));
        System.out.printf("%s_ratio_baseline_over_api: %.2f ratio%n", name,
                MapQueryBenchmark.percentile(jdbcTimes, 50) / MapQueryBenchmark.percentile(apiTimes, 50));
    }

    private static int drain(ResultSet rs) throws Exception {
        int rows = 0;
        try (rs) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int c = 1; c <= columns; c++) {
                    rs.getObject(c);
                }
                rows++;
            }
        }
        return rows;
    }

    private static long count(Connection db, String sql) throws Exception {
        try (var statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
