package io.yingji.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.access.DataScope;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The live alarm stream: scope per subscriber, and a slow browser holding up neither publishing nor others. */
@org.junit.jupiter.api.Timeout(20)
class AlarmStreamTests {

    private final AlarmStream stream = new AlarmStream();
    private final CountDownLatch unblock = new CountDownLatch(1);

    @AfterEach
    void close() {
        unblock.countDown();
        stream.closeAll();
    }

    /** Records the alarm events it is sent; blocks each send until released when {@code slow}. */
    private final class Watched extends SseEmitter {
        final List<String> events = new CopyOnWriteArrayList<>();
        final AtomicBoolean completed = new AtomicBoolean();
        final boolean slow;

        Watched(boolean slow) {
            super(0L);
            this.slow = slow;
        }

        @Override
        public void send(SseEventBuilder builder) {
            if (slow) {
                try {
                    unblock.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            StringBuilder text = new StringBuilder();
            builder.build().forEach(part -> text.append(part.getData() instanceof String string ? string : "<data>"));
            if (text.indexOf("event:alarm") >= 0) {
                events.add(text.toString());
            }
        }

        @Override
        public synchronized void complete() {
            completed.set(true);
        }
    }

    private static AlarmView alarm(long id, String regionCode) {
        return alarm(id, regionCode, null, null);
    }

    private static AlarmView alarm(long id, String regionCode, @org.jspecify.annotations.Nullable String industry,
                                   @org.jspecify.annotations.Nullable Long enterpriseId) {
        Instant at = Instant.parse("2026-12-06T02:00:00Z");
        return new AlarmView(id, 7, "GAS-1", "2号罐区可燃气体探测器", "COMBUSTIBLE_GAS", "lel", "ABOVE", 1, "RAISED", regionCode,
                "米市巷街道", industry, enterpriseId, null, 25.0, 31.0, 31.0, 31.0, at, at, null, null, null, null, null, null, null, 0,
                120.16, 30.29, 1);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 5 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void aSlowSubscriberHoldsUpNeitherPublishingNorTheOthers() throws InterruptedException {
        Watched slow = new Watched(true);
        Watched fast = new Watched(false);
        stream.subscribe(new DataScope("330105", java.util.Set.of(), null), slow);
        stream.subscribe(new DataScope("330105", java.util.Set.of(), null), fast);

        long started = System.nanoTime();
        for (int i = 1; i <= 100; i++) {
            stream.publish(alarm(i, "330105001"));
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("publishing waited for nobody").isLessThan(1000);
        await(() -> fast.events.size() == 100);
        assertThat(fast.events.get(0)).contains("id:1:1");
        assertThat(fast.events.get(99)).contains("id:100:1");
        assertThat(slow.events).isEmpty();

        // released, the slow one gets everything, in order
        unblock.countDown();
        await(() -> slow.events.size() == 100);
        assertThat(slow.events).isEqualTo(fast.events);
    }

    @Test
    void aSubscriberTooFarBehindIsLetGoAndTheOthersGoOn() throws InterruptedException {
        Watched slow = new Watched(true);
        Watched fast = new Watched(false);
        stream.subscribe(DataScope.SYSTEM, slow);
        stream.subscribe(DataScope.SYSTEM, fast);
        int total = AlarmStream.MAX_PENDING + 50;
        for (int i = 1; i <= total; i++) {
            stream.publish(alarm(i, "330106002"));
        }
        await(() -> fast.events.size() == total);
        assertThat(stream.subscribers()).isEqualTo(1);
        unblock.countDown();
        await(slow.completed::get);
        assertThat(slow.events.size()).isLessThan(total);
    }

    @Test
    void eachSubscriberGetsOnlyTheAlarmsOfItsScope() throws InterruptedException {
        Watched gongshu = new Watched(false);
        Watched xihu = new Watched(false);
        stream.subscribe(new DataScope("330105", java.util.Set.of(), null), gongshu);
        stream.subscribe(new DataScope("330106", java.util.Set.of(), null), xihu);
        stream.publish(alarm(1, "330105001"));
        stream.publish(alarm(2, "330106002"));
        await(() -> gongshu.events.size() == 1 && xihu.events.size() == 1);
        assertThat(gongshu.events.get(0)).contains("id:1:1");
        assertThat(xihu.events.get(0)).contains("id:2:1");
    }

    /** An industry department reads no alarm without industry (GET /api/alarms/{id} answers 404): the stream sends it none either. */
    @Test
    void anIndustryDepartmentIsSentOnlyAlarmsOfItsIndustriesNeverOnesWithoutIndustry() throws InterruptedException {
        Watched construction = new Watched(false);
        Watched bureau = new Watched(false);
        Watched enterprise = new Watched(false);
        stream.subscribe(new DataScope("330105", java.util.Set.of(io.yingji.shared.Industry.CONSTRUCTION), null), construction);
        stream.subscribe(new DataScope("330105", java.util.Set.of(), null), bureau);
        stream.subscribe(new DataScope("330105005", java.util.Set.of(), 42L), enterprise);
        stream.publish(alarm(1, "330105005", null, null));
        stream.publish(alarm(2, "330105005", "CHEMICAL", 42L));
        stream.publish(alarm(3, "330105005", "CONSTRUCTION", 43L));
        stream.publish(alarm(4, "330105005", "CONSTRUCTION", null));
        await(() -> bureau.events.size() == 4 && enterprise.events.size() == 1 && construction.events.size() == 2);
        assertThat(construction.events).hasSize(2);
        assertThat(construction.events.get(0)).contains("id:3:1");
        assertThat(construction.events.get(1)).contains("id:4:1");
        assertThat(enterprise.events.get(0)).contains("id:2:1");
    }
}
