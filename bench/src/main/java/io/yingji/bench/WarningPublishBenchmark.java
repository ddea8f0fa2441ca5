package io.yingji.bench;

import io.yingji.notification.Target;
import io.yingji.notification.internal.DeliveryBenchmark;
import io.yingji.shared.RegionCode;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;

/**
 * Publishing a warning to a million people, end to end through the real server: {@code recipients}
 * members of the public registered in 米市巷街道 (330105001, with locations in its extent), a warning for
 * that township drafted by {@code mishixiang} and submitted, then approved by {@code gongshu} — timed from
 * the approve request until the delivery campaigns of the message are committed (targets resolved and
 * recorded, every delivery task queued). Baseline in the same run: a raw binary COPY of the same public
 * targets' rows into the same delivery tables (rolled back), as {@link DeliveryBenchmark} does.
 * Options: {@code recipients} (1000000), {@code serverJvm} (e.g. {@code -Xmx3g}).
 */
public final class WarningPublishBenchmark {

    static final int RECIPIENTS = Integer.getInteger("recipients", 1_000_000);
    static final String TOWNSHIP = "330105001";

    public static void main(String[] args) throws Exception {
        MonitoringBench.printMachine();
        try (MonitoringBench bench = MonitoringBench.start("publish"); Connection db = bench.db()) {
            register(db);
            String drafter = bench.login("mishixiang");
            String approver = bench.login("gongshu");
            long id = draft(bench, drafter);
            post(bench, drafter, "/api/warnings/" + id + "/submit", "{}");
            MonitoringBench.printLoad("before_publish");
            long start = System.nanoTime();
            post(bench, approver, "/api/warnings/" + id + "/approve", "{}");
            long answered = System.nanoTime();
            long deadline = start + 300_000_000_000L;
            while (bench.single(db, "select count(*) from delivery_campaign where source = 'warning:" + id + ":public'") == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not queued within 300 s; see target/publish-server.log");
                }
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long publicTargets = bench.single(db, "select targets from delivery_campaign where source = 'warning:" + id + ":public'");
            long staffTargets = bench.single(db, "select coalesce(sum(targets), 0) from delivery_campaign where source = 'warning:" + id + ":staff'");
            long tasks = bench.single(db, "select count(*) from delivery_task t join delivery_campaign c on c.id = t.campaign_id"
                    + " where c.source like 'warning:" + id + ":%'");
            System.out.printf("recipients_registered: %d people%n", RECIPIENTS);
            System.out.printf("approve_answered_after: %.3f s%n", (answered - start) / 1e9);
            System.out.printf("publish_to_queued: %.2f s%n", seconds);
            System.out.printf("targets_public: %d targets%n", publicTargets);
            System.out.printf("targets_staff: %d targets%n", staffTargets);
            System.out.printf("tasks_queued: %d tasks%n", tasks);
            System.out.printf("publish_rate: %.0f targets/s%n", (publicTargets + staffTargets) / seconds);

            // baseline: the same public targets' rows by raw binary COPY into the same tables
            List<Target> same = new ArrayList<>(RECIPIENTS);
            for (int i = 0; i < RECIPIENTS; i++) {
                same.add(new Target(null, "公众用户" + i, RegionCode.of(TOWNSHIP), Target.PUBLIC, mobile(i), null, null, null));
            }
            long campaign = bench.single(db, "select id from delivery_campaign where source = 'warning:" + id + ":public'");
            double copy = DeliveryBenchmark.copyBaselineSeconds(db, campaign + 1_000_000, same);
            System.out.printf("copy_baseline_time: %.2f s%n", copy);
            System.out.printf("copy_baseline_rate: %.0f targets/s%n", RECIPIENTS / copy);
            System.out.printf(Locale.ROOT, "publish_ratio: %.2f ratio%n", copy / seconds * (publicTargets + staffTargets) / RECIPIENTS);
            MonitoringBench.printLoad("after");
        }
    }

    static String mobile(int i) {
        return String.format("17%09d", i);
    }

    /** The registered public, by text COPY straight into the directory table (their registration is not what is measured). */
    private static void register(Connection db) throws Exception {
        double minLon = 120.150;
        double maxLon = 120.175;
        double minLat = 30.285;
        double maxLat = 30.305;
        java.util.Random random = new java.util.Random(1);
        StringBuilder csv = new StringBuilder(RECIPIENTS * 80);
        for (int i = 0; i < RECIPIENTS; i++) {
            csv.append("公众,公众用户").append(i).append(',').append(TOWNSHIP).append(',').append(mobile(i)).append(',')
                    .append(String.format(Locale.ROOT, "%.6f,%.6f", minLon + random.nextDouble() * (maxLon - minLon),
                            minLat + random.nextDouble() * (maxLat - minLat)))
                    .append(",2026-11-23T00:00:00Z\n");
        }
        db.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "copy warning_contact (grp, name, region_code, mobile, longitude, latitude, created_at) from stdin (format csv)",
                new StringReader(csv.toString()));
        try (var statement = db.createStatement()) {
            statement.execute("analyze warning_contact");
        }
    }

    private static long draft(MonitoringBench bench, String token) throws Exception {
        String expires = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusHours(6).truncatedTo(ChronoUnit.SECONDS).toString();
        String body = """
                {"level":"RED","status":"Actual","scope":"Public","category":"Met","event":"暴雨","urgency":"Immediate",
                 "certainty":"Observed","headline":"米市巷街道暴雨红色预警","description":"3小时内降雨量将达100毫米以上。",
                 "instruction":"请立即转移到安全地带。","expires":"%s","areas":[{"kind":"REGION","regionCode":"%s"}]}"""
                .formatted(expires, TOWNSHIP);
        String answer = post(bench, token, "/api/warnings", body);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(answer);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + answer);
        }
        return Long.parseLong(m.group(1));
    }

    private static String post(MonitoringBench bench, String token, String path, String json) throws Exception {
        HttpResponse<String> response = bench.http.send(bench.request(path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
