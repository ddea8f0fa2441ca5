package io.yingji.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yingji.monitoring.DeviceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The alarm rules' own threads: every stored reading evaluated once, each device's in order, failures retried. */
@Timeout(30)
class AlarmEvaluationTests {

    /** Records what it is asked to evaluate, per device; fails the first {@code failures} calls. */
    static final class Recording extends AlarmEngine {
        final Map<Long, List<Instant>> seen = new ConcurrentHashMap<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final AtomicInteger failures;

        Recording(int failures) {
            super(null, null, null);
            this.failures = new AtomicInteger(failures);
        }

        @Override
        void evaluate(List<Evaluated> readings) {
            if (failures.getAndDecrement() > 0) {
                throw new org.springframework.dao.TransientDataAccessResourceException("the database refused for a moment");
            }
            threads.add(Thread.currentThread().getName());
            for (Evaluated reading : readings) {
                seen.computeIfAbsent(reading.device().id(), d -> new CopyOnWriteArrayList<>()).add(reading.ts());
            }
        }
    }

    private static Device device(long id) {
        return new Device(id, "GAS-" + id, "可燃气体探测器 " + id, DeviceType.COMBUSTIBLE_GAS, "330105001", null, null, 30, true, List.of());
    }

    private static int total(Recording engine) {
        return engine.seen.values().stream().mapToInt(List::size).sum();
    }

    @Test
    void everyReadingIsEvaluatedOnceAndEachDevicesInOrderAcrossTheLanes() throws InterruptedException {
        Recording engine = new Recording(0);
        AlarmEvaluation evaluation = new AlarmEvaluation(engine, new SimpleMeterRegistry(), 4);
        evaluation.start();
        Instant t0 = Instant.parse("2026-12-06T02:00:00Z");
        try {
            for (int batch = 0; batch < 50; batch++) {
                List<AlarmEngine.Evaluated> readings = new ArrayList<>();
                for (long d = 1; d <= 40; d++) {
                    readings.add(new AlarmEngine.Evaluated(device(d), "lel", t0.plusSeconds(batch), batch));
                }
                evaluation.submit(readings);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (total(engine) < 2000 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            evaluation.stop();
        }
        assertThat(total(engine)).isEqualTo(2000);
        for (long d = 1; d <= 40; d++) {
            assertThat(engine.seen.get(d)).as("device %d", d).isSorted().hasSize(50).doesNotHaveDuplicates();
        }
        assertThat(engine.threads.stream().distinct().count()).as("the lanes that worked").isEqualTo(4);
        assertThat(evaluation.waiting()).isZero();
    }

    @Test
    void aBatchWhoseEvaluationFailsIsEvaluatedAgainUntilItSucceeds() throws InterruptedException {
        Recording engine = new Recording(3);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AlarmEvaluation evaluation = new AlarmEvaluation(engine, meters, 1);
        evaluation.start();
        try {
            evaluation.submit(List.of(new AlarmEngine.Evaluated(device(7), "lel", Instant.parse("2026-12-06T02:00:00Z"), 31)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (total(engine) < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            evaluation.stop();
        }
        assertThat(engine.seen.get(7L)).hasSize(1);
        assertThat(meters.get("yingji.alarm.evaluation.failed").counter().count()).isEqualTo(3);
    }

    @Test
    void stoppingEvaluatesWhatIsQueuedFirst() throws InterruptedException {
        Recording engine = new Recording(0);
        AlarmEvaluation evaluation = new AlarmEvaluation(engine, new SimpleMeterRegistry(), 2);
        evaluation.start();
        for (long d = 1; d <= 20; d++) {
            evaluation.submit(List.of(new AlarmEngine.Evaluated(device(d), "lel", Instant.parse("2026-12-06T02:00:00Z"), 1)));
        }
        evaluation.stop();
        assertThat(total(engine)).isEqualTo(20);
        assertThat(evaluation.isRunning()).isFalse();
    }
}
