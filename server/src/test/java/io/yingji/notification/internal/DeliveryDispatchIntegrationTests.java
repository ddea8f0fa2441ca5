package io.yingji.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.notification.Campaign;
import io.yingji.notification.Channel;
import io.yingji.notification.Target;
import io.yingji.shared.RegionCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The dispatchers: shared claims, retries with backoff, fallback, 429, leases — nothing sent twice, nothing delivered unconfirmed. */
class DeliveryDispatchIntegrationTests extends DeliveryTestSupport {

    static final RegionCode XIHU = RegionCode.of("330106");

    private List<Target> publicMobiles(int n) {
        return IntStream.range(0, n).mapToObj(i -> Target.publicMobile("居民" + i, XIHU, String.format("139%08d", i))).toList();
    }

    private String reference(LocalServer.Request request) {
        return json.readTree(request.body()).path("reference").asString();
    }

    @Test
    void twoDispatchersSharingTheDatabaseNeverSendATaskTwice() throws Exception {
        LocalServer gateway = server(request -> LocalServer.Answer.ok("{\"messageId\":\"m\"}"));
        long id = deliveries.enqueue(Campaign.text(source("two"), XIHU, "高温预警", "注意防暑。", List.of(Channel.SMS)), publicMobiles(1500));
        Dispatcher one = dispatcher(3, sms(gateway));
        Dispatcher two = dispatcher(3, sms(gateway));
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(one::drain);
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(two::drain);
        int sentByOne = a.get();
        int sentByTwo = b.get();

        assertThat(sentByOne + sentByTwo).isEqualTo(1500);
        assertThat(sentByOne).isPositive();
        assertThat(sentByTwo).isPositive();
        Map<String, Long> perReference = gateway.requests.stream().collect(Collectors.groupingBy(this::reference, Collectors.counting()));
        assertThat(perReference).hasSize(1500);
        assertThat(perReference.values()).containsOnly(1L);
        assertThat(tasksOf(id)).extracting(TaskRow::status, TaskRow::attempts).containsOnly(org.assertj.core.groups.Tuple.tuple("SENT", 1));
    }

    @Test
    void aFailingChannelIsRetriedWithBackoffAndThenFallsBackToTheNext() throws Exception {
        AtomicInteger smsCalls = new AtomicInteger();
        LocalServer gateway = server(request -> {
            smsCalls.incrementAndGet();
            return new LocalServer.Answer(503, Map.of(), "{\"error\":\"maintenance\"}");
        });
        LocalServer receiver = server(request -> LocalServer.Answer.status(200));
        long id = deliveries.enqueue(Campaign.text(source("fallback"), XIHU, "森林火险预警", "禁止野外用火。", List.of(Channel.SMS, Channel.WEBHOOK)),
                List.of(new Target(null, "护林员", XIHU, "网格员", "13900000000", null, receiver.url("/hook"), null)));
        Dispatcher dispatcher = dispatcher(3, sms(gateway), webhook());

        assertThat(dispatcher.drain()).isEqualTo(1);
        TaskRow first = tasksOf(id).get(0);
        assertThat(first).extracting(TaskRow::status, TaskRow::attempts).containsExactly("QUEUED", 1);
        assertThat(first.lastError()).startsWith("HTTP 503");
        // not due before the backoff (10 s, then 20 s)
        clock.advance(Duration.ofSeconds(9));
        assertThat(dispatcher.drain()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(dispatcher.drain()).isEqualTo(1);
        assertThat(tasksOf(id).get(0).attempts()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(19));
        assertThat(dispatcher.drain()).isZero();
        clock.advance(Duration.ofSeconds(1));
        // the third attempt fails too: the task FAILS and the webhook gets a task of its own, sent in the same drain
        assertThat(dispatcher.drain()).isEqualTo(2);
        assertThat(smsCalls.get()).isEqualTo(3);
        List<TaskRow> rows = tasksOf(id);
        assertThat(rows).extracting(TaskRow::channel, TaskRow::status, TaskRow::attempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SMS", "FAILED", 3), org.assertj.core.groups.Tuple.tuple("WEBHOOK", "DELIVERED", 1));
        assertThat(rows.get(0).lastError()).contains("已尝试 3 次");
        assertThat(rows.get(0).delivered()).isFalse();
        assertThat(receiver.requests).hasSize(1);
    }

    @Test
    void aGatewaysTooManyRequestsPausesTheChannelForItsRetryAfterWithoutCountingAsAFailure() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        LocalServer gateway = server(request -> calls.incrementAndGet() == 1
                ? new LocalServer.Answer(429, Map.of("Retry-After", "1"), "")
                : LocalServer.Answer.ok("{\"messageId\":\"ok\"}"));
        long id = deliveries.enqueue(Campaign.text(source("429"), XIHU, "大风预警", "请加固设施。", List.of(Channel.SMS)), publicMobiles(1));
        Map<Channel, TokenBucket> limits = new EnumMap<>(Channel.class);
        limits.put(Channel.SMS, new TokenBucket(100, 10));
        Dispatcher dispatcher = dispatcher(1, limits, sms(gateway));

        assertThat(dispatcher.drain()).isEqualTo(1);
        TaskRow throttled = tasksOf(id).get(0);
        // one attempt allowed, yet a 429 is no failed attempt: still queued, for after the Retry-After
        assertThat(throttled).extracting(TaskRow::status, TaskRow::attempts).containsExactly("QUEUED", 0);
        assertThat(throttled.lastError()).contains("429");
        assertThat(dispatcher.drain()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(dispatcher.drain()).isEqualTo(1);
        assertThat(tasksOf(id).get(0)).extracting(TaskRow::status, TaskRow::attempts).containsExactly("SENT", 1);
        // the channel itself was paused: the second request came no sooner than the Retry-After
        long gap = gateway.requests.get(1).nanoTime() - gateway.requests.get(0).nanoTime();
        assertThat(Duration.ofNanos(gap)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void aTaskLeftSendingByADeadDispatcherIsReclaimedAfterItsLeaseAndTheDeadOnesLateWriteIsRefused() throws Exception {
        LocalServer gateway = server(request -> LocalServer.Answer.ok("{\"messageId\":\"late\"}"));
        long id = deliveries.enqueue(Campaign.text(source("lease"), XIHU, "寒潮预警", "注意保暖。", List.of(Channel.SMS)), publicMobiles(2));
        // a dispatcher claims both and dies before sending
        List<DeliveryTasks.Claimed> dead = tasks.claim(10, clock.instant(), Duration.ofMinutes(2));
        assertThat(dead).hasSize(2);
        assertThat(tasksOf(id)).extracting(TaskRow::status).containsOnly("SENDING");
        Dispatcher alive = dispatcher(3, sms(gateway));
        assertThat(alive.drain()).isZero();
        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        assertThat(alive.drain()).isEqualTo(2);
        assertThat(tasksOf(id)).extracting(TaskRow::status, TaskRow::attempts).containsOnly(org.assertj.core.groups.Tuple.tuple("SENT", 2));
        // the dead dispatcher wakes up and writes what it thinks happened: refused, the tasks are no longer its
        List<DeliveryTasks.Result> stale = new ArrayList<>();
        for (DeliveryTasks.Claimed task : dead) {
            stale.add(new DeliveryTasks.Result(task, "DELIVERED", 0, clock.instant(), "x", null, clock.instant(), clock.instant(), null));
        }
        assertThat(tasks.record(stale, clock.instant())).isZero();
        assertThat(tasksOf(id)).noneMatch(TaskRow::delivered);
        assertThat(gateway.requests).hasSize(2);
    }

    @Test
    void theBackgroundDispatcherDrainsAQueueConcurrentlyWithinTheChannelsRateLimit() throws Exception {
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        LocalServer gateway = server(request -> {
            seen.merge(reference(request), 1, Integer::sum);
            return LocalServer.Answer.ok("{}");
        });
        long id = deliveries.enqueue(Campaign.text(source("loop"), XIHU, "暴雪预警", "减少出行。", List.of(Channel.SMS)), publicMobiles(300));
        Map<Channel, TokenBucket> limits = new EnumMap<>(Channel.class);
        limits.put(Channel.SMS, new TokenBucket(500, 50));
        Dispatcher one = dispatcher(3, limits, sms(gateway));
        long start = System.nanoTime();
        one.start();
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline
                && count("select count(*) from delivery_task where campaign_id = " + id + " and status = 'SENT'") < 300) {
            Thread.sleep(50);
        }
        long elapsed = System.nanoTime() - start;
        assertThat(count("select count(*) from delivery_task where campaign_id = " + id + " and status = 'SENT'")).isEqualTo(300);
        assertThat(seen).hasSize(300);
        assertThat(seen.values()).containsOnly(1);
        // 300 at 500/s with a burst of 50 cannot take less than 0.5 s
        assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        JsonNode any = json.readTree(gateway.requests.get(0).body());
        assertThat(any.path("text").asString()).isEqualTo("【应急管理】暴雪预警：减少出行。");
    }
}
