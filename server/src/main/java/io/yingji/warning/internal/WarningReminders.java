package io.yingji.warning.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.audit.AuditTrail;
import io.yingji.notification.Deliveries;
import io.yingji.shared.Problem;
import io.yingji.shared.UtcTimestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * 提醒未确认人员: the staff a published warning reached who have not acknowledged it are told again now,
 * through the warning's own delivery campaign (a new round on each one's first channel, recorded with
 * the campaign's other rounds), instead of waiting for the next re-notification.
 *
 * <p>What must hold: one office reminds one warning's recipients at most once in {@link #QUIET}. The
 * claim is a conditional write on {@code warning_reminder}, so of parallel identical requests exactly
 * one reminds and the others find it done.
 */
@RestController
@Tag(name = "预警信息发布 Early warnings (CAP 1.2)")
class WarningReminders {

    static final Duration QUIET = Duration.ofMinutes(30);

    /** How many were told again; {@code alreadyReminded} when this office did so within the quiet period. */
    record Reminded(int reminded, boolean alreadyReminded, String message) {
    }

    private final WarningRepository warnings;
    private final Deliveries deliveries;
    private final CallerContext callers;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Clock clock;

    WarningReminders(WarningRepository warnings, Deliveries deliveries, CallerContext callers, AuditTrail audit, JdbcClient jdbc,
                     MessageSource messages, Clock clock) {
        this.warnings = warnings;
        this.deliveries = deliveries;
        this.callers = callers;
        this.audit = audit;
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
    }

    @PostMapping("/api/warnings/{id}/reminders")
    @Operation(summary = "Notify again, now, the recipients of a published warning in force who have not acknowledged it; "
            + "not again by the same office within 30 minutes; 409 for a warning not (or no longer) in force")
    @Transactional
    Reminded remind(@PathVariable long id) {
        Caller caller = callers.requirePermission(Permissions.WARNING_DRAFT);
        if (caller.enterpriseId() != null) {
            throw Problem.forbidden();
        }
        Warning w = warnings.findVisible(id).orElseThrow(() -> Problem.outOfScope("warning", id));
        Instant now = clock.instant();
        if (w.origin != Warning.Origin.LOCAL || !w.isActive(now)) {
            throw Problem.conflict("warning.reminder.not-active");
        }
        String office = caller.departmentId() != null ? "department:" + caller.departmentId() : "region:" + caller.region().value();
        if (!claim(id, office, now, caller.username())) {
            return new Reminded(0, true, messages.getMessage("warning.reminder.recent", new Object[] {QUIET.toMinutes()},
                    LocaleContextHolder.getLocale()));
        }
        int reminded = deliveries.renotifyUnacknowledged(WarningDispatch.staffSource(id));
        audit.record("warning.remind", "warning", String.valueOf(id), w.regionCode, Map.of("reminded", reminded));
        return new Reminded(reminded, false, messages.getMessage(reminded > 0 ? "warning.reminder.sent" : "warning.reminder.none",
                new Object[] {reminded}, LocaleContextHolder.getLocale()));
    }

    /** Takes this office's turn to remind the warning's recipients; parallel claims wait on the row and then see it taken. */
    private boolean claim(long warningId, String office, Instant now, String by) {
        int inserted = jdbc.sql("""
                insert into warning_reminder (warning_id, office, reminded_at, reminded_by)
                values (:w, :office, :at, :by) on conflict do nothing""")
                .param("w", warningId).param("office", office).param("at", UtcTimestamps.of(now)).param("by", by).update();
        if (inserted > 0) {
            return true;
        }
        return jdbc.sql("""
                update warning_reminder set reminded_at = :at, reminded_by = :by
                 where warning_id = :w and office = :office and reminded_at <= :cutoff""")
                .param("w", warningId).param("office", office).param("at", UtcTimestamps.of(now)).param("by", by)
                .param("cutoff", UtcTimestamps.of(now.minus(QUIET))).update() > 0;
    }
}
