package io.yingji.notification.internal;

import io.yingji.notification.Channel;
import io.yingji.shared.UtcTimestamps;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery tasks' state changes, each guarded so that two dispatchers can never both act on one
 * task: a task is claimed under {@code FOR UPDATE SKIP LOCKED} (status SENDING, attempts + 1, due_at =
 * the lease's end), and its outcome is written only while it is still SENDING with that attempt
 * number — a dispatcher whose lease ran out and whose task was reclaimed finds its write refused.
 */
@Component
class DeliveryTasks {

    /** A claimed task with what is needed to send it. */
    record Claimed(long id, long campaignId, int targetNo, Channel channel, int round, int attempts, @Nullable Long userId,
                   String name, String regionCode, String group, @Nullable String mobile, @Nullable String email,
                   @Nullable String webhookUrl, @Nullable String broadcast, String channels, boolean acknowledged) {

        @Nullable String address() {
            return switch (channel) {
                case SMS -> mobile;
                case EMAIL -> email;
                case WEBHOOK -> webhookUrl;
                case BROADCAST -> broadcast;
                case IN_APP -> userId == null ? null : String.valueOf(userId);
            };
        }

        /** The channel after this task's one among the target's channels, or null when it was the last. */
        @Nullable Channel next() {
            List<Channel> list = CampaignBook.channels(channels);
            int at = list.indexOf(channel);
            return at >= 0 && at + 1 < list.size() ? list.get(at + 1) : null;
        }
    }

    /** The new state of a claimed task after its send. */
    record Result(Claimed task, String status, int attemptsDelta, Instant dueAt, @Nullable String reference,
                  @Nullable String error, @Nullable Instant sentAt, @Nullable Instant deliveredAt, @Nullable Instant failedAt) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;

    DeliveryTasks(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = transactions;
    }

    /**
     * Claims up to {@code limit} due tasks: SENDING ones whose lease ran out (their dispatcher died)
     * first, then QUEUED ones in order of due time; rows locked by another dispatcher are skipped.
     */
    List<Claimed> claim(int limit, Instant now, Duration lease) {
        List<Claimed> claimed = transactions.execute(status -> {
            List<Long> ids = new ArrayList<>(ids("SENDING", limit, now));
            if (ids.size() < limit) {
                ids.addAll(ids("QUEUED", limit - ids.size(), now));
            }
            if (ids.isEmpty()) {
                return List.<Claimed>of();
            }
            jdbc.sql("update delivery_task set status = 'SENDING', attempts = attempts + 1, due_at = :lease, updated_at = :now where id in (:ids)")
                    .param("lease", UtcTimestamps.of(now.plus(lease))).param("now", UtcTimestamps.of(now)).param("ids", ids).update();
            return jdbc.sql("""
                    select t.id, t.campaign_id, t.target_no, t.channel, t.round, t.attempts, g.user_id, g.name, g.region_code, g.grp,
                           g.mobile, g.email, g.webhook_url, g.broadcast, g.channels, g.acknowledged_at
                      from delivery_task t join delivery_target g on g.campaign_id = t.campaign_id and g.target_no = t.target_no
                     where t.id in (:ids)""")
                    .param("ids", ids)
                    .query((rs, n) -> new Claimed(rs.getLong("id"), rs.getLong("campaign_id"), rs.getInt("target_no"),
                            Channel.valueOf(rs.getString("channel")), rs.getInt("round"), rs.getInt("attempts"),
                            (Long) rs.getObject("user_id", Long.class), rs.getString("name"), rs.getString("region_code"),
                            rs.getString("grp"), rs.getString("mobile"), rs.getString("email"), rs.getString("webhook_url"),
                            rs.getString("broadcast"), rs.getString("channels"), rs.getObject("acknowledged_at") != null))
                    .list();
        });
        return claimed == null ? List.of() : claimed;
    }

    private List<Long> ids(String status, int limit, Instant now) {
        return jdbc.sql("select id from delivery_task where status = :status and due_at <= :now order by due_at limit :limit for update skip locked")
                .param("status", status).param("now", UtcTimestamps.of(now)).param("limit", limit).query(Long.class).list();
    }

    /**
     * Writes the results in one transaction; a result whose task is no longer this dispatcher's
     * (reclaimed after its lease) is dropped. A task that FAILED gets a task on the target's next
     * channel, due now, unless the target has acknowledged meanwhile. Answers the results written.
     */
    int record(List<Result> results, Instant now) {
        if (results.isEmpty()) {
            return 0;
        }
        Integer written = transactions.execute(status -> {
            List<Long> updated = isPostgres() ? updateAll(results, now) : updateEach(results, now);
            java.util.Set<Long> done = new java.util.HashSet<>(updated);
            List<Claimed> fallBack = new ArrayList<>();
            for (Result r : results) {
                if ("FAILED".equals(r.status()) && done.contains(r.task().id())) {
                    fallBack.add(r.task());
                }
            }
            fallBack(fallBack, now);
            return done.size();
        });
        return written == null ? 0 : written;
    }

    private volatile @Nullable Boolean postgres;

    private boolean isPostgres() {
        if (postgres == null) {
            postgres = template.execute((java.sql.Connection c) -> c.isWrapperFor(org.postgresql.PGConnection.class));
        }
        return Boolean.TRUE.equals(postgres);
    }

    /**
     * PostgreSQL: every result in one UPDATE … FROM unnest(arrays) — one statement and one index pass
     * instead of one statement per task; answers the ids written.
     */
    private List<Long> updateAll(List<Result> results, Instant now) {
        int n = results.size();
        Long[] ids = new Long[n];
        Integer[] attempts = new Integer[n];
        String[] statuses = new String[n];
        Integer[] deltas = new Integer[n];
        Long[] due = new Long[n];
        String[] references = new String[n];
        String[] errors = new String[n];
        Long[] sent = new Long[n];
        Long[] delivered = new Long[n];
        Long[] failed = new Long[n];
        for (int i = 0; i < n; i++) {
            Result r = results.get(i);
            ids[i] = r.task().id();
            attempts[i] = r.task().attempts();
            statuses[i] = r.status();
            deltas[i] = r.attemptsDelta();
            due[i] = micros(r.dueAt());
            references[i] = r.reference();
            errors[i] = r.error() == null ? null : HttpPost.abbreviate(r.error(), 490);
            sent[i] = micros(r.sentAt());
            delivered[i] = micros(r.deliveredAt());
            failed[i] = micros(r.failedAt());
        }
        return template.execute((java.sql.Connection c) -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("""
                    update delivery_task t
                       set status = v.status, attempts = t.attempts + v.delta, due_at = to_timestamp(v.due / 1e6),
                           reference = coalesce(v.reference, t.reference), last_error = v.error,
                           sent_at = coalesce(t.sent_at, to_timestamp(v.sent / 1e6)),
                           delivered_at = coalesce(t.delivered_at, to_timestamp(v.delivered / 1e6)),
                           failed_at = to_timestamp(v.failed / 1e6), updated_at = ?
                      from unnest(?::bigint[], ?::int[], ?::varchar[], ?::int[], ?::bigint[], ?::varchar[], ?::varchar[],
                                  ?::bigint[], ?::bigint[], ?::bigint[])
                           as v(id, attempts, status, delta, due, reference, error, sent, delivered, failed)
                     where t.id = v.id and t.status = 'SENDING' and t.attempts = v.attempts
                    returning t.id""")) {
                ps.setObject(1, UtcTimestamps.of(now));
                ps.setArray(2, c.createArrayOf("bigint", ids));
                ps.setArray(3, c.createArrayOf("int4", attempts));
                ps.setArray(4, c.createArrayOf("varchar", statuses));
                ps.setArray(5, c.createArrayOf("int4", deltas));
                ps.setArray(6, c.createArrayOf("bigint", due));
                ps.setArray(7, c.createArrayOf("varchar", references));
                ps.setArray(8, c.createArrayOf("varchar", errors));
                ps.setArray(9, c.createArrayOf("bigint", sent));
                ps.setArray(10, c.createArrayOf("bigint", delivered));
                ps.setArray(11, c.createArrayOf("bigint", failed));
                List<Long> written = new ArrayList<>(n);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        written.add(rs.getLong(1));
                    }
                }
                return written;
            }
        });
    }

    private static @Nullable Long micros(@Nullable Instant at) {
        return at == null ? null : at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    }

    /** Elsewhere (H2): one guarded UPDATE per task in a JDBC batch. */
    private List<Long> updateEach(List<Result> results, Instant now) {
        int[][] counts = template.batchUpdate("""
                update delivery_task set status = ?, attempts = attempts + ?, due_at = ?, reference = coalesce(?, reference),
                       last_error = ?, sent_at = coalesce(sent_at, ?), delivered_at = coalesce(delivered_at, ?), failed_at = ?,
                       updated_at = ?
                 where id = ? and status = 'SENDING' and attempts = ?""", results, 1000, (ps, r) -> {
            ps.setString(1, r.status());
            ps.setInt(2, r.attemptsDelta());
            ps.setObject(3, UtcTimestamps.of(r.dueAt()));
            ps.setString(4, r.reference());
            ps.setString(5, r.error() == null ? null : HttpPost.abbreviate(r.error(), 490));
            timestamp(ps, 6, r.sentAt());
            timestamp(ps, 7, r.deliveredAt());
            timestamp(ps, 8, r.failedAt());
            ps.setObject(9, UtcTimestamps.of(now));
            ps.setLong(10, r.task().id());
            ps.setInt(11, r.task().attempts());
        });
        List<Long> written = new ArrayList<>();
        int i = 0;
        for (int[] chunk : counts) {
            for (int count : chunk) {
                Result r = results.get(i++);
                if (count == 1 || count == java.sql.Statement.SUCCESS_NO_INFO) {
                    written.add(r.task().id());
                }
            }
        }
        return written;
    }

    private static void timestamp(java.sql.PreparedStatement ps, int index, @Nullable Instant at) throws java.sql.SQLException {
        if (at == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, UtcTimestamps.of(at));
        }
    }

    /** Queues each failed task's target on its next channel (same round), unless it has none left or acknowledged. */
    void fallBack(List<Claimed> failed, Instant now) {
        List<Object[]> rows = new ArrayList<>();
        for (Claimed task : failed) {
            Channel next = task.next();
            if (next != null) {
                rows.add(new Object[] {next.name(), UtcTimestamps.of(now), UtcTimestamps.of(now), UtcTimestamps.of(now), task.round(),
                        task.campaignId(), task.targetNo()});
            }
        }
        if (!rows.isEmpty()) {
            template.batchUpdate("""
                    insert into delivery_task (campaign_id, target_no, channel, round, status, attempts, due_at, created_at, updated_at)
                    select campaign_id, target_no, ?, round, 'QUEUED', 0, ?, ?, ? from delivery_target
                     where round = ? and campaign_id = ? and target_no = ? and acknowledged_at is null""", rows);
        }
    }

    /** A task by id with its target, for a delivery report. */
    @Nullable Claimed find(long id) {
        return jdbc.sql("""
                select t.id, t.campaign_id, t.target_no, t.channel, t.round, t.attempts, t.status, g.user_id, g.name, g.region_code, g.grp,
                       g.mobile, g.email, g.webhook_url, g.broadcast, g.channels, g.acknowledged_at
                  from delivery_task t join delivery_target g on g.campaign_id = t.campaign_id and g.target_no = t.target_no
                 where t.id = :id""")
                .param("id", id)
                .query((rs, n) -> new Claimed(rs.getLong("id"), rs.getLong("campaign_id"), rs.getInt("target_no"),
                        Channel.valueOf(rs.getString("channel")), rs.getInt("round"), rs.getInt("attempts"),
                        (Long) rs.getObject("user_id", Long.class), rs.getString("name"), rs.getString("region_code"),
                        rs.getString("grp"), rs.getString("mobile"), rs.getString("email"), rs.getString("webhook_url"),
                        rs.getString("broadcast"), rs.getString("channels"), rs.getObject("acknowledged_at") != null))
                .optional().orElse(null);
    }
}
