package io.yingji.notification.internal;

import io.yingji.access.CallerContext;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The caller's new notices, live (Server-Sent Events, event {@code notice}). Each instance looks in
 * the inbox table for its subscribers' new rows every {@code yingji.notification.stream-poll}, so a
 * notice stored by any instance (a dispatcher elsewhere, a reminder job) reaches every open page.
 */
@RestController
class NoticeStream {

    private static final long TIMEOUT_MILLIS = 30 * 60_000L;

    private static final class Subscriber {
        final SseEmitter emitter;
        final long userId;
        final Locale locale;
        volatile long lastId;

        Subscriber(SseEmitter emitter, long userId, Locale locale, long lastId) {
            this.emitter = emitter;
            this.userId = userId;
            this.locale = locale;
            this.lastId = lastId;
        }
    }

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final JdbcClient jdbc;
    private final CallerContext callers;
    private final MessageSource messages;

    NoticeStream(JdbcClient jdbc, CallerContext callers, MessageSource messages) {
        this.jdbc = jdbc;
        this.callers = callers;
        this.messages = messages;
    }

    @GetMapping(path = "/api/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @io.swagger.v3.oas.annotations.Operation(summary = "The caller's new notifications as they arrive (SSE, event 'notice')")
    SseEmitter stream() {
        long user = callers.require().userId();
        long last = jdbc.sql("select coalesce(max(id), 0) from notification where user_id = :user").param("user", user)
                .query(Long.class).single();
        SseEmitter emitter = new SseEmitter(TIMEOUT_MILLIS);
        Subscriber subscriber = new Subscriber(emitter, user, LocaleContextHolder.getLocale(), last);
        subscribers.add(subscriber);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        send(subscriber, SseEmitter.event().comment("connected").reconnectTime(3000));
        return emitter;
    }

    @Scheduled(fixedDelayString = "${yingji.notification.stream-poll:PT2S}")
    void poll() {
        if (subscribers.isEmpty()) {
            return;
        }
        for (Subscriber s : subscribers) {
            List<NotificationController.NotificationView> fresh = jdbc.sql(
                            "select * from notification where user_id = :user and id > :last order by id limit 100")
                    .param("user", s.userId).param("last", s.lastId)
                    .query((rs, n) -> NotificationController.view(rs, messages, s.locale)).list();
            for (NotificationController.NotificationView view : fresh) {
                if (!send(s, SseEmitter.event().name("notice").id(String.valueOf(view.id())).data(view, MediaType.APPLICATION_JSON))) {
                    break;
                }
                s.lastId = view.id();
            }
        }
    }

    /** Ends the streams on shutdown so the web server need not wait for them; browsers reconnect elsewhere. */
    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    void closeAll() {
        for (Subscriber s : subscribers) {
            synchronized (s.emitter) {
                s.emitter.complete();
            }
        }
        subscribers.clear();
    }

    @Scheduled(fixedDelay = 20_000)
    void keepAlive() {
        for (Subscriber s : subscribers) {
            send(s, SseEmitter.event().comment("keep-alive"));
        }
    }

    private boolean send(Subscriber s, SseEmitter.SseEventBuilder event) {
        synchronized (s.emitter) {
            try {
                s.emitter.send(event);
                return true;
            } catch (IOException | IllegalStateException gone) {
                subscribers.remove(s);
                return false;
            }
        }
    }
}
