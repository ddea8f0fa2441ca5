package io.yingji.monitoring.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.audit.AuditTrail;
import io.yingji.monitoring.DeviceType;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alarm rules: those of each device type (seeded, read here), and a device's own rules, which replace
 * its type's rule of the same metric, kind and level (a gas detector in a paint shop alarming at 20
 * %LEL instead of 25, say).
 */
@RestController
@Tag(name = "监测预警 Monitoring")
class AlarmRuleController {

    static final Pattern METRIC = Pattern.compile("[A-Za-z0-9_.-]{1,32}|\\*");

    record RuleView(long id, @Nullable String deviceType, @Nullable Long deviceId, String metric, String kind, int level,
                    @Nullable Double threshold, int durationSeconds, double hysteresis, boolean enabled) {
    }

    /** The device's effective rules, each marked with where it comes from. */
    record EffectiveRule(RuleView rule, String source) {
    }

    record RuleDraft(@Nullable String metric, @Nullable String kind, @Nullable Integer level, @Nullable Double threshold,
                     @Nullable Integer durationSeconds, @Nullable Double hysteresis, @Nullable Boolean enabled) {
    }

    private final JdbcClient jdbc;
    private final DeviceRegistry registry;
    private final DeviceDirectory directory;
    private final CallerContext callers;
    private final AuditTrail audit;

    AlarmRuleController(JdbcClient jdbc, DeviceRegistry registry, DeviceDirectory directory, CallerContext callers, AuditTrail audit) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.directory = directory;
        this.callers = callers;
        this.audit = audit;
    }

    @GetMapping("/api/alarm-rules")
    @Operation(summary = "The rules of the device types (optionally one type)")
    List<RuleView> typeRules(@RequestParam(required = false) @Nullable String deviceType) {
        callers.requirePermission(Permissions.MONITORING_READ);
        if (deviceType != null && Arrays.stream(DeviceType.values()).noneMatch(t -> t.name().equals(deviceType))) {
            throw Problem.invalid("deviceType", "device.type.invalid", deviceType);
        }
        return jdbc.sql("select * from alarm_rule where device_type is not null and not retired"
                        + (deviceType == null ? "" : " and device_type = :type") + " order by device_type, metric, kind, level")
                .params(deviceType == null ? Map.of() : Map.of("type", deviceType))
                .query((rs, n) -> view(rs)).list();
    }

    @GetMapping("/api/devices/{id}/rules")
    @Operation(summary = "The rules a device is evaluated by: its own, and its type's where it has none of the same metric, kind and level")
    List<EffectiveRule> deviceRules(@PathVariable long id) {
        callers.requirePermission(Permissions.MONITORING_READ);
        DeviceRegistry.DeviceView device = registry.find(id).orElseThrow(() -> Problem.notFound("device", id));
        List<RuleView> own = jdbc.sql("select * from alarm_rule where device_id = :id and not retired order by metric, kind, level").param("id", id)
                .query((rs, n) -> view(rs)).list();
        List<EffectiveRule> effective = new ArrayList<>(own.stream().map(r -> new EffectiveRule(r, "DEVICE")).toList());
        jdbc.sql("select * from alarm_rule where device_type = :type and not retired order by metric, kind, level").param("type", device.type())
                .query((rs, n) -> view(rs)).list().stream()
                .filter(t -> own.stream().noneMatch(o -> o.metric().equals(t.metric()) && o.kind().equals(t.kind()) && o.level() == t.level()))
                .forEach(t -> effective.add(new EffectiveRule(t, "TYPE")));
        return effective;
    }

    @PostMapping("/api/devices/{id}/rules")
    @Operation(summary = "Set a device's own rule (replacing its earlier own rule of the same metric, kind and level)")
    @Transactional
    ResponseEntity<RuleView> setDeviceRule(@PathVariable long id, @RequestBody RuleDraft draft) {
        callers.requirePermission(Permissions.MONITORING_MANAGE);
        DeviceRegistry.DeviceView device = registry.find(id).orElseThrow(() -> Problem.outOfScope(registry.exists(id), "device", id));
        List<FieldProblem> problems = new ArrayList<>();
        String metric = draft.metric() == null ? "" : draft.metric().strip();
        AlarmRule.Kind kind = null;
        try {
            kind = AlarmRule.Kind.valueOf(String.valueOf(draft.kind()));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("kind", "alarm.rule.kind"));
        }
        if (kind == AlarmRule.Kind.OFFLINE) {
            metric = "*";
        } else if (!METRIC.matcher(metric).matches() || metric.equals("*")) {
            problems.add(new FieldProblem("metric", "alarm.rule.metric"));
        }
        if (draft.level() == null || draft.level() < 1 || draft.level() > 2) {
            problems.add(new FieldProblem("level", "alarm.level.invalid"));
        }
        if (kind != null && kind != AlarmRule.Kind.OFFLINE && (draft.threshold() == null || !Double.isFinite(draft.threshold()))) {
            problems.add(new FieldProblem("threshold", "alarm.rule.threshold"));
        }
        if (kind == AlarmRule.Kind.RATE && draft.threshold() != null && draft.threshold() <= 0) {
            problems.add(new FieldProblem("threshold", "alarm.rule.rate"));
        }
        int duration = draft.durationSeconds() == null ? 0 : draft.durationSeconds();
        if (duration < 0 || duration > 86_400) {
            problems.add(new FieldProblem("durationSeconds", "alarm.rule.duration", 0, 86_400));
        }
        double hysteresis = draft.hysteresis() == null ? 0 : draft.hysteresis();
        if (!Double.isFinite(hysteresis) || hysteresis < 0) {
            problems.add(new FieldProblem("hysteresis", "alarm.rule.hysteresis"));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        retire("device_id = :id and metric = :metric and kind = :kind and level = :level",
                Map.of("id", id, "metric", metric, "kind", kind.name(), "level", draft.level()));
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into alarm_rule (device_id, metric, kind, level, threshold, duration_seconds, hysteresis, enabled)
                values (:id, :metric, :kind, :level, :threshold, :duration, :hysteresis, :enabled)""")
                .param("id", id).param("metric", metric).param("kind", kind.name()).param("level", draft.level())
                .param("threshold", kind == AlarmRule.Kind.OFFLINE ? null : draft.threshold()).param("duration", duration)
                .param("hysteresis", hysteresis).param("enabled", draft.enabled() == null || draft.enabled())
                .update(keys, "id");
        long rule = keys.getKeyAs(Number.class).longValue();
        audit.record("device.rule", "device", String.valueOf(id), device.regionCode(),
                Map.of("rule", rule, "metric", metric, "kind", kind.name(), "level", draft.level(), "threshold", String.valueOf(draft.threshold())));
        directory.evict(device.code());
        RuleView created = jdbc.sql("select * from alarm_rule where id = :id").param("id", rule).query((rs, n) -> view(rs)).single();
        return ResponseEntity.status(201).body(created);
    }

    @DeleteMapping("/api/devices/{id}/rules/{ruleId}")
    @Operation(summary = "Remove a device's own rule (its type's rule applies again)")
    @Transactional
    ResponseEntity<Void> removeDeviceRule(@PathVariable long id, @PathVariable long ruleId) {
        callers.requirePermission(Permissions.MONITORING_MANAGE);
        DeviceRegistry.DeviceView device = registry.find(id).orElseThrow(() -> Problem.outOfScope(registry.exists(id), "device", id));
        if (retire("id = :rule and device_id = :id", Map.of("rule", ruleId, "id", id)) == 0) {
            throw Problem.notFound("alarm_rule", ruleId);
        }
        audit.record("device.rule.remove", "device", String.valueOf(id), device.regionCode(), Map.of("rule", ruleId));
        directory.evict(device.code());
        return ResponseEntity.noContent().build();
    }

    /** Deletes a device's own rules, or retires those alarms still refer to; answers how many. */
    private int retire(String where, Map<String, Object> params) {
        int retired = jdbc.sql("update alarm_rule set retired = true where not retired and " + where
                + " and exists (select 1 from alarm a where a.rule_id = alarm_rule.id)").params(params).update();
        int deleted = jdbc.sql("delete from alarm_rule where not retired and " + where
                + " and not exists (select 1 from alarm a where a.rule_id = alarm_rule.id)").params(params).update();
        return retired + deleted;
    }

    private static RuleView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new RuleView(rs.getLong("id"), rs.getString("device_type"), rs.getObject("device_id", Long.class), rs.getString("metric"),
                rs.getString("kind"), rs.getInt("level"), rs.getObject("threshold", Double.class), rs.getInt("duration_seconds"),
                rs.getDouble("hysteresis"), rs.getBoolean("enabled"));
    }
}
