package io.yingji.warning.internal;

import io.yingji.access.CallerContext;
import io.yingji.audit.AuditTrail;
import io.yingji.jobs.JobLease;
import io.yingji.warning.WarningExpired;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marks published warnings whose expiry time has passed as EXPIRED, each in its own transaction with
 * its audit entry and {@link WarningExpired}. Reads already treat them as ended from the expiry time on;
 * this makes the state say so. With several instances only one runs a pass ({@link JobLease}).
 */
@Component
public class WarningExpiry {

    private static final String JOB = "warning-expiry";
    private static final int BATCH = 500;

    private final WarningRepository warnings;
    private final TransactionTemplate transactions;
    private final CallerContext callers;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final JobLease lease;

    WarningExpiry(WarningRepository warnings, TransactionTemplate transactions, CallerContext callers, AuditTrail audit,
                  ApplicationEventPublisher events, Clock clock, JobLease lease) {
        this.warnings = warnings;
        this.transactions = transactions;
        this.callers = callers;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.lease = lease;
    }

    @Scheduled(fixedDelayString = "${yingji.warning.expiry-interval:PT1M}",
            initialDelayString = "${yingji.warning.expiry-initial-delay:PT1M}")
    void scheduled() {
        run();
    }

    /** One pass; answers how many warnings expired (0 when another instance holds the lease). */
    public int run() {
        return lease.runExclusively(JOB, Duration.ofMinutes(5), () -> callers.runAsSystem(this::pass), 0);
    }

    private int pass() {
        int expired = 0;
        Instant now = clock.instant();
        List<Long> due;
        do {
            due = warnings.dueToExpire(now, BATCH);
            for (long id : due) {
                Boolean done = transactions.execute(status -> {
                    Warning w = warnings.find(id).orElseThrow();
                    if (!w.expireIfDue(now)) {
                        return false;
                    }
                    w.updatedAt = now;
                    if (!warnings.save(w)) {
                        status.setRollbackOnly();
                        return false;
                    }
                    warnings.record(id, new Warning.Transition("expire", Warning.State.PUBLISHED, Warning.State.EXPIRED), "system", now, null);
                    audit.record("warning.expire", "warning", String.valueOf(id), w.regionCode,
                            Map.of("state", List.of("PUBLISHED", "EXPIRED"), "expires", CapTimes.format(w.expires)));
                    events.publishEvent(new WarningExpired(id, w.identifier, w.regionCode));
                    return true;
                });
                if (Boolean.TRUE.equals(done)) {
                    expired++;
                }
            }
        } while (due.size() == BATCH);
        return expired;
    }
}
