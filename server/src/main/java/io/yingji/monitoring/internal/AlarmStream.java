package io.yingji.monitoring.internal;

import io.yingji.access.DataScope;
import io.yingji.shared.Industry;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live alarm stream (Server-Sent Events). Each subscriber gets only the alarms its data scope
 * covers. Changes made on this instance go out here and, through the MQTT bridge when connected, to
 * the other instances, which push them to their own subscribers.
 */
@Component
class AlarmStream {

    static final Duration TIMEOUT = Duration.ofMinutes(30);

    private record Subscriber(SseEmitter emitter, DataScope scope) {
    }

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private volatile Consumer<AlarmView> toOtherInstances = view -> { };

    SseEmitter subscribe(DataScope scope) {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        Subscriber subscriber = new Subscriber(emitter, scope);
        subscribers.add(subscriber);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        send(subscriber, SseEmitter.event().comment("connected").reconnectTime(3000));
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

    /** An alarm changed here or, through the bridge, on another instance. */
    void deliverLocally(AlarmView view) {
        Industry industry = view.industry() == null ? null : Industry.valueOf(view.industry());
        for (Subscriber subscriber : subscribers) {
            if (subscriber.scope().covers(view.regionCode(), industry, view.enterpriseId())) {
                send(subscriber, SseEmitter.event().name("alarm").id(view.id() + ":" + view.version())
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
            synchronized (subscriber.emitter()) {
                subscriber.emitter().complete();
            }
        }
        subscribers.clear();
    }

    /** A comment line now and then keeps proxies from closing an idle stream. */
    @Scheduled(fixedDelay = 20_000)
    void keepAlive() {
        for (Subscriber subscriber : subscribers) {
            send(subscriber, SseEmitter.event().comment("keep-alive"));
        }
    }

    private void send(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
        synchronized (subscriber.emitter()) {
            try {
                subscriber.emitter().send(event);
            } catch (IOException | IllegalStateException gone) {
                subscribers.remove(subscriber);
            }
        }
    }
}
