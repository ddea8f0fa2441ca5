package io.yingji.monitoring.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.yingji.monitoring.internal.TelemetryParser.Reason;
import io.yingji.monitoring.internal.TelemetryParser.Rejection;
import io.yingji.monitoring.internal.TelemetryParser.Sample;
import io.yingji.shared.UtcTimestamps;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The telemetry pipeline after parsing, shared by MQTT and HTTP: each sample is checked (known and
 * enabled device, not in the future, not older than retention, not a duplicate), the good ones are
 * stored, the refused ones are stored with their reason and counted ({@link #store}); only then are the
 * stored ones evaluated against the alarm rules ({@link AlarmEvaluation}), which may fail and be retried
 * on its own without the readings being stored or counted again.
 */
@Component
class TelemetryIngest {

    /** What happened to a batch; {@code rejections} name each refused reading and why. */
    record Result(int accepted, List<Rejection> rejections) {
    }

    /** A stored (committed) batch: what {@link #store} answers, with the readings the rules still have to see. */
    record Stored(int accepted, List<Rejection> rejections, List<AlarmEngine.Evaluated> toEvaluate) {
    }

    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final DeviceDirectory devices;
    private final TelemetryStore store;
    private final AlarmEvaluation evaluation;
    private final LastSeen lastSeen;
    private final JdbcClient jdbc;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final Clock clock;
    private final Duration retention;
    private final Counter accepted;
    private final Map<Reason, Counter> rejected = new EnumMap<>(Reason.class);
    private final Counter quarantineFailed;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TelemetryIngest.class);

    TelemetryIngest(DeviceDirectory devices, TelemetryStore store, AlarmEvaluation evaluation, LastSeen lastSeen, JdbcClient jdbc,
                    org.springframework.transaction.support.TransactionTemplate transactions, Clock clock, MeterRegistry meters, @Value("${yingji.monitoring.retention:P90D}") Duration retention) {
        this.devices = devices;
        this.store = store;
        this.evaluation = evaluation;
        this.lastSeen = lastSeen;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.retention = retention;
        this.accepted = Counter.builder("yingji.telemetry.accepted").description("readings stored").register(meters);
        this.quarantineFailed = Counter.builder("yingji.telemetry.quarantine.failed")
                .description("refused readings counted and answered but not written to telemetry_rejected").register(meters);
        for (Reason reason : Reason.values()) {
            rejected.put(reason, Counter.builder("yingji.telemetry.rejected").tag("reason", reason.name())
                    .description("readings refused, by reason").register(meters));
        }
    }

    /**
     * Who sent a batch: whether it may report for a device code ({@code device} null when no device has
     * that code). A device key may report only for its own code, whether or not another code exists.
     */
    interface Sender {
        Sender ANY = (code, device) -> true;

        boolean mayReport(String code, @org.jspecify.annotations.Nullable Device device);
    }

    /**
     * Takes a batch through the whole pipeline on the caller's thread, alarm rules included (HTTP and
     * the demo's sensors: the answer comes after any alarm the readings raised); readings the sender may
     * not report are {@code NOT_ALLOWED}. Once the readings are stored this no longer fails: alarm work
     * that fails is retried in the background.
     */
    Result ingest(String channel, List<Sample> samples, List<Rejection> parseRejections, Sender sender)
            throws SQLException {
        Stored stored = store(channel, samples, parseRejections, sender);
        evaluation.evaluateNow(stored.toEvaluate());
        return new Result(stored.accepted(), stored.rejections());
    }

    /**
     * Checks and stores a batch and records its refusals, all committed when this returns; the alarm
     * rules are left to the caller ({@link AlarmEvaluation}). A failure here means nothing of the
     * readings was stored, so the batch may be sent again as it was.
     */
    Stored store(String channel, List<Sample> samples, List<Rejection> parseRejections, Sender sender)
            throws SQLException {
        Instant now = clock.instant();
        List<Rejection> rejections = new ArrayList<>(parseRejections);
        devices.preload(samples.stream().map(Sample::deviceCode).toList());
        List<TelemetryStore.Row> rows = new ArrayList<>(samples.size());
        List<AlarmEngine.Evaluated> evaluated = new ArrayList<>(samples.size());
        record Key(long device, String metric, Instant ts) {
        }
        Set<Key> seen = new HashSet<>(samples.size() * 2);
        Map<Long, String> codes = new java.util.HashMap<>();
        Instant oldest = now.minus(retention);
        Instant latest = now.plus(FUTURE_TOLERANCE);
        for (Sample sample : samples) {
            Optional<Device> found = devices.find(sample.deviceCode());
            if (!sender.mayReport(sample.deviceCode(), found.orElse(null))) {
                rejections.add(new Rejection(sample.deviceCode(), Reason.NOT_ALLOWED, "this credential may not report for the device"));
                continue;
            }
            if (found.isEmpty()) {
                rejections.add(new Rejection(sample.deviceCode(), Reason.UNKNOWN_DEVICE, "no device with this code"));
                continue;
            }
            Device device = found.get();
            codes.put(device.id(), device.code());
            if (!device.enabled()) {
                rejections.add(new Rejection(sample.deviceCode(), Reason.DISABLED_DEVICE, "the device is disabled"));
            } else if (sample.ts().isAfter(latest)) {
                rejections.add(new Rejection(sample.deviceCode(), Reason.FUTURE, sample.metric() + " at " + sample.ts()));
            } else if (sample.ts().isBefore(oldest)) {
                rejections.add(new Rejection(sample.deviceCode(), Reason.TOO_OLD, sample.metric() + " at " + sample.ts()));
            } else if (!seen.add(new Key(device.id(), sample.metric(), sample.ts()))) {
                rejections.add(new Rejection(sample.deviceCode(), Reason.DUPLICATE, sample.metric() + " at " + sample.ts() + " twice in the batch"));
            } else {
                rows.add(new TelemetryStore.Row(device.id(), sample.metric(), sample.ts(), sample.value()));
                evaluated.add(new AlarmEngine.Evaluated(device, sample.metric(), sample.ts(), sample.value()));
            }
        }
        List<TelemetryStore.Row> duplicates = store.write(rows);
        if (!duplicates.isEmpty()) {
            Set<TelemetryStore.Row> again = new HashSet<>(duplicates);
            evaluated.removeIf(e -> again.contains(new TelemetryStore.Row(e.device().id(), e.metric(), e.ts(), e.value())));
            for (TelemetryStore.Row row : duplicates) {
                rejections.add(new Rejection(codes.get(row.deviceId()), Reason.DUPLICATE, row.metric() + " at " + row.ts() + " already stored"));
            }
        }
        quarantine(channel, rejections, now);
        int stored = rows.size() - duplicates.size();
        accepted.increment(stored);
        long touched = -1;
        for (AlarmEngine.Evaluated e : evaluated) {
            // a message's readings come together: touch each device once per run of its readings
            if (e.device().id() != touched) {
                touched = e.device().id();
                lastSeen.touch(touched, now);
            }
        }
        return new Stored(stored, rejections, evaluated);
    }

    /**
     * Counts the refused readings and stores them with their reasons (committed). The readings are
     * stored already: if the refusals cannot be written, that is logged and counted, and the batch goes
     * on (sending it again would only turn its stored readings into duplicates).
     */
    private void quarantine(String channel, List<Rejection> rejections, Instant now) {
        if (rejections.isEmpty()) {
            return;
        }
        for (Rejection rejection : rejections) {
            rejected.get(rejection.reason()).increment();
        }
        try {
            record(channel, rejections, now);
        } catch (RuntimeException e) {
            quarantineFailed.increment(rejections.size());
            log.warn("Recording {} refused readings failed ({}); they were counted and answered: {}", rejections.size(), e.toString(),
                    rejections.stream().limit(20).map(r -> r.deviceCode() + " " + r.reason()).toList());
        }
    }

    private void record(String channel, List<Rejection> rejections, Instant now) {
        // one statement per refusal, in one transaction: refusals are the rare case
        transactions.executeWithoutResult(status -> rejections.forEach(rejection ->
            jdbc.sql("""
                    insert into telemetry_rejected (received_at, channel, device_code, reason, detail)
                    values (:at, :channel, :device, :reason, :detail)""")
                    .param("at", UtcTimestamps.of(now)).param("channel", channel)
                    .param("device", rejection.deviceCode() == null ? null : TelemetryParser.shorten(rejection.deviceCode()))
                    .param("reason", rejection.reason().name()).param("detail", TelemetryParser.shorten(rejection.detail()))
                    .update()));
    }
}
