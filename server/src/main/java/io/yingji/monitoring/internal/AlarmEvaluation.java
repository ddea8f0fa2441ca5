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
 * <p>The MQTT writer hands its batches to this component's own thread ({@link #submit}) and acknowledges
 * them as soon as they are stored, so alarm work never holds up ingest; when the thread is far behind,
 * {@code submit} waits, which slows acknowledgements and lets the broker hold the rest. HTTP requests
 * evaluate on their own thread ({@link #evaluateNow}) so that a sender sees the alarm its reading raised
 * as soon as the request returns.
 */
@Component
class AlarmEvaluation implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlarmEvaluation.class);
    /** Tells the thread to end once what is ahead of it is evaluated (compared by identity). */
    private static final List<AlarmEngine.Evaluated> STOP = new java.util.ArrayList<>(0);

    private final AlarmEngine engine;
    private final BlockingQueue<List<AlarmEngine.Evaluated>> queue = new ArrayBlockingQueue<>(64);
    private final Counter failures;
    private volatile boolean running;
    private volatile Thread thread;

    AlarmEvaluation(AlarmEngine engine, MeterRegistry meters) {
        this.engine = engine;
        this.failures = Counter.builder("yingji.alarm.evaluation.failed")
                .description("evaluations of a stored batch that failed and were retried").register(meters);
        Gauge.builder("yingji.alarm.evaluation.queued", queue, BlockingQueue::size)
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

    /** Queues stored readings for the evaluator thread; waits while 64 batches are already waiting. */
    void submit(List<AlarmEngine.Evaluated> readings) throws InterruptedException {
        if (!readings.isEmpty()) {
            queue.put(readings);
        }
    }

    /** Batches waiting (tests and the health of the pipeline). */
    int waiting() {
        return queue.size();
    }

    private void loop() {
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
        Thread started = new Thread(this::loop, "alarm-evaluation");
        started.setDaemon(true);
        started.start();
        thread = started;
    }

    /** Evaluates what is queued, then ends; runs after the MQTT side has stopped handing batches over. */
    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t == null) {
            return;
        }
        try {
            queue.put(STOP);
            t.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    @Override
    public int getPhase() {
        // stops after MqttTelemetry (which stops first, at a higher phase) and before the web server and the pool
        return Integer.MAX_VALUE - 2000;
    }
}
