package io.yingji.monitoring.internal;

import io.yingji.access.Permissions;
import io.yingji.access.ScopeColumns;
import io.yingji.access.ScopedQueries;
import io.yingji.identity.Recipients;
import io.yingji.monitoring.AlarmChanged;
import io.yingji.notification.Inbox;
import io.yingji.notification.Notice;
import io.yingji.shared.Industry;
import io.yingji.shared.PageOf;
import io.yingji.shared.RegionCode;
import io.yingji.shared.SortOrder;
import io.yingji.shared.UtcTimestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The alarm lifecycle in the database: one open alarm per device, metric and rule (a unique
 * {@code open_key}); raised → acknowledged → handled → cleared, with the condition's recovery kept
 * apart ({@code recovered_at}) so an alarm that recovered on its own still waits for a person. Every
 * change is recorded in {@code alarm_event}, published as {@link AlarmChanged} and pushed on the stream.
 */
@Component
class Alarms {

    static final ScopeColumns COLUMNS = new ScopeColumns("a.region_code", "a.industry", "a.enterprise_id");

    static final String SELECT = """
            select a.*, d.code as device_code, d.name as device_name, d.type as device_type, d.longitude, d.latitude,
                   r.name as region_name, e.name as enterprise_name
              from alarm a join device d on d.id = a.device_id join region r on r.code = a.region_code
              left join enterprise e on e.id = a.enterprise_id""";

    private final JdbcClient jdbc;
    private final ScopedQueries scoped;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final AlarmStream stream;
    private final Inbox inbox;
    private final Recipients recipients;
    private final Clock clock;

    Alarms(JdbcClient jdbc, ScopedQueries scoped, TransactionTemplate transactions, ApplicationEventPublisher events,
           AlarmStream stream, Inbox inbox, Recipients recipients, Clock clock) {
        this.jdbc = jdbc;
        this.scoped = scoped;
        this.transactions = transactions;
        this.events = events;
        this.stream = stream;
        this.inbox = inbox;
        this.recipients = recipients;
        this.clock = clock;
    }

    static String openKey(long deviceId, String metric, long ruleId) {
        return deviceId + ":" + metric + ":" + ruleId;
    }

    /**
     * Raises an alarm, or, when one is already open for the device, metric and rule (raised by this or
     * another instance), takes the breach into that one. Answers the alarm's id.
     */
    long raise(Device device, AlarmRule rule, String metric, @Nullable Double value, Instant at) {
        String key = openKey(device.id(), metric, rule.id());
        Long id = transactions.execute(status -> {
            Optional<Long> open = jdbc.sql("select id from alarm where open_key = :key").param("key", key).query(Long.class).optional();
            if (open.isPresent()) {
                breach(open.get(), value, at);
                return open.get();
            }
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("""
                    insert into alarm (device_id, rule_id, metric, kind, level, status, region_code, industry, enterprise_id,
                        open_key, threshold, first_value, last_value, peak_value, raised_at, last_breach_at)
                    values (:device, :rule, :metric, :kind, :level, 'RAISED', :region, :industry, :enterprise, :key,
                        :threshold, :value, :value, :value, :at, :at)""")
                    .param("device", device.id()).param("rule", rule.id()).param("metric", metric)
                    .param("kind", rule.kind().name()).param("level", rule.level()).param("region", device.regionCode())
                    .param("industry", device.industry()).param("enterprise", device.enterpriseId()).param("key", key)
                    .param("threshold", rule.threshold()).param("value", value).param("at", UtcTimestamps.of(at))
                    .update(keys, "id");
            long created = keys.getKeyAs(Number.class).longValue();
            record(created, "raise", "system", value == null ? null : "读数 " + value);
            notifyFirstResponders(created, device, rule, metric, value);
            changed(created);
            return created;
        });
        return id == null ? -1 : id;
    }

    /** Raising raced with another instance's insert: the unique key lost; take the breach into theirs. */
    long raiseOrJoin(Device device, AlarmRule rule, String metric, @Nullable Double value, Instant at) {
        try {
            return raise(device, rule, metric, value, at);
        } catch (DuplicateKeyException lost) {
            return raise(device, rule, metric, value, at);
        }
    }

    /** A further breach of an open alarm: last value, time, and peak. A recovered alarm becomes active again. */
    void breach(long id, @Nullable Double value, Instant at) {
        int reopened = jdbc.sql("""
                update alarm set last_value = :value, last_breach_at = :at, recovered_at = null, version = version + 1,
                       peak_value = case when peak_value is null or :value > peak_value then :value else peak_value end
                 where id = :id and recovered_at is not null and open_key is not null""")
                .param("value", value).param("at", UtcTimestamps.of(at)).param("id", id).update();
        if (reopened > 0) {
            record(id, "relapse", "system", value == null ? null : "读数 " + value);
            changed(id);
            return;
        }
        int updated = jdbc.sql("""
                update alarm set last_value = :value, last_breach_at = :at, version = version + 1,
                       peak_value = case when peak_value is null or :value > peak_value then :value else peak_value end
                 where id = :id and open_key is not null""")
                .param("value", value).param("at", UtcTimestamps.of(at)).param("id", id).update();
        if (updated > 0) {
            // the board shows the latest and peak value live; nothing else changed, so no module event
            AlarmView view = view(id).orElseThrow();
            afterCommit(() -> stream.publish(view));
        }
    }

    private static void afterCommit(Runnable action) {
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        action.run();
                    }
                });
    }

    /** The condition is back to normal; an alarm already handled is cleared now. */
    void recover(long id, Instant at) {
        transactions.executeWithoutResult(status -> {
            int changed = jdbc.sql("update alarm set recovered_at = :at, version = version + 1 where id = :id and recovered_at is null and open_key is not null")
                    .param("at", UtcTimestamps.of(at)).param("id", id).update();
            if (changed == 0) {
                return;
            }
            record(id, "recover", "system", null);
            clearIfDone(id, at);
            changed(id);
        });
    }

    /** Clears (closes) the alarm if it is handled and its condition recovered. */
    boolean clearIfDone(long id, Instant at) {
        int cleared = jdbc.sql("""
                update alarm set status = 'CLEARED', cleared_at = :at, open_key = null, version = version + 1
                 where id = :id and status = 'HANDLED' and recovered_at is not null""")
                .param("at", UtcTimestamps.of(at)).param("id", id).update();
        if (cleared > 0) {
            record(id, "clear", "system", null);
        }
        return cleared > 0;
    }

    /**
     * A person's step on the alarm as one conditional update: {@code set} applies only while the alarm
     * is still in one of the {@code from} states (and, when the caller named one, still has the version
     * the caller saw); otherwise nothing changes and the caller gets a 409 — the step's own conflict
     * when the state no longer allows it, else "changed by someone else". Concurrent identical steps
     * thus succeed once, and only the winner goes on to write history, audit and events. The state, not
     * the version, is the condition by default: new readings move the version every second.
     */
    void step(long id, List<String> from, @Nullable Integer version, String conflictKey, String set, Map<String, Object> params) {
        var update = jdbc.sql("update alarm set " + set + ", version = version + 1 where id = :id and status in (:from)"
                        + (version == null ? "" : " and version = :version"))
                .param("id", id).param("from", from);
        if (version != null) {
            update.param("version", version);
        }
        params.forEach(update::param);
        if (update.update() == 0) {
            String status = jdbc.sql("select status from alarm where id = :id").param("id", id).query(String.class).single();
            throw from.contains(status) ? io.yingji.shared.Problem.conflict("problem.version.stale")
                    : io.yingji.shared.Problem.conflict(conflictKey, status);
        }
    }

    /** Locks the alarm's row until the transaction ends (steps that must see each other's writes). */
    void lock(long id) {
        jdbc.sql("select id from alarm where id = :id for update").param("id", id).query(Long.class).single();
    }

    void record(long id, String action, String actor, @Nullable String comment) {
        jdbc.sql("insert into alarm_event (alarm_id, action, actor, occurred_at, comment) values (:id, :action, :actor, :at, :comment)")
                .param("id", id).param("action", action).param("actor", actor).param("at", UtcTimestamps.of(clock.instant()))
                .param("comment", comment).update();
    }

    /** Publishes the alarm's change to the other modules (in the transaction) and to the live stream (after it). */
    void changed(long id) {
        AlarmView view = view(id).orElseThrow();
        events.publishEvent(new AlarmChanged(id, view.deviceId(), view.enterpriseId(), view.regionCode(), view.level(),
                view.status(), !view.status().equals("CLEARED")));
        afterCommit(() -> stream.publish(view));
    }

    Optional<AlarmView> view(long id) {
        return jdbc.sql(SELECT + " where a.id = :id").param("id", id).query(Alarms::map).optional();
    }

    Optional<AlarmView> visible(long id) {
        return scoped.sql(SELECT + " where {scope} and a.id = :id", COLUMNS).param("id", id).query(Alarms::map).optional();
    }

    boolean exists(long id) {
        return jdbc.sql("select count(*) from alarm where id = :id").param("id", id).query(Long.class).single() > 0;
    }

    /** The filters of the alarm list; the caller's scope always applies on top. */
    record AlarmSearch(@Nullable String regionCode, @Nullable String status, boolean open, @Nullable Integer level,
                       @Nullable String kind, @Nullable Long deviceId, @Nullable Long enterpriseId, @Nullable String sort) {
    }

    /**
     * What the alarm list sorts by: its visible columns. Status follows the handling (新报警, 已确认,
     * 已处置, 已消除), not the codes' alphabet.
     */
    static final SortOrder SORT = SortOrder.of(Map.of(
            "raisedAt", "a.raised_at", "lastBreachAt", "a.last_breach_at", "level", "a.level",
            "status", "case a.status when 'RAISED' then 1 when 'ACKNOWLEDGED' then 2 when 'HANDLED' then 3 when 'CLEARED' then 4 end",
            "kind", "a.kind", "device", "d.name", "enterprise", "e.name", "region", "r.name", "peakValue", "a.peak_value"),
            "a.id desc");

    PageOf<AlarmView> search(AlarmSearch search, int page, int size) {
        String order = SORT.orderBy(search.sort());
        String kind = search.kind();
        String regionCode = search.regionCode();
        String status = search.status();
        Integer level = search.level();
        Long deviceId = search.deviceId();
        Long enterpriseId = search.enterpriseId();
        StringBuilder where = new StringBuilder(" where {scope}");
        Map<String, Object> params = new LinkedHashMap<>();
        if (kind != null) {
            where.append(" and a.kind = :kind");
            params.put("kind", kind);
        }
        if (regionCode != null) {
            where.append(" and a.region_code like :region");
            params.put("region", RegionCode.of(regionCode).subtreeLikePattern());
        }
        if (status != null) {
            where.append(" and a.status = :status");
            params.put("status", status);
        }
        if (search.open()) {
            where.append(" and a.open_key is not null");
        }
        if (level != null) {
            where.append(" and a.level = :level");
            params.put("level", level);
        }
        if (deviceId != null) {
            where.append(" and a.device_id = :device");
            params.put("device", deviceId);
        }
        if (enterpriseId != null) {
            where.append(" and a.enterprise_id = :enterprise");
            params.put("enterprise", enterpriseId);
        }
        var count = scoped.sql("select count(*) from alarm a" + where, COLUMNS);
        params.forEach(count::param);
        var select = scoped.sql(SELECT + where + order + " limit :limit offset :offset", COLUMNS);
        params.forEach(select::param);
        List<AlarmView> content = select.param("limit", size).param("offset", (long) page * size).query(Alarms::map).list();
        return PageOf.of(content, page, size, count.query(Long.class).single());
    }

    /** {@code actorName}: the person's name as the accounts know it (with their office), null for the system. */
    record HistoryEntry(String action, String actor, Instant occurredAt, @Nullable String comment, @Nullable String actorName) {
    }

    List<HistoryEntry> history(long id) {
        return jdbc.sql("select e.*, u.display_name as actor_name from alarm_event e left join app_user u on u.username = e.actor"
                        + " where e.alarm_id = :id order by e.id").param("id", id)
                .query((rs, n) -> new HistoryEntry(rs.getString("action"), rs.getString("actor"),
                        UtcTimestamps.read(rs, "occurred_at"), rs.getString("comment"), rs.getString("actor_name"))).list();
    }

    /** Open alarms' keys and whether their condition still holds, to start the engine's state from. */
    Map<String, Boolean> openStates() {
        Map<String, Boolean> states = new java.util.HashMap<>();
        jdbc.sql("select open_key, recovered_at from alarm where open_key is not null")
                .query((ResultSet rs) -> {
                    states.put(rs.getString("open_key"), rs.getObject("recovered_at") == null);
                });
        return states;
    }

    /** The first people to hear of an alarm: the enterprise's accounts, or the township's alarm handlers. */
    private void notifyFirstResponders(long id, Device device, AlarmRule rule, String metric, @Nullable Double value) {
        List<Long> people = device.enterpriseId() != null ? recipients.ofEnterprise(device.enterpriseId())
                : handlersAt(device, 0);
        inbox.deliver(notice("alarm.raised", id, device, rule, metric, value), people);
    }

    /** Handlers of the level {@code step} above the device: 0 its township (or county), 1 the county, 2 the city. */
    List<Long> handlersAt(Device device, int step) {
        String code = device.regionCode();
        List<String> levels = new ArrayList<>();
        if (code.length() >= 9) {
            levels.add(code.substring(0, 9));
        }
        levels.add(code.substring(0, 6));
        levels.add(code.substring(0, 4) + "00");
        for (int i = Math.min(step, levels.size() - 1); i < levels.size(); i++) {
            List<Long> found = recipients.atRegion(RegionCode.of(levels.get(i)), Permissions.ALARM_HANDLE,
                    device.industry() == null ? null : Industry.valueOf(device.industry()));
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    static Notice notice(String kind, long alarmId, Device device, AlarmRule rule, String metric, @Nullable Double value) {
        return new Notice(kind, "notice." + kind + ".title", "notice." + kind + ".body",
                List.of(device.name(), "#alarm.level." + rule.level(), "#alarm.kind." + rule.kind().name(), metricName(metric),
                        value == null ? "-" : String.valueOf(value), device.code()),
                "/alarms/" + alarmId);
    }

    /**
     * A metric as a notice names it: the known metrics (the device types' own, and {@code *} of the rules that watch
     * every metric) by their name in the reader's language; a metric a device made up goes as it came.
     */
    static String metricName(String metric) {
        if ("*".equals(metric)) {
            return "#metric.any";
        }
        for (io.yingji.monitoring.DeviceType type : io.yingji.monitoring.DeviceType.values()) {
            if (metric.equals(type.metric())) {
                return "#metric." + metric;
            }
        }
        return metric;
    }

    static AlarmView map(ResultSet rs, int n) throws SQLException {
        return new AlarmView(rs.getLong("id"), rs.getLong("device_id"), rs.getString("device_code"), rs.getString("device_name"),
                rs.getString("device_type"), rs.getString("metric"), rs.getString("kind"), rs.getInt("level"),
                rs.getString("status"), rs.getString("region_code"), rs.getString("region_name"), rs.getString("industry"),
                rs.getObject("enterprise_id", Long.class), rs.getString("enterprise_name"), rs.getObject("threshold", Double.class),
                rs.getObject("first_value", Double.class), rs.getObject("last_value", Double.class),
                rs.getObject("peak_value", Double.class), UtcTimestamps.read(rs, "raised_at"),
                UtcTimestamps.read(rs, "last_breach_at"), UtcTimestamps.read(rs, "recovered_at"),
                rs.getString("acknowledged_by"), UtcTimestamps.read(rs, "acknowledged_at"), rs.getString("handled_by"),
                UtcTimestamps.read(rs, "handled_at"), rs.getString("disposal"), UtcTimestamps.read(rs, "cleared_at"),
                rs.getInt("escalation_level"), rs.getDouble("longitude"),
                rs.getDouble("latitude"), rs.getInt("version"));
    }
}
