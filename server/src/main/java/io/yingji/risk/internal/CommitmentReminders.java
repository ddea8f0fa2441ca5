package io.yingji.risk.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.audit.AuditTrail;
import io.yingji.enterprise.Enterprise;
import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.identity.Recipients;
import io.yingji.notification.Campaign;
import io.yingji.notification.Channel;
import io.yingji.notification.Deliveries;
import io.yingji.notification.Inbox;
import io.yingji.notification.Notice;
import io.yingji.notification.Target;
import io.yingji.shared.MobileNumber;
import io.yingji.shared.Problem;
import io.yingji.shared.RegionCode;
import io.yingji.shared.UtcTimestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * 提醒未承诺企业: a supervising office reminds the enterprises in its scope that have not made today's
 * commitment (Asia/Shanghai day) — a notice in the inbox of each enterprise's accounts and, where the
 * safety manager has a mobile number, a text message through the delivery queue.
 *
 * <p>What must hold: one office reminds one enterprise at most once in {@link #QUIET}. The claim is a
 * conditional write on {@code commitment_reminder} (insert if absent, else move the time only when
 * it is older than the quiet period), so of parallel identical requests exactly one reminds each
 * enterprise and the others find it already reminded.
 */
@RestController
@Tag(name = "风险辨识评估 Risk assessment")
class CommitmentReminders {

    static final Duration QUIET = Duration.ofMinutes(30);

    /** How many were reminded now, how many not because this office reminded them within the quiet period. */
    record Reminded(int reminded, int alreadyReminded, String message) {
    }

    private final DailyCommitments commitments;
    private final EnterpriseRegistry enterprises;
    private final Recipients recipients;
    private final Inbox inbox;
    private final Deliveries deliveries;
    private final CallerContext callers;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Clock clock;

    CommitmentReminders(DailyCommitments commitments, EnterpriseRegistry enterprises, Recipients recipients, Inbox inbox,
                        Deliveries deliveries, CallerContext callers, AuditTrail audit, JdbcClient jdbc,
                        MessageSource messages, Clock clock) {
        this.commitments = commitments;
        this.enterprises = enterprises;
        this.recipients = recipients;
        this.inbox = inbox;
        this.deliveries = deliveries;
        this.callers = callers;
        this.audit = audit;
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
    }

    @PostMapping("/api/commitments/reminders")
    @Operation(summary = "Remind the enterprises in scope that have not committed today (inbox notice, SMS to the safety "
            + "manager); an enterprise this office reminded within 30 minutes is not reminded again")
    @Transactional
    Reminded remind() {
        Caller caller = callers.requirePermission(Permissions.RISK_WRITE);
        if (caller.enterpriseId() != null) {
            // supervisors remind enterprises; an enterprise account has nobody to remind
            throw Problem.forbidden();
        }
        DailyCommitments.Summary today = commitments.summary(null);
        String office = office(caller);
        Instant now = clock.instant();
        int reminded = 0;
        int already = 0;
        List<Target> phones = new ArrayList<>();
        List<Long> remindedIds = new ArrayList<>();
        for (DailyCommitments.Missing missing : DailyCommitments.sorted(today.missing(), null)) {
            if (!claim(office, missing.enterpriseId(), now, caller.username())) {
                already++;
                continue;
            }
            reminded++;
            remindedIds.add(missing.enterpriseId());
            inbox.deliver(new Notice("commitment.reminder", "notice.commitment.reminder.title", "notice.commitment.reminder.body",
                    List.of(missing.name(), today.day().toString(), caller.displayName()), "/enterprises/" + missing.enterpriseId()),
                    recipients.ofEnterprise(missing.enterpriseId()));
            Enterprise enterprise = enterprises.find(missing.enterpriseId()).orElse(null);
            if (enterprise != null && MobileNumber.isMobile(enterprise.safetyManagerPhone())) {
                phones.add(new Target(null, enterprise.safetyManager() + "（" + enterprise.name() + "）",
                        RegionCode.of(enterprise.regionCode()), "企业安全管理员", enterprise.safetyManagerPhone(), null, null, null));
            }
        }
        if (!phones.isEmpty()) {
            String title = messages.getMessage("risk.reminder.sms.title", null, java.util.Locale.CHINA);
            String body = messages.getMessage("risk.reminder.sms.body", new Object[] {today.day().toString(), caller.displayName()},
                    java.util.Locale.CHINA);
            deliveries.enqueue(Campaign.text("commitment-reminder:" + UUID.randomUUID(), caller.region(), title, body,
                    List.of(Channel.SMS)), phones);
        }
        if (reminded > 0) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("day", today.day().toString());
            details.put("reminded", reminded);
            details.put("enterpriseIds", remindedIds.toString());
            audit.record("commitment.remind", "daily_commitment", null, caller.region().value(), details);
        }
        String message = messages.getMessage(reminded > 0 || already == 0 ? "risk.reminder.sent" : "risk.reminder.none",
                new Object[] {reminded}, LocaleContextHolder.getLocale());
        if (already > 0) {
            message += messages.getMessage("risk.reminder.recent", new Object[] {already, QUIET.toMinutes()}, LocaleContextHolder.getLocale());
        }
        return new Reminded(reminded, already, message);
    }

    /** The department that reminds, or the region for an account without one: who the quiet period is counted for. */
    static String office(Caller caller) {
        return caller.departmentId() != null ? "department:" + caller.departmentId() : "region:" + caller.region().value();
    }

    /**
     * Takes this office's turn to remind the enterprise now: true when it had not reminded it within the quiet
     * period. Parallel claims wait on the row (or on the key of the row being inserted) and then see it taken.
     */
    private boolean claim(String office, long enterpriseId, Instant now, String by) {
        int inserted = jdbc.sql("""
                insert into commitment_reminder (office, enterprise_id, reminded_at, reminded_by)
                values (:office, :id, :at, :by) on conflict do nothing""")
                .param("office", office).param("id", enterpriseId).param("at", UtcTimestamps.of(now)).param("by", by).update();
        if (inserted > 0) {
            return true;
        }
        return jdbc.sql("""
                update commitment_reminder set reminded_at = :at, reminded_by = :by
                 where office = :office and enterprise_id = :id and reminded_at <= :cutoff""")
                .param("office", office).param("id", enterpriseId).param("at", UtcTimestamps.of(now)).param("by", by)
                .param("cutoff", UtcTimestamps.of(now.minus(QUIET))).update() > 0;
    }
}
