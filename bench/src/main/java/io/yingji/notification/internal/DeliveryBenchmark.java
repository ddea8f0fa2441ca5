package io.yingji.notification.internal;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.yingji.notification.Campaign;
import io.yingji.notification.Channel;
import io.yingji.notification.Target;
import io.yingji.shared.RegionCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delivery queue's two hot paths, against baselines measured in the same run on the same
 * PostgreSQL database ({@code yingji_bench_delivery}, dropped and recreated):
 *
 * <ol>
 * <li><b>enqueue</b>: {@code Deliveries.enqueue} of one campaign to {@code -Dtargets} targets (one
 * transaction: campaign row, targets and first tasks by binary COPY), timed from the call to the commit,
 * vs a raw binary COPY of identical, pre-encoded rows into the same two tables in one transaction.</li>
 * <li><b>dispatch</b>: the module's dispatcher (claims with SKIP LOCKED, sends concurrently through the
 * SMS adapter, writes outcomes in batches) draining {@code -Dmessages} queued SMS to a fake gateway on
 * loopback, vs a bare loop of the same number of threads POSTing the same JSON to the same gateway —
 * first with the gateway unlimited, then with the gateway limiting to {@code -DgatewayRate}/s and
 * answering 429 with Retry-After beyond it (the dispatcher's SMS token bucket set to the same rate;
 * the bare loop waits out each 429 and resends).</li>
 * </ol>
 * Prints {@code name: value unit} lines. Run it alone: the machine's two cores are the limit.
 */
public final class DeliveryBenchmark {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String DATABASE = System.getProperty("database", "yingji_bench_delivery");
    static final int TARGETS = Integer.getInteger("targets", 1_000_000);
    static final int ROUNDS = Integer.getInteger("rounds", 2);
    static final int MESSAGES = Integer.getInteger("messages", 40_000);
    static final int LIMITED_MESSAGES = Integer.getInteger("limitedMessages", 20_000);
    static final int GATEWAY_RATE = Integer.getInteger("gatewayRate", 2_000);
    static final int THREADS = Integer.getInteger("threads", 32);
    /** The dispatcher's SMS rate as a share of the gateway's limit (a provider's limit is set a little above what we send). */
    static final double RATE_SHARE = Double.parseDouble(System.getProperty("rateShare", "0.9"));
    static final String PHASES = System.getProperty("phases", "enqueue,dispatch");

    private static final byte[] COPY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};

    public static void main(String[] args) throws Exception {
        // the JDK's HTTP server writes headers and body separately: without TCP_NODELAY each answer
        // waits for the client's delayed ACK (~40 ms) and the fake gateway, not the senders, is measured
        System.setProperty("sun.net.httpserver.nodelay", "true");
        recreateDatabase();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(SERVER + DATABASE);
        config.setUsername("postgres");
        config.setMaximumPoolSize(8);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            createTables(dataSource);
            JdbcClient jdbc = JdbcClient.create(dataSource);
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            DeliveryQueue queue = new DeliveryQueue(jdbc, dataSource, Clock.systemUTC());
            if (PHASES.contains("enqueue")) {
                enqueue(dataSource, jdbc, transactions, queue);
            }
            if (PHASES.contains("dispatch")) {
                dispatch(dataSource, jdbc, transactions, queue);
            }
        }
    }

    // ---------------------------------------------------------------- enqueue

    static List<Target> targets(int n) {
        String[] villages = new String[200];
        RegionCode[] regions = new RegionCode[villages.length];
        for (int i = 0; i < villages.length; i++) {
            regions[i] = RegionCode.of(String.format("330106%03d%03d", 1 + i / 20, 1 + i % 20));
        }
        List<Target> targets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean duty = i % 50 == 0;
            targets.add(new Target(null, "居民" + i, regions[i % regions.length], duty ? "网格员" : Target.PUBLIC,
                    String.format("13%09d", i), null, null, null));
        }
        return targets;
    }

    private static void enqueue(HikariDataSource dataSource, JdbcClient jdbc, TransactionTemplate transactions, DeliveryQueue queue)
            throws Exception {
        List<Target> targets = targets(TARGETS);
        List<Channel> channels = List.of(Channel.SMS, Channel.IN_APP);
        // the baseline's rows: exactly what enqueue writes (same columns, values, campaign id), encoded before timing
        double[] copySeconds = new double[ROUNDS];
        double[] enqueueSeconds = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            truncate(dataSource);
            long campaignId = jdbc.sql("""
                    insert into delivery_campaign (source, region_code, title, body, args, localized, channels, ack_required,
                           renotify_seconds, max_rounds, secret, targets, created_at)
                    values ('bench:copy', '330106', 't', 'b', '', false, 'SMS,IN_APP', true, 900, 3, 's', :n, now()) returning id""")
                    .param("n", TARGETS).query(Long.class).single();
            Instant now = Instant.now();
            byte[][] data = encode(campaignId, targets, now);
            long start = System.nanoTime();
            transactions.executeWithoutResult(status -> {
                // the transaction's own connection: the transaction manager commits and returns it
                Connection c = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource);
                try {
                    var copy = c.unwrap(PGConnection.class).getCopyAPI();
                    copy.copyIn("copy delivery_target (" + DeliveryQueue.TARGET_COLUMNS + ") from stdin (format binary)", new ByteArrayInputStream(data[0]));
                    copy.copyIn("copy delivery_task (" + DeliveryQueue.TASK_COLUMNS + ") from stdin (format binary)", new ByteArrayInputStream(data[1]));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            copySeconds[round] = (System.nanoTime() - start) / 1e9;
            truncate(dataSource);
            int r = round;
            start = System.nanoTime();
            transactions.executeWithoutResult(status -> queue.enqueue(
                    Campaign.text("bench:enqueue:" + r, RegionCode.of("330106"), "暴雨红色预警", "预计未来3小时有特大暴雨，请立即转移。", channels)
                            .acknowledged(Duration.ofMinutes(15), 3), targets));
            enqueueSeconds[round] = (System.nanoTime() - start) / 1e9;
            long queued = jdbc.sql("select count(*) from delivery_task where status = 'QUEUED'").query(Long.class).single();
            if (queued != TARGETS) {
                throw new IllegalStateException("queued " + queued + " tasks, expected " + TARGETS);
            }
            System.out.printf("round_%d_copy_baseline: %.2f s%n", round + 1, copySeconds[round]);
            System.out.printf("round_%d_enqueue: %.2f s%n", round + 1, enqueueSeconds[round]);
        }
        double copy = Arrays.stream(copySeconds).min().orElseThrow();
        double enqueue = Arrays.stream(enqueueSeconds).min().orElseThrow();
        System.out.printf("enqueue_targets: %d targets%n", TARGETS);
        System.out.printf("enqueue_time: %.2f s%n", enqueue);
        System.out.printf("enqueue_rate: %.0f targets/s%n", TARGETS / enqueue);
        System.out.printf("copy_baseline_time: %.2f s%n", copy);
        System.out.printf("copy_baseline_rate: %.0f targets/s%n", TARGETS / copy);
        System.out.printf("enqueue_ratio: %.2f (enqueue rate / COPY rate, best of %d rounds each)%n", copy / enqueue, ROUNDS);
        truncate(dataSource);
    }

    /**
     * The baseline for other benchmarks (the warning publish benchmark): the rows {@code enqueue} would write
     * for these targets, encoded in memory first, then copied in one transaction on {@code connection} into
     * {@code delivery_target} and {@code delivery_task}, under campaign {@code campaignId}, and rolled back so
     * the tables stay as they were. Answers the seconds the two COPYs and the commit-equivalent took.
     */
    public static double copyBaselineSeconds(Connection connection, long campaignId, List<Target> targets) throws Exception {
        byte[][] data = encode(campaignId, targets, Instant.now());
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            long start = System.nanoTime();
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("copy delivery_target (" + DeliveryQueue.TARGET_COLUMNS + ") from stdin (format binary)", new ByteArrayInputStream(data[0]));
            copy.copyIn("copy delivery_task (" + DeliveryQueue.TASK_COLUMNS + ") from stdin (format binary)", new ByteArrayInputStream(data[1]));
            double seconds = (System.nanoTime() - start) / 1e9;
            connection.rollback();
            return seconds;
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    /** The same rows as DeliveryQueue.copy, in PostgreSQL's binary COPY format, in memory. */
    static byte[][] encode(long campaignId, List<Target> targets, Instant now) throws IOException {
        long micros = (now.getEpochSecond() - 946_684_800L) * 1_000_000L + now.getNano() / 1_000;
        ByteArrayOutputStream targetBytes = new ByteArrayOutputStream(targets.size() * 110);
        ByteArrayOutputStream taskBytes = new ByteArrayOutputStream(targets.size() * 80);
        try (DataOutputStream t = new DataOutputStream(targetBytes); DataOutputStream k = new DataOutputStream(taskBytes)) {
            t.write(COPY_HEADER);
            k.write(COPY_HEADER);
            for (int i = 0; i < targets.size(); i++) {
                Target target = targets.get(i);
                t.writeShort(13);
                t.writeInt(8);
                t.writeLong(campaignId);
                t.writeInt(4);
                t.writeInt(i);
                t.writeInt(-1);
                text(t, target.name());
                text(t, target.region().value());
                text(t, target.group());
                text(t, target.mobile());
                t.writeInt(-1);
                t.writeInt(-1);
                t.writeInt(-1);
                text(t, "SMS");
                t.writeInt(4);
                t.writeInt(1);
                t.writeInt(8);
                t.writeLong(micros);
                k.writeShort(9);
                k.writeInt(8);
                k.writeLong(campaignId);
                k.writeInt(4);
                k.writeInt(i);
                text(k, "SMS");
                k.writeInt(4);
                k.writeInt(1);
                text(k, "QUEUED");
                k.writeInt(4);
                k.writeInt(0);
                for (int j = 0; j < 3; j++) {
                    k.writeInt(8);
                    k.writeLong(micros);
                }
            }
            t.writeShort(-1);
            k.writeShort(-1);
        }
        return new byte[][] {targetBytes.toByteArray(), taskBytes.toByteArray()};
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    // ---------------------------------------------------------------- dispatch

    /** The gateway's own limit, as providers do it: a fixed number of requests per 100 ms window. */
    static final class Window {
        private final int perWindow;
        private long windowStart = System.nanoTime();
        private int used;

        Window(int perWindow) {
            this.perWindow = perWindow;
        }

        synchronized boolean tryTake() {
            long now = System.nanoTime();
            if (now - windowStart >= 100_000_000L) {
                windowStart = now;
                used = 0;
            }
            if (used < perWindow) {
                used++;
                return true;
            }
            return false;
        }
    }

    /** A fake SMS gateway: answers {"messageId"}; with a rate, a token bucket and 429 + Retry-After beyond it. */
    static final class Gateway implements AutoCloseable {
        final HttpServer server;
        final ExecutorService executor = Executors.newFixedThreadPool(8);
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong throttled = new AtomicLong();
        final Map<String, Integer> references = new ConcurrentHashMap<>();
        volatile Window limit;

        Gateway() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
            server.setExecutor(executor);
            server.createContext("/sms/send", exchange -> {
                try (exchange; InputStream in = exchange.getRequestBody()) {
                    byte[] body = in.readAllBytes();
                    Window window = limit;
                    if (window != null && !window.tryTake()) {
                        throttled.incrementAndGet();
                        exchange.getResponseHeaders().add("Retry-After", "1");
                        exchange.sendResponseHeaders(429, -1);
                        return;
                    }
                    String text = new String(body, StandardCharsets.UTF_8);
                    int at = text.indexOf("\"reference\":\"");
                    if (at >= 0) {
                        String ref = text.substring(at + 13, text.indexOf('"', at + 13));
                        references.merge(ref, 1, Integer::sum);
                    }
                    byte[] answer = ("{\"messageId\":\"m" + accepted.incrementAndGet() + "\"}").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms/send";
        }

        void reset(Integer rate) {
            accepted.set(0);
            throttled.set(0);
            references.clear();
            limit = rate == null ? null : new Window(Math.max(1, rate / 10));
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private static void dispatch(HikariDataSource dataSource, JdbcClient jdbc, TransactionTemplate transactions, DeliveryQueue queue)
            throws Exception {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        JsonMapper json = JsonMapper.builder().build();
        DeliveryTasks tasks = new DeliveryTasks(jdbc, new JdbcTemplate(dataSource), transactions);
        CampaignBook campaigns = new CampaignBook(jdbc, messages);
        try (Gateway gateway = new Gateway()) {
            for (boolean limited : new boolean[] {false, true}) {
                int n = limited ? LIMITED_MESSAGES : MESSAGES;
                String phase = limited ? "limited" : "unlimited";
                // warm-up of both paths
                gateway.reset(null);
                bareLoop(gateway.url(), json, 2_000);
                runDispatcher(gateway, jdbc, transactions, queue, tasks, campaigns, json, 2_000, "warmup-" + phase, 1_000_000);

                gateway.reset(limited ? GATEWAY_RATE : null);
                double bare = bareLoop(gateway.url(), json, n);
                long bareThrottled = gateway.throttled.get();
                long bareAccepted = gateway.accepted.get();
                gateway.reset(limited ? GATEWAY_RATE : null);
                double dispatched = runDispatcher(gateway, jdbc, transactions, queue, tasks, campaigns, json, n, phase,
                        limited ? (int) (GATEWAY_RATE * RATE_SHARE) : 1_000_000);
                long duplicates = gateway.references.values().stream().filter(c -> c > 1).count();
                System.out.printf("dispatch_%s_messages: %d messages%n", phase, n);
                System.out.printf("dispatch_%s_bare_loop_rate: %.0f messages/s (%d accepted, %d answered 429)%n", phase, n / bare,
                        bareAccepted, bareThrottled);
                System.out.printf("dispatch_%s_dispatcher_rate: %.0f messages/s (%d accepted, %d answered 429, %d sent twice)%n", phase,
                        n / dispatched, gateway.accepted.get(), gateway.throttled.get(), duplicates);
                System.out.printf("dispatch_%s_ratio: %.2f (dispatcher / bare loop)%n", phase, bare / dispatched);
                if (limited) {
                    System.out.printf("dispatch_limited_gateway_limit: %d messages/s (dispatcher's SMS rate %d/s)%n", GATEWAY_RATE,
                            (int) (GATEWAY_RATE * RATE_SHARE));
                    System.out.printf("dispatch_limited_share_of_gateway_limit: %.2f%n", n / dispatched / GATEWAY_RATE);
                }
            }
        }
    }

    /** Seconds for THREADS threads to get {@code n} messages accepted, waiting out each 429's Retry-After. */
    static double bareLoop(String url, JsonMapper json, int n) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            pool.execute(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        byte[] body = json.writeValueAsBytes(Map.of("mobile", String.format("13%09d", i),
                                "text", "【应急管理】暴雨红色预警：预计未来3小时有特大暴雨，请立即转移。", "reference", "bare-" + i));
                        while (true) {
                            HttpResponse<String> response;
                            try {
                                response = client.send(HttpRequest.newBuilder(URI.create(url))
                                        .header("Content-Type", "application/json; charset=utf-8").header("X-Api-Key", "bench")
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                            } catch (IOException closedUnderUs) {
                                continue; // a pooled connection the gateway had closed: send again, as any client would
                            }
                            if (response.statusCode() != 429) {
                                break;
                            }
                            Thread.sleep(HttpPost.retryAfter(response.headers().firstValue("Retry-After").orElse(null)).toMillis());
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return seconds;
    }

    /** Seconds from starting the dispatcher to every one of {@code n} queued SMS tasks recorded SENT. */
    static double runDispatcher(Gateway gateway, JdbcClient jdbc, TransactionTemplate transactions, DeliveryQueue queue,
                                DeliveryTasks tasks, CampaignBook campaigns, JsonMapper json, int n, String name, int smsRate) {
        List<Target> targets = targets(n);
        long id = transactions.execute(status -> queue.enqueue(Campaign.text("bench:dispatch:" + name, RegionCode.of("330106"),
                "暴雨红色预警", "预计未来3小时有特大暴雨，请立即转移。", List.of(Channel.SMS)), targets));
        SmsChannel sms = new SmsChannel(new NotificationSettings.Sms(gateway.url(), "X-Api-Key", "bench", "", "【应急管理】",
                new NotificationSettings.Limit(smsRate, Math.max(1, smsRate / 50)), Duration.ofSeconds(10)), new HttpPost(HttpPost.newClient()), json);
        Dispatcher dispatcher = new Dispatcher(tasks, campaigns, List.of(sms),
                Map.of(Channel.SMS, new TokenBucket(smsRate, Math.max(1, smsRate / 50))),
                new NotificationSettings.Dispatch(true, 500, THREADS, Duration.ofMillis(20), Duration.ofMinutes(2), 4,
                        Duration.ofSeconds(10), Duration.ofMinutes(5)),
                new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5)), Clock.systemUTC(), "https://yingji.example/ack/", "bench");
        long start = System.nanoTime();
        dispatcher.start();
        try {
            while (jdbc.sql("select count(*) from delivery_task where campaign_id = :c and status = 'SENT'").param("c", id)
                    .query(Long.class).single() < n) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        dispatcher.stop();
        return seconds;
    }

    // ---------------------------------------------------------------- database

    static void recreateDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", ""); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + DATABASE + " with (force)");
            s.execute("create database " + DATABASE);
        }
    }

    /** The server's migrations of the delivery tables, in order (the inbox's own table needs app_user: left out). */
    static final List<String> MIGRATIONS = List.of("V2026_11_23_0910__notification_delivery_queue.sql",
            "V2026_11_23_1200__notification_campaign_closed.sql");

    /** The delivery tables exactly as the server's migrations create them. */
    static void createTables(HikariDataSource dataSource) throws Exception {
        StringBuilder all = new StringBuilder();
        for (String migration : MIGRATIONS) {
            try (InputStream in = DeliveryBenchmark.class.getResourceAsStream("/db/migration/notification/" + migration)) {
                if (in == null) {
                    throw new IllegalStateException("Migration " + migration + " is not in server/target/yingji.jar.original: renamed? build the server first");
                }
                all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append(";\n");
            }
        }
        String sql = all.toString();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank() && !statement.contains("alter table notification")) {
                    s.execute(statement);
                }
            }
        }
    }

    static void truncate(HikariDataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("truncate delivery_campaign, delivery_target, delivery_task");
            s.execute("checkpoint");
        }
    }
}
