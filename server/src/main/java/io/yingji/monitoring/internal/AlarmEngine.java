package io.yingji.monitoring.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates stored readings against their device's rules. The state of each device, metric and rule
 * (whether the condition is active, since when it is breached) is kept in memory and started from the
 * open alarms; the database row of an alarm changes only when its state does (raise, recover, relapse)
 * and, for its last and peak value, at most once a second. Readings older than the last one evaluated
 * for the same device and metric are stored but not evaluated.
 */
@Component
class AlarmEngine {

    /** A stored reading with its device. */
    record Evaluated(Device device, String metric, Instant ts, double value) {
    }

    private static final class State {
        boolean active;
        Instant breachSince;
        long alarmId = -1;
        Instant lastWrite = Instant.EPOCH;
    }

    private record Previous(Instant ts, double value) {
    }

    private final Alarms alarms;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Map<String, Previous> previous = new ConcurrentHashMap<>();
    private volatile Set<Long> offline = Set.of();
    private volatile boolean started;

    AlarmEngine(Alarms alarms, JdbcClient jdbc, TransactionTemplate transactions) {
        this.alarms = alarms;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    private void start() {
        if (started) {
            return;
        }
        synchronized (this) {
            if (!started) {
                alarms.openStates().forEach((key, holds) -> states.computeIfAbsent(key, k -> new State()).active = holds);
                refreshOffline();
                started = true;
            }
        }
    }

    /** Re-reads which devices have an open offline alarm not yet recovered (raised by the job on any instance). */
    void refreshOffline() {
        offline = Set.copyOf(jdbc.sql("select device_id from alarm where kind = 'OFFLINE' and open_key is not null and recovered_at is null")
                .query(Long.class).list());
    }

    void offlineRaised(long deviceId) {
        java.util.HashSet<Long> now = new java.util.HashSet<>(offline);
        now.add(deviceId);
        offline = Set.copyOf(now);
    }

    /** Forgets what it knows (tests and rule changes start from the database again). */
    void reset() {
        synchronized (this) {
            states.clear();
            previous.clear();
            started = false;
        }
    }

    void evaluate(List<Evaluated> readings) {
        start();
        readings.stream().sorted(Comparator.comparing(Evaluated::ts)).forEach(this::evaluate);
    }

    private void evaluate(Evaluated reading) {
        Device device = reading.device();
        if (offline.contains(device.id())) {
            recoverOffline(device, reading.ts());
        }
        String series = device.id() + ":" + reading.metric();
        Previous before = previous.get(series);
        if (before != null && reading.ts().isBefore(before.ts())) {
            return;
        }
        previous.put(series, new Previous(reading.ts(), reading.value()));
        for (AlarmRule rule : device.rulesFor(reading.metric())) {
            double subject = reading.value();
            if (rule.kind() == AlarmRule.Kind.RATE) {
                if (before == null || !reading.ts().isAfter(before.ts())) {
                    continue;
                }
                double minutes = Duration.between(before.ts(), reading.ts()).toMillis() / 60_000.0;
                subject = (reading.value() - before.value()) / minutes;
            }
            step(device, rule, reading.metric(), subject, reading.value(), reading.ts());
        }
    }

    private void step(Device device, AlarmRule rule, String metric, double subject, double value, Instant ts) {
        String key = Alarms.openKey(device.id(), metric, rule.id());
        State state = states.computeIfAbsent(key, k -> new State());
        synchronized (state) {
            boolean breach = rule.breaches(subject, state.active);
            if (!state.active) {
                if (!breach) {
                    state.breachSince = null;
                    return;
                }
                if (state.breachSince == null) {
                    state.breachSince = ts;
                }
                if (Duration.between(state.breachSince, ts).getSeconds() >= rule.durationSeconds()) {
                    state.active = true;
                    state.alarmId = alarms.raiseOrJoin(device, rule, metric, value, ts);
                    state.lastWrite = ts;
                }
            } else if (breach) {
                if (Duration.between(state.lastWrite, ts).toMillis() >= 1000) {
                    long id = alarmId(state, key);
                    if (id > 0) {
                        transactions.executeWithoutResult(s -> alarms.breach(id, value, ts));
                    }
                    state.lastWrite = ts;
                }
            } else {
                state.active = false;
                state.breachSince = null;
                long id = alarmId(state, key);
                if (id > 0) {
                    alarms.recover(id, ts);
                }
            }
        }
    }

    private long alarmId(State state, String key) {
        if (state.alarmId <= 0) {
            state.alarmId = jdbc.sql("select id from alarm where open_key = :key").param("key", key).query(Long.class)
                    .optional().orElse(-1L);
        }
        return state.alarmId;
    }

    private void recoverOffline(Device device, Instant ts) {
        List<Long> open = jdbc.sql("select id from alarm where device_id = :device and kind = 'OFFLINE' and open_key is not null and recovered_at is null")
                .param("device", device.id()).query(Long.class).list();
        open.forEach(id -> alarms.recover(id, ts));
        java.util.HashSet<Long> now = new java.util.HashSet<>(offline);
        now.remove(device.id());
        offline = Set.copyOf(now);
    }
}
