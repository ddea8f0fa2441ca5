package io.yingji.monitoring.internal;

import io.yingji.jobs.JobLease;
import io.yingji.notification.Inbox;
import io.yingji.shared.UtcTimestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The clock-driven half of monitoring, on one instance at a time: devices silent for twice their
 * interval (or their offline rule's duration) get an offline alarm; alarms nobody acknowledged within
 * {@code yingji.monitoring.escalate-after} go to the next level up (township → county → city); and
 * telemetry storage is kept (partitions ahead, retention behind).
 */
@Component
class MonitoringJobs {

    private static final Logger log = LoggerFactory.getLogger(MonitoringJobs.class);
    static final int MAX_ESCALATION = 2;

    /** Answers of one pass, for tests and the log. */
    record Pass(int offline, int escalated) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final DeviceDirectory devices;
    private final Alarms alarms;
    private final AlarmEngine engine;
    private final LastSeen lastSeen;
    private final TelemetryPartitions partitions;
    private final Inbox inbox;
    private final JobLease lease;
    private final Clock clock;
    private final Duration escalateAfter;

    MonitoringJobs(JdbcClient jdbc, TransactionTemplate transactions, DeviceDirectory devices, Alarms alarms, AlarmEngine engine,
                   LastSeen lastSeen, TelemetryPartitions partitions, Inbox inbox, JobLease lease, Clock clock,
                   @Value("${yingji.monitoring.escalate-after:PT10M}") Duration escalateAfter) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.devices = devices;
        this.alarms = alarms;
        this.engine = engine;
        this.lastSeen = lastSeen;
        this.partitions = partitions;
        this.inbox = inbox;
        this.lease = lease;
        this.clock = clock;
        this.escalateAfter = escalateAfter;
    }

    @Scheduled(fixedDelayString = "${yingji.monitoring.job-interval:PT30S}", initialDelayString = "${yingji.monitoring.job-initial-delay:PT20S}")
    void scheduled() {
        run();
    }

    Pass run() {
        lastSeen.flush();
        engine.refreshOffline();
        return lease.runExclusively("monitoring", Duration.ofMinutes(5), this::pass, new Pass(0, 0));
    }

    private Pass pass() {
        Instant now = clock.instant();
        int offline = 0;
        record Silent(String code, int interval, Instant since) {
        }
        List<Silent> silent = jdbc.sql("""
                select d.code, d.expected_interval_seconds, coalesce(d.last_seen_at, d.created_at) as since
                  from device d
                 where d.enabled and d.type <> 'VIDEO'
                   and not exists (select 1 from alarm a where a.device_id = d.id and a.kind = 'OFFLINE'
                                   and a.open_key is not null and a.recovered_at is null)""")
                .query((rs, n) -> new Silent(rs.getString("code"), rs.getInt("expected_interval_seconds"),
                        UtcTimestamps.read(rs, "since")))
                .list();
        for (Silent s : silent) {
            Device device = devices.find(s.code()).orElse(null);
            if (device == null) {
                continue;
            }
            for (AlarmRule rule : device.rules()) {
                if (rule.kind() != AlarmRule.Kind.OFFLINE) {
                    continue;
                }
                long allowed = rule.durationSeconds() > 0 ? rule.durationSeconds() : 2L * s.interval();
                if (s.since().plusSeconds(allowed).isBefore(now)) {
                    alarms.raiseOrJoin(device, rule, rule.metric(), null, now);
                    engine.offlineRaised(device.id());
                    offline++;
                }
            }
        }
        int escalated = 0;
        record Waiting(long id, String code, int level) {
        }
        List<Waiting> waiting = jdbc.sql("""
                select a.id, d.code, a.escalation_level from alarm a join device d on d.id = a.device_id
                 where a.status = 'RAISED' and a.escalation_level < :max and coalesce(a.escalated_at, a.raised_at) < :before""")
                .param("max", MAX_ESCALATION + 1).param("before", UtcTimestamps.of(now.minus(escalateAfter)))
                .query((rs, n) -> new Waiting(rs.getLong("id"), rs.getString("code"), rs.getInt("escalation_level")))
                .list();
        for (Waiting w : waiting) {
            Device device = devices.find(w.code()).orElse(null);
            if (device == null) {
                continue;
            }
            Boolean done = transactions.execute(status -> {
                int changed = jdbc.sql("""
                        update alarm set escalation_level = escalation_level + 1, escalated_at = :now, version = version + 1
                         where id = :id and status = 'RAISED' and escalation_level = :level""")
                        .param("now", UtcTimestamps.of(now)).param("id", w.id()).param("level", w.level()).update();
                if (changed == 0) {
                    return false;
                }
                int step = w.level() + 1;
                alarms.record(w.id(), "escalate", "system", "无人确认，升级通知第 " + step + " 级");
                AlarmView view = alarms.view(w.id()).orElseThrow();
                AlarmRule rule = device.rules().stream().filter(r -> r.level() == view.level() && r.kind().name().equals(view.kind()))
                        .findFirst().orElse(new AlarmRule(0, view.metric(), AlarmRule.Kind.valueOf(view.kind()), view.level(),
                                view.threshold(), 0, 0));
                inbox.deliver(Alarms.notice("alarm.escalated", w.id(), device, rule, view.metric(), view.lastValue()),
                        alarms.handlersAt(device, step));
                alarms.changed(w.id());
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                escalated++;
            }
        }
        partitions.upkeep(now);
        if (offline > 0 || escalated > 0) {
            log.info("Monitoring: {} devices offline, {} alarms escalated", offline, escalated);
        }
        return new Pass(offline, escalated);
    }
}
