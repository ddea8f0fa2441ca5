package io.yingji.notification.internal;

import io.yingji.notification.Channel;
import io.yingji.support.ApiTest;
import io.yingji.support.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What delivery tests share: dispatchers built against local providers (the platform's own one is
 * off in tests), a clean queue before each test and the clock put back after it.
 */
abstract class DeliveryTestSupport extends ApiTest {

    static final String WEBHOOK_SECRET = "it-webhook-secret";
    static final String REPORT_SECRET = "it-report-secret";
    private static final AtomicInteger SOURCES = new AtomicInteger();

    @Autowired
    DeliveryQueue deliveries;
    @Autowired
    DeliveryTasks tasks;
    @Autowired
    CampaignBook campaigns;
    @Autowired
    MutableClock clock;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JsonMapper json;
    @Autowired
    io.yingji.notification.Inbox inbox;

    final List<Dispatcher> dispatchers = new ArrayList<>();
    final List<AutoCloseable> servers = new ArrayList<>();

    @BeforeEach
    void cleanQueue() {
        // tasks other tests left waiting (a backoff, a moved clock) must not be sent by this test's dispatchers
        jdbc.sql("update delivery_task set status = 'CANCELLED' where status in ('QUEUED', 'SENDING')").update();
    }

    @AfterEach
    void stopAll() throws Exception {
        dispatchers.forEach(Dispatcher::stop);
        for (AutoCloseable server : servers) {
            server.close();
        }
        clock.reset();
    }

    static String source(String what) {
        return "test:" + what + ":" + System.nanoTime() % 1_000_000_000L + "-" + SOURCES.incrementAndGet();
    }

    LocalServer server(java.util.function.Function<LocalServer.Request, LocalServer.Answer> answer) throws Exception {
        LocalServer server = new LocalServer(answer);
        servers.add(server);
        return server;
    }

    HttpPost http() {
        return new HttpPost(HttpPost.newClient());
    }

    SmsChannel sms(LocalServer gateway) {
        return new SmsChannel(new NotificationSettings.Sms(gateway.url("/sms/send"), "X-Api-Key", "it-key", REPORT_SECRET, "【应急管理】",
                new NotificationSettings.Limit(1000, 100), Duration.ofSeconds(5)), http(), json);
    }

    WebhookChannel webhook() {
        return new WebhookChannel(new NotificationSettings.Webhook(WEBHOOK_SECRET, new NotificationSettings.Limit(1000, 100),
                Duration.ofSeconds(5)), http(), json, clock);
    }

    BroadcastChannel broadcast(LocalServer system) {
        return new BroadcastChannel(new NotificationSettings.Broadcast(system.url("/api/broadcasts"), "Authorization", "Bearer it-token",
                new NotificationSettings.Limit(1000, 100), Duration.ofSeconds(5)), http(), json);
    }

    InAppChannel inApp() {
        return new InAppChannel(inbox, transactions);
    }

    Dispatcher dispatcher(int maxAttempts, ChannelAdapter... adapters) {
        return dispatcher(maxAttempts, new EnumMap<>(Channel.class), adapters);
    }

    Dispatcher dispatcher(int maxAttempts, Map<Channel, TokenBucket> limits, ChannelAdapter... adapters) {
        Dispatcher dispatcher = new Dispatcher(tasks, campaigns, List.of(adapters), limits,
                new NotificationSettings.Dispatch(false, 100, 8, Duration.ofMillis(50), Duration.ofMinutes(2), maxAttempts,
                        Duration.ofSeconds(10), Duration.ofMinutes(5)),
                new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), 0, () -> 0), clock, "https://yingji.test/ack/", "it");
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    long userId(String username) {
        return api.get(username, "/api/me").body().path("id").asLong();
    }

    record TaskRow(long id, int targetNo, String channel, int round, String status, int attempts, String reference, String lastError,
                   boolean sent, boolean delivered) {
    }

    List<TaskRow> tasksOf(long campaignId) {
        return jdbc.sql("select * from delivery_task where campaign_id = :c order by target_no, id").param("c", campaignId)
                .query((rs, n) -> new TaskRow(rs.getLong("id"), rs.getInt("target_no"), rs.getString("channel"), rs.getInt("round"),
                        rs.getString("status"), rs.getInt("attempts"), rs.getString("reference"), rs.getString("last_error"),
                        rs.getObject("sent_at") != null, rs.getObject("delivered_at") != null))
                .list();
    }

    String token(long campaignId, int targetNo) {
        return campaigns.token(campaigns.find(campaignId).orElseThrow(), targetNo);
    }

    /** A delivery report as the gateway sends it, signed with the shared secret. */
    io.yingji.support.Api.Response report(String body, String secret, long epochSecond) {
        String timestamp = String.valueOf(epochSecond);
        return api.send(org.springframework.http.HttpMethod.POST, "/public/notification/sms-report", null, body,
                Map.of(Signatures.TIMESTAMP_HEADER, timestamp,
                        Signatures.SIGNATURE_HEADER, Signatures.sign(secret, timestamp, body.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    io.yingji.support.Api.Response report(String body) {
        return report(body, REPORT_SECRET, clock.instant().getEpochSecond());
    }
}
