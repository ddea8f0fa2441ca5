package io.yingji.notification.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem;
import io.yingji.shared.UtcTimestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own inbox. Every query is keyed by the caller's user id: another user's notification
 * answers 404, as if it did not exist.
 */
@RestController
@Tag(name = "通知 Notifications")
class NotificationController {

    record NotificationView(long id, String kind, String title, String body, String link, Instant createdAt,
                            @Nullable Instant readAt) {
    }

    record UnreadCount(long count) {
    }

    private final JdbcClient jdbc;
    private final CallerContext callers;
    private final MessageSource messages;
    private final Clock clock;

    NotificationController(JdbcClient jdbc, CallerContext callers, MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.callers = callers;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/api/notifications")
    @Operation(summary = "The caller's notifications, newest first, in the caller's language; unread=true for unread only")
    @Transactional(readOnly = true)
    PageOf<NotificationView> list(@RequestParam(defaultValue = "false") boolean unread,
                                  @RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "20") int size) {
        Caller caller = callers.require();
        PageOf.check(page, size);
        String where = " where user_id = :user" + (unread ? " and read_at is null" : "");
        long total = jdbc.sql("select count(*) from notification" + where).param("user", caller.userId())
                .query(Long.class).single();
        Locale locale = LocaleContextHolder.getLocale();
        var rows = jdbc.sql("select * from notification" + where + " order by id desc limit :size offset :offset")
                .param("user", caller.userId()).param("size", size).param("offset", (long) page * size)
                .query((rs, n) -> view(rs, messages, locale)).list();
        return PageOf.of(rows, page, size, total);
    }

    /** A notification row rendered in {@code locale}; arguments starting with # are message keys themselves. */
    static NotificationView view(java.sql.ResultSet rs, MessageSource messages, Locale locale) throws java.sql.SQLException {
        Object[] args = InboxStore.args(rs.getString("args")).stream()
                .map(arg -> arg.startsWith("#") ? messages.getMessage(arg.substring(1), null, arg.substring(1), locale) : arg)
                .toArray();
        return new NotificationView(rs.getLong("id"), rs.getString("kind"),
                messages.getMessage(rs.getString("title_key"), args, rs.getString("title_key"), locale),
                messages.getMessage(rs.getString("body_key"), args, rs.getString("body_key"), locale),
                rs.getString("link"), UtcTimestamps.read(rs, "created_at"), UtcTimestamps.read(rs, "read_at"));
    }

    @GetMapping("/api/notifications/unread-count")
    @Operation(summary = "How many of the caller's notifications are unread (for the bell in the header)")
    UnreadCount unread() {
        Caller caller = callers.require();
        return new UnreadCount(jdbc.sql("select count(*) from notification where user_id = :user and read_at is null")
                .param("user", caller.userId()).query(Long.class).single());
    }

    @PostMapping("/api/notifications/{id}/read")
    @Operation(summary = "Mark one of the caller's notifications read (404 for anyone else's)")
    @Transactional
    ResponseEntity<Void> read(@PathVariable long id) {
        Caller caller = callers.require();
        int found = jdbc.sql("update notification set read_at = coalesce(read_at, :now) where id = :id and user_id = :user")
                .param("now", UtcTimestamps.of(clock.instant())).param("id", id).param("user", caller.userId()).update();
        if (found == 0) {
            throw Problem.notFound("notification", id);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/notifications/read-all")
    @Operation(summary = "Mark all of the caller's notifications read")
    @Transactional
    ResponseEntity<Void> readAll() {
        Caller caller = callers.require();
        jdbc.sql("update notification set read_at = :now where user_id = :user and read_at is null")
                .param("now", UtcTimestamps.of(clock.instant())).param("user", caller.userId()).update();
        return ResponseEntity.noContent().build();
    }
}
