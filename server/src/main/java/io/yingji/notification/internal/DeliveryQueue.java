package io.yingji.notification.internal;

import io.yingji.notification.Campaign;
import io.yingji.notification.Channel;
import io.yingji.notification.Deliveries;
import io.yingji.notification.Target;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import io.yingji.shared.UtcTimestamps;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues campaigns: the campaign row, then every target and its first task in bulk on the same
 * connection and transaction — one binary {@code COPY} per table on PostgreSQL, JDBC batches
 * elsewhere (H2) — so a million targets are queued in seconds and a failure leaves nothing behind.
 */
@Service
class DeliveryQueue implements Deliveries {

    static final int MAX_ROUNDS = 20;
    static final int MAX_FIELD_PROBLEMS = 20;
    private static final byte[] COPY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final long PG_EPOCH_SECONDS = 946_684_800L;
    static final String TARGET_COLUMNS =
            "campaign_id, target_no, user_id, name, region_code, grp, mobile, email, webhook_url, broadcast, channels, round, notified_at";
    static final String TASK_COLUMNS = "campaign_id, target_no, channel, round, status, attempts, due_at, created_at, updated_at";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    DeliveryQueue(JdbcClient jdbc, DataSource dataSource, Clock clock) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public long enqueue(Campaign campaign, List<Target> targets) {
        check(campaign, targets);
        if (jdbc.sql("select count(*) from delivery_campaign where source = :source").param("source", campaign.source())
                .query(Long.class).single() > 0) {
            throw Problem.conflict("notification.campaign.source.taken", campaign.source());
        }
        Instant now = clock.instant();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into delivery_campaign (source, region_code, title, body, args, localized, link, channels, ack_required,
                                               renotify_seconds, max_rounds, secret, targets, created_at)
                values (:source, :region, :title, :body, :args, :localized, :link, :channels, :ack, :renotify, :rounds, :secret, :targets, :now)""")
                .param("source", campaign.source()).param("region", campaign.area().value()).param("title", campaign.title())
                .param("body", campaign.body()).param("args", String.join(InboxStore.SEPARATOR, campaign.args()))
                .param("localized", campaign.localized()).param("link", campaign.link())
                .param("channels", CampaignBook.channels(campaign.channels())).param("ack", campaign.acknowledgementRequired())
                .param("renotify", campaign.renotifyAfter().toSeconds()).param("rounds", campaign.maxRounds())
                .param("secret", HexFormat.of().formatHex(secret)).param("targets", targets.size()).param("now", UtcTimestamps.of(now))
                .update(key, "id");
        long id = key.getKey().longValue();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (connection.isWrapperFor(PGConnection.class)) {
                copy(connection.unwrap(PGConnection.class), id, campaign.channels(), targets, now);
            } else {
                batch(connection, id, campaign.channels(), targets, now);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Queueing campaign " + campaign.source() + " failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        return id;
    }

    @Override
    @org.springframework.transaction.annotation.Transactional
    public int close(String source) {
        java.time.OffsetDateTime now = io.yingji.shared.UtcTimestamps.of(clock.instant());
        Long id = jdbc.sql("select id from delivery_campaign where source = :s and closed_at is null").param("s", source)
                .query(Long.class).optional().orElse(null);
        if (id == null) {
            return 0;
        }
        jdbc.sql("update delivery_campaign set closed_at = :now where id = :id").param("now", now).param("id", id).update();
        return jdbc.sql("update delivery_task set status = 'CANCELLED', updated_at = :now where campaign_id = :id and status = 'QUEUED'")
                .param("now", now).param("id", id).update();
    }

    @Override
    @org.springframework.transaction.annotation.Transactional
    public int renotifyUnacknowledged(String source) {
        Long id = jdbc.sql("select id from delivery_campaign where source = :s and closed_at is null and ack_required")
                .param("s", source).query(Long.class).optional().orElse(null);
        if (id == null) {
            return 0;
        }
        // millisecond precision: the targets marked with this instant are found by it again
        java.time.OffsetDateTime now = UtcTimestamps.of(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        // the same round as the re-notification job adds (Renotifier); a target's row lock orders a concurrent job pass
        int n = jdbc.sql("""
                update delivery_target g set round = round + 1, notified_at = :now
                 where g.campaign_id = :c and g.acknowledged_at is null and g.channels <> ''
                   and not exists (select 1 from delivery_task t where t.campaign_id = g.campaign_id and t.target_no = g.target_no
                                      and t.round = g.round and t.status in ('QUEUED', 'SENDING'))""")
                .param("now", now).param("c", id).update();
        if (n > 0) {
            jdbc.sql("""
                    insert into delivery_task (campaign_id, target_no, channel, round, status, attempts, due_at, created_at, updated_at)
                    select campaign_id, target_no,
                           case when position(',' in channels) > 0 then substring(channels from 1 for position(',' in channels) - 1)
                                else channels end,
                           round, 'QUEUED', 0, :now, :now, :now
                      from delivery_target where campaign_id = :c and notified_at = :now and acknowledged_at is null""")
                    .param("now", now).param("c", id).update();
        }
        return n;
    }

    private static void check(Campaign campaign, List<Target> targets) {
        List<FieldProblem> problems = new ArrayList<>();
        if (campaign.source().isBlank() || campaign.source().length() > 64) {
            problems.add(new FieldProblem("source", "notification.campaign.source.invalid", 64));
        }
        if (campaign.title().isBlank() || campaign.title().length() > 200) {
            problems.add(new FieldProblem("title", "notification.campaign.title.invalid", 200));
        }
        if (campaign.body().isBlank() || campaign.body().length() > 4000) {
            problems.add(new FieldProblem("body", "notification.campaign.body.invalid", 4000));
        }
        if (campaign.channels().isEmpty() || new HashSet<>(campaign.channels()).size() != campaign.channels().size()) {
            problems.add(new FieldProblem("channels", "notification.campaign.channels.invalid"));
        }
        if (campaign.maxRounds() < 1 || campaign.maxRounds() > MAX_ROUNDS) {
            problems.add(new FieldProblem("maxRounds", "notification.campaign.rounds.invalid", MAX_ROUNDS));
        }
        if (campaign.acknowledgementRequired() && campaign.renotifyAfter().toSeconds() < 60) {
            problems.add(new FieldProblem("renotifyAfter", "notification.campaign.renotify.invalid"));
        }
        for (int i = 0; i < targets.size() && problems.size() < MAX_FIELD_PROBLEMS; i++) {
            Target t = targets.get(i);
            String at = "targets[" + i + "].";
            if (t.name().isBlank() || t.name().length() > 64) {
                problems.add(new FieldProblem(at + "name", "notification.target.name.invalid", 64));
            }
            if (t.group().isBlank() || t.group().length() > 32) {
                problems.add(new FieldProblem(at + "group", "notification.target.group.invalid", 32));
            }
            if (tooLong(t.mobile(), 20) || tooLong(t.email(), 254) || tooLong(t.webhookUrl(), 500) || tooLong(t.broadcastTerminal(), 64)) {
                problems.add(new FieldProblem(at + "address", "notification.target.address.invalid"));
            }
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
    }

    private static boolean tooLong(@Nullable String value, int max) {
        return value != null && value.length() > max;
    }

    /** The campaign's channels this target can be reached on, in fallback order, as stored ("SMS,IN_APP"). */
    static String reachable(List<Channel> channels, Target target, String[] byMask) {
        int mask = 0;
        for (int i = 0; i < channels.size(); i++) {
            if (target.reachableBy(channels.get(i))) {
                mask |= 1 << i;
            }
        }
        if (byMask[mask] == null) {
            List<Channel> usable = new ArrayList<>();
            for (int i = 0; i < channels.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    usable.add(channels.get(i));
                }
            }
            byMask[mask] = CampaignBook.channels(usable);
        }
        return byMask[mask];
    }

    static String first(String channels) {
        int comma = channels.indexOf(',');
        return comma < 0 ? channels : channels.substring(0, comma);
    }

    /** Binary COPY of the targets and then their first tasks, streamed (never the whole set in memory twice). */
    static void copy(PGConnection pg, long campaignId, List<Channel> channels, List<Target> targets, Instant now)
            throws SQLException, IOException {
        String[] byMask = new String[1 << channels.size()];
        String[] reachable = new String[targets.size()];
        long micros = (now.getEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + now.getNano() / 1_000;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new PGCopyOutputStream(pg, "copy delivery_target (" + TARGET_COLUMNS + ") from stdin (format binary)", 1 << 16), 1 << 16))) {
            out.write(COPY_HEADER);
            for (int i = 0; i < targets.size(); i++) {
                Target t = targets.get(i);
                reachable[i] = reachable(channels, t, byMask);
                out.writeShort(13);
                out.writeInt(8);
                out.writeLong(campaignId);
                out.writeInt(4);
                out.writeInt(i);
                if (t.userId() == null) {
                    out.writeInt(-1);
                } else {
                    out.writeInt(8);
                    out.writeLong(t.userId());
                }
                text(out, t.name());
                text(out, t.region().value());
                text(out, t.group());
                text(out, t.mobile());
                text(out, t.email());
                text(out, t.webhookUrl());
                text(out, t.broadcastTerminal());
                text(out, reachable[i]);
                out.writeInt(4);
                out.writeInt(1);
                out.writeInt(8);
                out.writeLong(micros);
            }
            out.writeShort(-1);
        }
        byte[] queued = "QUEUED".getBytes(StandardCharsets.US_ASCII);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new PGCopyOutputStream(pg, "copy delivery_task (" + TASK_COLUMNS + ") from stdin (format binary)", 1 << 16), 1 << 16))) {
            out.write(COPY_HEADER);
            for (int i = 0; i < targets.size(); i++) {
                if (reachable[i].isEmpty()) {
                    continue;
                }
                out.writeShort(9);
                out.writeInt(8);
                out.writeLong(campaignId);
                out.writeInt(4);
                out.writeInt(i);
                text(out, first(reachable[i]));
                out.writeInt(4);
                out.writeInt(1);
                out.writeInt(queued.length);
                out.write(queued);
                out.writeInt(4);
                out.writeInt(0);
                for (int k = 0; k < 3; k++) {
                    out.writeInt(8);
                    out.writeLong(micros);
                }
            }
            out.writeShort(-1);
        }
    }

    private static void text(DataOutputStream out, @Nullable String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void batch(Connection connection, long campaignId, List<Channel> channels, List<Target> targets, Instant now)
            throws SQLException {
        String[] byMask = new String[1 << channels.size()];
        OffsetDateTime at = UtcTimestamps.of(now);
        try (PreparedStatement target = connection.prepareStatement(
                "insert into delivery_target (" + TARGET_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)");
             PreparedStatement task = connection.prepareStatement(
                     "insert into delivery_task (" + TASK_COLUMNS + ") values (?, ?, ?, 1, 'QUEUED', 0, ?, ?, ?)")) {
            for (int i = 0; i < targets.size(); i++) {
                Target t = targets.get(i);
                String reachable = reachable(channels, t, byMask);
                target.setLong(1, campaignId);
                target.setInt(2, i);
                if (t.userId() == null) {
                    target.setNull(3, Types.BIGINT);
                } else {
                    target.setLong(3, t.userId());
                }
                target.setString(4, t.name());
                target.setString(5, t.region().value());
                target.setString(6, t.group());
                target.setString(7, t.mobile());
                target.setString(8, t.email());
                target.setString(9, t.webhookUrl());
                target.setString(10, t.broadcastTerminal());
                target.setString(11, reachable);
                target.setObject(12, at);
                target.addBatch();
                if (!reachable.isEmpty()) {
                    task.setLong(1, campaignId);
                    task.setInt(2, i);
                    task.setString(3, first(reachable));
                    task.setObject(4, at);
                    task.setObject(5, at);
                    task.setObject(6, at);
                    task.addBatch();
                }
                if (i % 1000 == 999) {
                    target.executeBatch();
                    task.executeBatch();
                }
            }
            target.executeBatch();
            task.executeBatch();
        }
    }
}
