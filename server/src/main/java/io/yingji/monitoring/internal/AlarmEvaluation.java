package io.yingji.monitoring.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs stored readings through the alarm rules, apart from storing them. Readings are stored and
 * committed first; what the rules then do (an alarm raised in its own transaction, its inbox notices,
 * the live stream) may fail on its own — the database refusing for a moment — without the readings
 * being sent again: a resent batch would come back as duplicates, which are never evaluated, and the
 * alarm would be lost. So a batch whose evaluation fails is kept and evaluated again, with a growing
 * pause, until it succeeds; evaluating a reading twice changes nothing (the engine moves a rule's state
 * only after its alarm write has committed, and one open alarm per device, metric and rule is joined,
 * not duplicated).
 *
 * <p>The MQTT writer hands its batches to this component's own threads ({@link #submit}) and acknowledges
 * them as soon as they are stored, so alarm work never holds up ingest; when they are far behind,
 * {@code submit} waits, which slows acknowledgements and lets the broker hold the rest. The work is spread
 * over {@code lanes} threads by device (a device always in the same lane, so its readings are evaluated in
 * order): an alarm write is a transaction that waits mostly for its commit, and several lanes commit
 * together, which a burst of alarms — a whole area's sensors at once — needs. HTTP requests
 * evaluate on their own thread ({@link #evaluateNow}) so that a sender sees the alarm its reading raised
 * as soon as the request returns.
 */
@Component
class AlarmEvaluation implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlarmEvaluation.class);
    /** Tells the thread to end once what is ahead of it is evaluated (compared by identity). */
    private static final List<AlarmEngine.Evaluated> STOP = new java.util.ArrayList<>(0);

    private final AlarmEngine engine;
    private final List<BlockingQueue<List<AlarmEngine.Evaluated>>> lanes;
    private final Counter failures;
    private volatile boolean running;
    private volatile List<Thread> threads = List.of();

    AlarmEvaluation(AlarmEngine engine, MeterRegistry meters,
                    @org.springframework.beans.factory.annotation.Value("${yingji.monitoring.alarm-lanes:4}") int lanes) {
        this.engine = engine;
        List<BlockingQueue<List<AlarmEngine.Evaluated>>> queues = new java.util.ArrayList<>();
        for (int i = 0; i < Math.max(1, lanes); i++) {
            queues.add(new ArrayBlockingQueue<>(64));
        }
        this.lanes = List.copyOf(queues);
        this.failures = Counter.builder("yingji.alarm.evaluation.failed")
                .description("evaluations of a stored batch that failed and were retried").register(meters);
        Gauge.builder("yingji.alarm.evaluation.queued", this, AlarmEvaluation::waiting)
                .description("stored batches waiting for the alarm rules").register(meters);
    }

    /**
     * Evaluates on the caller's thread. If that fails, the batch is handed to the background retry and
     * this returns normally: the readings are stored, and their alarms follow as soon as the database
     * takes them.
     */
    void evaluateNow(List<AlarmEngine.Evaluated> readings) {
        if (readings.isEmpty()) {
            return;
        }
        try {
            engine.evaluate(readings);
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("Evaluating {} stored readings failed ({}); evaluating them again in the background", readings.size(), e.toString());
            try {
                submit(readings);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                log.error("Interrupted: the alarm rules of {} stored readings were not evaluated", readings.size());
            }
        }
    }

    /**
     * Queues stored readings for the evaluator threads, each device's to its lane in the order given;
     * waits while a lane has 64 batches waiting.
     */
    void submit(List<AlarmEngine.Evaluated> readings) throws InterruptedException {
        if (readings.isEmpty()) {
            return;
        }
        int n = lanes.size();
        if (n == 1) {
            lanes.get(0).put(readings);
            return;
        }
        List<List<AlarmEngine.Evaluated>> parts = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            parts.add(new java.util.ArrayList<>(readings.size() / n + 8));
        }
        for (AlarmEngine.Evaluated reading : readings) {
            parts.get(lane(reading.device().id(), n)).add(reading);
        }
        for (int i = 0; i < n; i++) {
            if (!parts.get(i).isEmpty()) {
                lanes.get(i).put(parts.get(i));
            }
        }
    }

    static int lane(long deviceId, int lanes) {
        return Math.floorMod(Long.hashCode(deviceId * 0x9E3779B97F4A7C15L), lanes);
    }

    /** Batches waiting in all lanes (tests and the health of the pipeline). */
    int waiting() {
        int waiting = 0;
        for (BlockingQueue<List<AlarmEngine.Evaluated>> lane : lanes) {
            waiting += lane.size();
        }
        return waiting;
    }

    private void loop(BlockingQueue<List<AlarmEngine.Evaluated>> queue) {
        while (true) {
            List<AlarmEngine.Evaluated> batch;
            try {
                batch = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (batch == STOP) {
                return;
            }
            if (batch != null) {
                evaluateUntilDone(batch);
            }
        }
    }

    private void evaluateUntilDone(List<AlarmEngine.Evaluated> batch) {
        long delay = 100;
        for (int attempt = 1; ; attempt++) {
            try {
                engine.evaluate(batch);
                if (attempt > 1) {
                    log.info("Evaluated {} stored readings at attempt {}", batch.size(), attempt);
                }
                return;
            } catch (RuntimeException e) {
                failures.increment();
                if (!running && attempt >= 3) {
                    // stopping: the alarm work of these readings is not done; say so rather than hang the stop
                    log.error("Stopping with {} stored readings whose alarm rules could not be evaluated ({})", batch.size(), e.toString());
                    return;
                }
                log.warn("Evaluating {} stored readings failed ({}); again in {} ms", batch.size(), e.toString(), delay);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                delay = Math.min(delay * 2, 10_000);
            }
        }
    }

    @Override
    public void start() {
        running = true;
        List<Thread> started = new java.util.ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            BlockingQueue<List<AlarmEngine.Evaluated>> queue = lanes.get(i);
            Thread thread = new Thread(() -> loop(queue), "alarm-evaluation-" + i);
            thread.setDaemon(true);
            thread.start();
            started.add(thread);
        }
        threads = List.copyOf(started);
    }

    /** Evaluates what is queued, then ends; runs after the MQTT side has stopped handing batches over. */
    @Override
    public void stop() {
        running = false;
        List<Thread> stopping = threads;
        try {
            for (BlockingQueue<List<AlarmEngine.Evaluated>> lane : lanes) {
                lane.put(STOP);
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            for (Thread t : stopping) {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads = List.of();
    }

    @Override
    public boolean isRunning() {
        return !threads.isEmpty();
    }

    @Override
    public int getPhase() {
        // stops after MqttTelemetry (which stops first, at a higher phase) and before the web server and the pool
        return Integer.MAX_VALUE - 2000;
    }
}
