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
 * acknowledgement, who has not confirmed within the campaign's interval after its latest round reached
 * them, gets a new round — a task on its first channel again — until the campaign's rounds are used up.
 *
 * <p>What must hold so that nobody is told twice for one wait: a new round is added only once every
 * task of the target's latest round is final (SENT, DELIVERED or FAILED with no fallback pending —
 * never while one is QUEUED, backing off or paused by a 429, or SENDING), and the interval is counted
 * from when that round was last sent or finally failed, not from when it was queued. A slow campaign
 * (a long queue, a throttled gateway) therefore gets its rounds late, but all of them.
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
        record Open(long id, long renotifySeconds, int maxRounds) {
        }
        List<Open> open = jdbc.sql("select id, renotify_seconds, max_rounds from delivery_campaign where ack_required and max_rounds > 1 and closed_at is null")
                .query((rs, n) -> new Open(rs.getLong("id"), rs.getLong("renotify_seconds"), rs.getInt("max_rounds")))
                .list();
        int total = 0;
        for (Open c : open) {
            // notified_at (when the round was queued) is only a cheap first filter: a round is never sent before
            // it was queued. The wait itself runs from the latest sent_at / failed_at of the round's tasks
            // (failed_at is later than sent_at when an SMS report failed it); a round with a task still QUEUED or
            // SENDING has no end yet, nor has one whose tasks were all cancelled, so neither gets a further round.
            Integer renotified = transactions.execute(status -> {
                int n = jdbc.sql("""
                        update delivery_target g set round = round + 1, notified_at = :now
                         where g.campaign_id = :c and g.acknowledged_at is null and g.channels <> '' and g.round < :max
                           and g.notified_at <= :cutoff
                           and (select case when sum(case when t.status in ('QUEUED', 'SENDING') then 1 else 0 end) = 0
                                            then max(coalesce(t.failed_at, t.sent_at)) end
                                  from delivery_task t
                                 where t.campaign_id = g.campaign_id and t.target_no = g.target_no and t.round = g.round) <= :cutoff""")
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
