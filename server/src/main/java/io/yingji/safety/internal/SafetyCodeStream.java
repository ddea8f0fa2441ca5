package io.yingji.safety.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.enterprise.Enterprise;
import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.safety.SafetyCode;
import io.yingji.shared.Problem;
import io.yingji.shared.UtcTimestamps;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * An enterprise's safety code, live (Server-Sent Events, event {@code safety-code}): the current code
 * when the stream opens, then the code each time it is computed again — after a risk assessment, a
 * hazard step or an alarm change of the enterprise, the events {@link SafetyCodes} listens to.
 *
 * <p>Like the notice stream, each instance looks at the stored codes of its subscribers' enterprises
 * every {@code yingji.safety.stream-poll}: the code is stored by whichever instance handled the event,
 * so reading the table is what makes a change made anywhere reach every open page, with or without the
 * MQTT bridge. A stored code whose computation time moved is sent, even when the colour stayed (its
 * reasons may have changed).
 */
@RestController
@Tag(name = "安全码 Safety code")
class SafetyCodeStream {

    private static final long TIMEOUT_MILLIS = 30 * 60_000L;

    private static final class Subscriber {
        final SseEmitter emitter;
        final long enterpriseId;
        final Locale locale;
        volatile @Nullable Instant last;

        Subscriber(SseEmitter emitter, long enterpriseId, Locale locale, @Nullable Instant last) {
            this.emitter = emitter;
            this.enterpriseId = enterpriseId;
            this.locale = locale;
            this.last = last;
        }
    }

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final SafetyCodes codes;
    private final EnterpriseRegistry enterprises;
    private final CallerContext callers;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final MessageSource messages;

    SafetyCodeStream(SafetyCodes codes, EnterpriseRegistry enterprises, CallerContext callers, JdbcClient jdbc, JsonMapper json,
                     MessageSource messages) {
        this.codes = codes;
        this.enterprises = enterprises;
        this.callers = callers;
        this.jdbc = jdbc;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping(path = "/api/enterprises/{id}/safety-code/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "The enterprise's safety code as it changes (SSE, event 'safety-code'; the current code first); "
            + "scoped like GET /api/enterprises/{id}")
    SseEmitter stream(@PathVariable long id) {
        callers.requirePermission(Permissions.ENTERPRISE_READ);
        Enterprise enterprise = enterprises.find(id).orElseThrow(() -> Problem.notFound("enterprise", id));
        Locale locale = LocaleContextHolder.getLocale();
        SafetyCodes.Stored stored = codes.ofVisible(enterprise.id()).orElse(null);
        SseEmitter emitter = new SseEmitter(TIMEOUT_MILLIS);
        Subscriber subscriber = new Subscriber(emitter, enterprise.id(), locale, stored == null ? null : stored.computedAt());
        subscribers.add(subscriber);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        send(subscriber, SseEmitter.event().comment("connected").reconnectTime(3000));
        send(subscriber, event(subscriber, stored));
        return emitter;
    }

    int subscribers() {
        return subscribers.size();
    }

    /** Sends every subscriber its enterprise's code when it was computed again since the last one it was sent. */
    @Scheduled(fixedDelayString = "${yingji.safety.stream-poll:PT2S}")
    void poll() {
        if (subscribers.isEmpty()) {
            return;
        }
        List<Long> ids = subscribers.stream().map(s -> s.enterpriseId).distinct().toList();
        Map<Long, SafetyCodes.Stored> current = new HashMap<>();
        jdbc.sql("select enterprise_id, code, reasons, computed_at from safety_code where enterprise_id in (:ids)")
                .param("ids", ids)
                .query(rs -> {
                    current.put(rs.getLong("enterprise_id"), new SafetyCodes.Stored(rs.getLong("enterprise_id"), rs.getString("code"),
                            json.readValue(rs.getString("reasons"), new TypeReference<List<SafetyCode.Reason>>() { }),
                            UtcTimestamps.read(rs, "computed_at")));
                });
        for (Subscriber s : subscribers) {
            SafetyCodes.Stored stored = current.get(s.enterpriseId);
            if (stored != null && !Objects.equals(stored.computedAt(), s.last) && send(s, event(s, stored))) {
                s.last = stored.computedAt();
            }
        }
    }

    private SseEmitter.SseEventBuilder event(Subscriber s, SafetyCodes.@Nullable Stored stored) {
        SafetyCodeController.CodeView view = stored == null
                ? new SafetyCodeController.CodeView(s.enterpriseId, SafetyCode.Colour.GREEN.name(), List.of(), null)
                : new SafetyCodeController.CodeView(s.enterpriseId, stored.code(), stored.reasons().stream()
                        .map(r -> messages.getMessage(r.key(), new Object[] {r.count()}, r.key(), s.locale)).toList(),
                        stored.computedAt());
        SseEmitter.SseEventBuilder event = SseEmitter.event().name("safety-code").data(view, MediaType.APPLICATION_JSON);
        return stored == null ? event : event.id(s.enterpriseId + ":" + stored.computedAt().toEpochMilli());
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

    /** A comment line now and then keeps proxies from closing an idle stream. */
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
