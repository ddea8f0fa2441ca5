package io.yingji.monitoring.internal;

import io.yingji.access.DataScope;
import io.yingji.shared.Industry;
import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live alarm stream (Server-Sent Events). Each subscriber gets only the alarms its data scope
 * covers. Changes made on this instance go out here and, through the MQTT bridge when connected, to
 * the other instances, which push them to their own subscribers.
 *
 * <p>Publishing never waits for a browser: each subscriber has its own queue of events, written to its
 * connection by a small pool of sender threads, one subscriber at a time and in order. A subscriber
 * whose connection takes so long that {@value #MAX_PENDING} events pile up is let go (its stream ends);
 * the board reconnects and reloads the open alarms from the API, so it misses nothing it shows.
 */
@Component
class AlarmStream {

    static final Duration TIMEOUT = Duration.ofMinutes(30);
    static final int MAX_PENDING = 1000;

    private static final Logger log = LoggerFactory.getLogger(AlarmStream.class);

    private static final class Subscriber {
        final SseEmitter emitter;
        final DataScope scope;
        final Queue<SseEmitter.SseEventBuilder> pending = new ConcurrentLinkedQueue<>();
        final AtomicInteger size = new AtomicInteger();
        final AtomicBoolean draining = new AtomicBoolean();
        volatile boolean gone;

        Subscriber(SseEmitter emitter, DataScope scope) {
            this.emitter = emitter;
            this.scope = scope;
        }
    }

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ExecutorService senders = Executors.newFixedThreadPool(4, work -> {
        Thread thread = new Thread(work, "alarm-stream");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Consumer<AlarmView> toOtherInstances = view -> { };

    SseEmitter subscribe(DataScope scope) {
        return subscribe(scope, new SseEmitter(TIMEOUT.toMillis()));
    }

    /** Streams to the given emitter (tests hand in their own to watch what it is sent). */
    SseEmitter subscribe(DataScope scope, SseEmitter emitter) {
        Subscriber subscriber = new Subscriber(emitter, scope);
        subscribers.add(subscriber);
        emitter.onCompletion(() -> forget(subscriber));
        emitter.onTimeout(() -> forget(subscriber));
        emitter.onError(e -> forget(subscriber));
        enqueue(subscriber, SseEmitter.event().comment("connected").reconnectTime(3000));
        return emitter;
    }

    int subscribers() {
        return subscribers.size();
    }

    void bridgeTo(Consumer<AlarmView> otherInstances) {
        this.toOtherInstances = otherInstances;
    }

    /** An alarm changed on this instance. */
    void publish(AlarmView view) {
        deliverLocally(view);
        toOtherInstances.accept(view);
    }

    /** An alarm changed here or, through the bridge, on another instance: queued for each subscriber it concerns. */
    void deliverLocally(AlarmView view) {
        Industry industry = view.industry() == null ? null : Industry.valueOf(view.industry());
        for (Subscriber subscriber : subscribers) {
            if (subscriber.scope.covers(view.regionCode(), industry, view.enterpriseId())) {
                enqueue(subscriber, SseEmitter.event().name("alarm").id(view.id() + ":" + view.version())
                        .data(view, MediaType.APPLICATION_JSON));
            }
        }
    }

    /**
     * Ends every stream when the application shuts down (before the web server's graceful shutdown,
     * which would otherwise wait for these never-ending responses); browsers reconnect to another instance.
     */
    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    void closeAll() {
        for (Subscriber subscriber : subscribers) {
            subscriber.gone = true;
            synchronized (subscriber.emitter) {
                subscriber.emitter.complete();
            }
        }
        subscribers.clear();
        senders.shutdown();
    }

    /** A comment line now and then keeps proxies from closing an idle stream. */
    @Scheduled(fixedDelay = 20_000)
    void keepAlive() {
        for (Subscriber subscriber : subscribers) {
            enqueue(subscriber, SseEmitter.event().comment("keep-alive"));
        }
    }

    private void enqueue(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
        if (subscriber.gone) {
            return;
        }
        if (subscriber.size.incrementAndGet() > MAX_PENDING) {
            log.info("Alarm stream subscriber {} events behind: let go, it reconnects and reloads", MAX_PENDING);
            forget(subscriber);
            senders.execute(() -> {
                synchronized (subscriber.emitter) {
                    subscriber.emitter.complete();
                }
            });
            return;
        }
        subscriber.pending.add(event);
        if (subscriber.draining.compareAndSet(false, true)) {
            try {
                senders.execute(() -> drain(subscriber));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                subscriber.draining.set(false);
            }
        }
    }

    /** Writes a subscriber's queued events in order; only one sender thread drains a subscriber at a time. */
    private void drain(Subscriber subscriber) {
        do {
            SseEmitter.SseEventBuilder event;
            while ((event = subscriber.pending.poll()) != null) {
                subscriber.size.decrementAndGet();
                if (!subscriber.gone) {
                    send(subscriber, event);
                }
            }
            subscriber.draining.set(false);
            // an event queued after the last poll and before the flag was cleared: take it too
        } while (!subscriber.pending.isEmpty() && subscriber.draining.compareAndSet(false, true));
    }

    private void forget(Subscriber subscriber) {
        subscriber.gone = true;
        subscribers.remove(subscriber);
    }

    private void send(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
        synchronized (subscriber.emitter) {
            try {
                subscriber.emitter.send(event);
            } catch (IOException | IllegalStateException gone) {
                forget(subscriber);
            }
        }
    }
}
