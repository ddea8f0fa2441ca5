package io.yingji.hazard.internal;

import io.yingji.access.CallerContext;
import io.yingji.audit.AuditTrail;
import io.yingji.hazard.HazardChanged;
import io.yingji.hazard.HazardOverdue;
import io.yingji.hazard.SupervisionLevel;
import io.yingji.jobs.JobLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 督办: finds hazards past their deadline day (Asia/Shanghai) and escalates each to the next
 * supervising level, once per overdue period, recording it and publishing {@link HazardOverdue}; then
 * reminds the people of hazards nearly due ({@code yingji.hazard.reminder-days}).
 * With several instances only one runs at a time ({@link JobLease}).
 */
@Component
class Supervision {

    private static final Logger log = LoggerFactory.getLogger(Supervision.class);
    private static final String JOB = "hazard-supervision";

    private final HazardRepository hazards;
    private final TransactionTemplate transactions;
    private final CallerContext callers;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final HazardReminders reminders;
    private final JobLease lease;

    Supervision(HazardRepository hazards, TransactionTemplate transactions, CallerContext callers,
                AuditTrail audit, ApplicationEventPublisher events, Clock clock, HazardReminders reminders, JobLease lease) {
        this.reminders = reminders;
        this.lease = lease;
        this.hazards = hazards;
        this.transactions = transactions;
        this.callers = callers;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${yingji.hazard.supervision-interval:PT5M}",
            initialDelayString = "${yingji.hazard.supervision-initial-delay:PT1M}")
    void scheduled() {
        run();
    }

    /** One pass; answers how many hazards it escalated (0 when another instance holds the lease). */
    int run() {
        return lease.runExclusively(JOB, Duration.ofMinutes(10), this::pass, 0);
    }

    private int pass() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, HazardDesk.SHANGHAI);
        int escalated = 0;
        for (long id : hazards.overdueCandidates(today)) {
            Boolean done = callers.runAsSystem(() -> transactions.execute(status -> escalate(id, today, now)));
            if (Boolean.TRUE.equals(done)) {
                escalated++;
            }
        }
        int reminded = 0;
        for (long id : reminders.dueCandidates(today)) {
            Boolean done = callers.runAsSystem(() -> transactions.execute(status -> reminders.remindIfDue(id, today)));
            if (Boolean.TRUE.equals(done)) {
                reminded++;
            }
        }
        if (escalated > 0 || reminded > 0) {
            log.info("Escalated {} overdue hazards, reminded the people of {} hazards nearly due", escalated, reminded);
        }
        return escalated;
    }

    private boolean escalate(long id, LocalDate today, Instant now) {
        Hazard hazard = hazards.load(id).orElseThrow();
        SupervisionLevel previous = hazard.supervisingLevel;
        if (!hazard.escalateIfOverdue(today, now) || !hazards.save(hazard)) {
            return false;
        }
        hazards.record(id, new Hazard.Transition("escalate", hazard.status, hazard.status), "system", now,
                "逾期未销号，升级由" + hazard.supervisingLevel.nameZh() + "督办");
        audit.record("hazard.escalate", "hazard", String.valueOf(id), hazard.regionCode,
                Map.of("supervisingLevel", String.valueOf(hazard.supervisingLevel), "deadline", String.valueOf(hazard.deadline)));
        reminders.escalated(id, previous);
        events.publishEvent(new HazardOverdue(id, hazard.regionCode, hazard.supervisingLevel));
        events.publishEvent(new HazardChanged(id, hazard.enterpriseId, hazard.regionCode, hazard.status.name()));
        return true;
    }
}
