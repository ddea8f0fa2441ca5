package io.yingji.monitoring.internal;

import io.yingji.monitoring.DeviceType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Devices by code for the telemetry path, with their effective rules (the type's rules, a device's
 * own rule replacing the type's of the same metric, kind and level). Cached: an entry is read again
 * after {@link #TTL}, so edits made on another instance arrive within that time; edits on this one
 * evict at once. Unknown codes are cached too, so a misconfigured sensor cannot hammer the database.
 */
@Component
class DeviceDirectory {

    static final Duration TTL = Duration.ofSeconds(30);

    private record Entry(Optional<Device> device, Instant loadedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Entry> byCode = new ConcurrentHashMap<>();

    DeviceDirectory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Device> find(String code) {
        Instant now = clock.instant();
        Entry entry = byCode.get(code);
        if (entry == null || entry.loadedAt().plus(TTL).isBefore(now) || entry.loadedAt().isAfter(now)) {
            entry = new Entry(load(code), now);
            byCode.put(code, entry);
        }
        return entry.device();
    }

    /** Loads many codes at once into the cache (a batch's unknown ones) so a batch costs one query, not one per device. */
    void preload(java.util.Collection<String> codes) {
        Instant now = clock.instant();
        List<String> missing = codes.stream().distinct().filter(code -> {
            Entry entry = byCode.get(code);
            return entry == null || entry.loadedAt().plus(TTL).isBefore(now) || entry.loadedAt().isAfter(now);
        }).toList();
        for (int from = 0; from < missing.size(); from += 500) {
            List<String> chunk = missing.subList(from, Math.min(missing.size(), from + 500));
            Map<String, Device> found = new HashMap<>();
            for (Device device : loadAll(chunk)) {
                found.put(device.code(), device);
            }
            for (String code : chunk) {
                byCode.put(code, new Entry(Optional.ofNullable(found.get(code)), now));
            }
        }
    }

    void evict(String code) {
        byCode.remove(code);
    }

    void evictAll() {
        byCode.clear();
    }

    Optional<Device> byId(long id) {
        return jdbc.sql("select code from device where id = :id").param("id", id).query(String.class).optional()
                .flatMap(code -> {
                    evict(code);
                    return find(code);
                });
    }

    private Optional<Device> load(String code) {
        List<Device> devices = loadAll(List.of(code));
        return devices.isEmpty() ? Optional.empty() : Optional.of(devices.get(0));
    }

    private List<Device> loadAll(List<String> codes) {
        record Row(long id, String code, String name, DeviceType type, String region, String industry, Long enterprise,
                   int interval, boolean enabled) {
        }
        List<Row> rows = jdbc.sql("""
                select id, code, name, type, region_code, industry, enterprise_id, expected_interval_seconds, enabled
                  from device where code in (:codes)""")
                .param("codes", codes)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        DeviceType.valueOf(rs.getString("type")), rs.getString("region_code"), rs.getString("industry"),
                        rs.getObject("enterprise_id", Long.class), rs.getInt("expected_interval_seconds"), rs.getBoolean("enabled")))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> types = rows.stream().map(r -> r.type().name()).distinct().toList();
        List<Long> ids = rows.stream().map(Row::id).toList();
        record RuleRow(String type, Long device, boolean enabled, AlarmRule rule) {
        }
        // a device's own rules count even when disabled: a disabled own rule switches its type's rule off
        List<RuleRow> rules = jdbc.sql("""
                select * from alarm_rule where not retired and ((device_type in (:types) and enabled) or device_id in (:ids))
                 order by id""")
                .param("types", types).param("ids", ids)
                .query((rs, n) -> new RuleRow(rs.getString("device_type"), rs.getObject("device_id", Long.class), rs.getBoolean("enabled"),
                        new AlarmRule(rs.getLong("id"), rs.getString("metric"), AlarmRule.Kind.valueOf(rs.getString("kind")),
                                rs.getInt("level"), rs.getObject("threshold", Double.class), rs.getInt("duration_seconds"),
                                rs.getDouble("hysteresis"))))
                .list();
        List<Device> devices = new ArrayList<>();
        for (Row row : rows) {
            List<AlarmRule> own = rules.stream().filter(r -> r.device() != null && r.device() == row.id()).map(RuleRow::rule).toList();
            List<AlarmRule> effective = new ArrayList<>(rules.stream()
                    .filter(r -> r.device() != null && r.device() == row.id() && r.enabled()).map(RuleRow::rule).toList());
            rules.stream().filter(r -> row.type().name().equals(r.type())).map(RuleRow::rule)
                    .filter(typeRule -> own.stream().noneMatch(o -> o.metric().equals(typeRule.metric())
                            && o.kind() == typeRule.kind() && o.level() == typeRule.level()))
                    .forEach(effective::add);
            devices.add(new Device(row.id(), row.code(), row.name(), row.type(), row.region(), row.industry(), row.enterprise(),
                    row.interval(), row.enabled(), List.copyOf(effective)));
        }
        return devices;
    }
}
