package io.yingji.monitoring.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 *
 * <p>This runs for every reading, so a reading that changes nothing allocates nothing here: state is
 * found by device code (the cached device's own string, whose hash is computed once), then metric, then
 * rule id (no composite string keys, no boxing), and a batch already in time order is not sorted again. One lock per device keeps concurrent batches (MQTT writer, HTTP requests)
 * from interleaving a device's steps.
 *
 * <p>Evaluating the same readings again after a failure changes nothing that was done: a rule's state
 * moves only after its alarm write has committed, and a reading whose evaluation failed is forgotten
 * as the device's last one, so it is evaluated in full the next time.
 */
@Component
class AlarmEngine {

    /** A stored reading with its device. */
    record Evaluated(Device device, String metric, Instant ts, double value) {
    }

    private static final Comparator<Evaluated> IN_TIME_ORDER = Comparator.comparing(Evaluated::ts);

    /** One rule's state for one device and metric. */
    private static final class State {
        final long ruleId;
        boolean active;
        Instant breachSince;
        long alarmId = -1;
        Instant lastWrite = Instant.EPOCH;

        State(long ruleId) {
            this.ruleId = ruleId;
        }
    }

    /** One device and metric: the last reading evaluated and the states of its rules (a few, so an array). */
    private static final class Series {
        Instant previousTs;
        double previousValue;
        State[] states = new State[0];

        State state(long ruleId) {
            for (State state : states) {
                if (state.ruleId == ruleId) {
                    return state;
                }
            }
            State added = new State(ruleId);
            states = java.util.Arrays.copyOf(states, states.length + 1);
            states[states.length - 1] = added;
            return added;
        }
    }

    /** A device's series by metric; its monitor guards them all. */
    private static final class DeviceState {
        final Map<String, Series> series = new java.util.HashMap<>(4);

        Series series(String metric) {
            Series found = series.get(metric);
            if (found == null) {
                found = new Series();
                series.put(metric, found);
            }
            return found;
        }
    }

    private final Alarms alarms;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Map<String, DeviceState> states = new ConcurrentHashMap<>();
    /** States started from open alarms, by device id, until the device's first reading moves them to {@link #states}. */
    private final Map<Long, DeviceState> started = new ConcurrentHashMap<>();
    private volatile Set<Long> offline = Set.of();
    private volatile boolean running;

    AlarmEngine(Alarms alarms, JdbcClient jdbc, TransactionTemplate transactions) {
        this.alarms = alarms;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    private void start() {
        if (running) {
            return;
        }
        synchronized (this) {
            if (!running) {
                alarms.openStates().forEach((key, holds) -> {
                    // open_key is "device:metric:rule"; a metric has no ':' (the parser takes JSON names, rules name them)
                    int first = key.indexOf(':');
                    int last = key.lastIndexOf(':');
                    if (first > 0 && last > first) {
                        long device = Long.parseLong(key.substring(0, first));
                        long rule = Long.parseLong(key.substring(last + 1));
                        DeviceState state = started.computeIfAbsent(device, d -> new DeviceState());
                        synchronized (state) {
                            state.series(key.substring(first + 1, last)).state(rule).active = holds;
                        }
                    }
                });
                refreshOffline();
                running = true;
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
            started.clear();
            running = false;
        }
    }

    void evaluate(List<Evaluated> readings) {
        start();
        List<Evaluated> ordered = readings;
        for (int i = 1; i < readings.size(); i++) {
            if (readings.get(i).ts().isBefore(readings.get(i - 1).ts())) {
                ordered = new ArrayList<>(readings);
                ordered.sort(IN_TIME_ORDER);
                break;
            }
        }
        Set<Long> offlineNow = offline;
        for (int i = 0, n = ordered.size(); i < n; i++) {
            Evaluated reading = ordered.get(i);
            if (!offlineNow.isEmpty() && offlineNow.contains(reading.device().id())) {
                recoverOffline(reading.device(), reading.ts());
                offlineNow = offline;
            }
            evaluate(reading);
        }
    }

    private void evaluate(Evaluated reading) {
        Device device = reading.device();
        List<AlarmRule> rules = device.rulesFor(reading.metric());
        DeviceState deviceState = states.get(device.code());
        if (deviceState == null) {
            deviceState = states.computeIfAbsent(device.code(), code -> {
                DeviceState fromAlarms = started.remove(device.id());
                return fromAlarms != null ? fromAlarms : new DeviceState();
            });
        }
        synchronized (deviceState) {
            Series series = deviceState.series(reading.metric());
            Instant beforeTs = series.previousTs;
            double beforeValue = series.previousValue;
            if (beforeTs != null && reading.ts().isBefore(beforeTs)) {
                return;
            }
            series.previousTs = reading.ts();
            series.previousValue = reading.value();
            try {
                for (int r = 0, n = rules.size(); r < n; r++) {
                    AlarmRule rule = rules.get(r);
                    double subject = reading.value();
                    if (rule.kind() == AlarmRule.Kind.RATE) {
                        if (beforeTs == null || !reading.ts().isAfter(beforeTs)) {
                            continue;
                        }
                        double minutes = (reading.ts().toEpochMilli() - beforeTs.toEpochMilli()) / 60_000.0;
                        subject = (reading.value() - beforeValue) / minutes;
                    }
                    step(device, rule, series.state(rule.id()), reading.metric(), subject, reading.value(), reading.ts());
                }
            } catch (RuntimeException e) {
                // evaluated again later (AlarmEvaluation): as if this reading had not been seen, so its rate counts too
                series.previousTs = beforeTs;
                series.previousValue = beforeValue;
                throw e;
            }
        }
    }

    private void step(Device device, AlarmRule rule, State state, String metric, double subject, double value, Instant ts) {
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
                // the state moves only once the alarm is written: a failed write leaves it to be raised again
                state.alarmId = alarms.raiseOrJoin(device, rule, metric, value, ts);
                state.active = true;
                state.lastWrite = ts;
            }
        } else if (breach) {
            if (Duration.between(state.lastWrite, ts).toMillis() >= 1000) {
                long id = alarmId(state, device, metric, rule);
                if (id > 0) {
                    transactions.executeWithoutResult(s -> alarms.breach(id, value, ts));
                }
                state.lastWrite = ts;
            }
        } else {
            long id = alarmId(state, device, metric, rule);
            if (id > 0) {
                alarms.recover(id, ts);
            }
            state.active = false;
            state.breachSince = null;
        }
    }

    private long alarmId(State state, Device device, String metric, AlarmRule rule) {
        if (state.alarmId <= 0) {
            state.alarmId = jdbc.sql("select id from alarm where open_key = :key")
                    .param("key", Alarms.openKey(device.id(), metric, rule.id())).query(Long.class)
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
