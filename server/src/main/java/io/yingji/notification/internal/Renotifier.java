package io.yingji.notification.internal;

import io.yingji.jobs.JobLease;
import io.yingji.shared.UtcTimestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-notification (再次叫应), on one instance at a time: a target of a campaign that asks for
 * acknowledgement, who has not confirmed within the campaign's interval after its latest round, gets
 * a new round — a task on its first channel again — until the campaign's rounds are used up.
 */
@Component
class Renotifier {

    private static final Logger log = LoggerFactory.getLogger(Renotifier.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JobLease lease;
    private final Clock clock;

    Renotifier(JdbcClient jdbc, TransactionTemplate transactions, JobLease lease, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.lease = lease;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${yingji.notification.ack.job-interval:PT1M}",
            initialDelayString = "${yingji.notification.ack.job-initial-delay:PT30S}")
    void scheduled() {
        run();
    }

    /** One pass; answers how many targets were notified again. */
    int run() {
        return lease.runExclusively("notification-renotify", Duration.ofMinutes(5), this::pass, 0);
    }

    private int pass() {
        // millisecond precision: the pass marks its targets with this instant and finds them by it again
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        record Open(long id, long renotifySeconds, int maxRounds, Instant createdAt) {
        }
        List<Open> open = jdbc.sql("select id, renotify_seconds, max_rounds, created_at from delivery_campaign where ack_required and max_rounds > 1 and closed_at is null")
                .query((rs, n) -> new Open(rs.getLong("id"), rs.getLong("renotify_seconds"), rs.getInt("max_rounds"),
                        UtcTimestamps.read(rs, "created_at")))
                .list();
        int total = 0;
        for (Open c : open) {
            // a campaign whose last round is long past has nothing left to do (rounds may start late, hence twice)
            if (c.createdAt().plusSeconds(2 * c.renotifySeconds() * c.maxRounds()).isBefore(now)) {
                continue;
            }
            Integer renotified = transactions.execute(status -> {
                int n = jdbc.sql("""
                        update delivery_target set round = round + 1, notified_at = :now
                         where campaign_id = :c and acknowledged_at is null and channels <> '' and round < :max and notified_at <= :cutoff""")
                        .param("now", UtcTimestamps.of(now)).param("c", c.id()).param("max", c.maxRounds())
                        .param("cutoff", UtcTimestamps.of(now.minusSeconds(c.renotifySeconds()))).update();
                if (n > 0) {
                    jdbc.sql("""
                            insert into delivery_task (campaign_id, target_no, channel, round, status, attempts, due_at, created_at, updated_at)
                            select campaign_id, target_no,
                                   case when position(',' in channels) > 0 then substring(channels from 1 for position(',' in channels) - 1)
                                        else channels end,
                                   round, 'QUEUED', 0, :now, :now, :now
                              from delivery_target where campaign_id = :c and notified_at = :now and acknowledged_at is null""")
                            .param("now", UtcTimestamps.of(now)).param("c", c.id()).update();
                }
                return n;
            });
            total += renotified == null ? 0 : renotified;
        }
        if (total > 0) {
            log.info("Re-notified {} targets who have not acknowledged", total);
        }
        return total;
    }
}
