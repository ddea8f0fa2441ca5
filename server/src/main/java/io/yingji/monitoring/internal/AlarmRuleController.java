package io.yingji.monitoring.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.CallerContext;
import io.yingji.access.Caller;
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
 * Alarm rules: those of each device type (seeded; changed only by a manager at the top of the region
 * tree), and a device's own rules, which replace
 * its type's rule of the same metric, kind and level (a gas detector in a paint shop alarming at 20
 * %LEL instead of 25, say).
 */
@RestController
@Tag(name = "监测预警 Monitoring")
class AlarmRuleController {

    /**
     * The largest threshold, in either direction, and the farthest point where an alarm may recover
     * (threshold minus or plus the hysteresis): far beyond any sensor's range, so 1e308 or 2^70 is a typo.
     */
    static final int MAX_THRESHOLD = 1_000_000_000;
    static final Pattern METRIC = Pattern.compile("[A-Za-z0-9_.-]{1,32}|\\*");

    record RuleView(long id, @Nullable String deviceType, @Nullable Long deviceId, String metric, String kind, int level,
                    @Nullable Double threshold, int durationSeconds, double hysteresis, boolean enabled) {
    }

    /** The device's effective rules, each marked with where it comes from. */
    record EffectiveRule(RuleView rule, String source) {
    }

    /** A type rule: the device type and the rule, flat in JSON. */
    record TypeRuleDraft(@Nullable String deviceType, @Nullable String metric, @Nullable String kind, @Nullable Integer level,
                         @Nullable Double threshold, @Nullable Integer durationSeconds, @Nullable Double hysteresis,
                         @Nullable Boolean enabled) {
        RuleDraft rule() {
            return new RuleDraft(metric, kind, level, threshold, durationSeconds, hysteresis, enabled);
        }
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
        DeviceRegistry.DeviceView device = registry.find(id).orElseThrow(() -> Problem.outOfScope("device", id));
        Valid rule = validate(draft, new ArrayList<>());
        retire("device_id = :id and metric = :metric and kind = :kind and level = :level",
                Map.of("id", id, "metric", rule.metric(), "kind", rule.kind().name(), "level", rule.level()));
        long created = insert("device_id", id, rule);
        audit.record("device.rule", "device", String.valueOf(id), device.regionCode(),
                Map.of("rule", created, "metric", rule.metric(), "kind", rule.kind().name(), "level", rule.level(),
                        "threshold", String.valueOf(rule.threshold())));
        directory.evict(device.code());
        return ResponseEntity.status(201).body(find(created));
    }

    @DeleteMapping("/api/devices/{id}/rules/{ruleId}")
    @Operation(summary = "Remove a device's own rule (its type's rule applies again)")
    @Transactional
    ResponseEntity<Void> removeDeviceRule(@PathVariable long id, @PathVariable long ruleId) {
        callers.requirePermission(Permissions.MONITORING_MANAGE);
        DeviceRegistry.DeviceView device = registry.find(id).orElseThrow(() -> Problem.outOfScope("device", id));
        if (retire("id = :rule and device_id = :id", Map.of("rule", ruleId, "id", id)) == 0) {
            throw Problem.notFound("alarm_rule", ruleId);
        }
        audit.record("device.rule.remove", "device", String.valueOf(id), device.regionCode(), Map.of("rule", ruleId));
        directory.evict(device.code());
        return ResponseEntity.noContent().build();
    }

    /** A rule draft that passed validation, normalised (an offline rule has metric "*" and no threshold). */
    private record Valid(String metric, AlarmRule.Kind kind, int level, @Nullable Double threshold, int durationSeconds,
                         double hysteresis, boolean enabled) {
    }

    /** Checks a draft; {@code problems} may already hold the caller's own findings. Throws 400 listing them all. */
    private static Valid validate(RuleDraft draft, List<FieldProblem> problems) {
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
        boolean thresholdInRange = draft.threshold() == null || Math.abs(draft.threshold()) <= MAX_THRESHOLD;
        if (!thresholdInRange && kind != AlarmRule.Kind.OFFLINE) {
            problems.add(new FieldProblem("threshold", "alarm.rule.threshold.range", MAX_THRESHOLD));
        }
        double hysteresis = draft.hysteresis() == null ? 0 : draft.hysteresis();
        if (!Double.isFinite(hysteresis) || hysteresis < 0) {
            problems.add(new FieldProblem("hysteresis", "alarm.rule.hysteresis"));
        } else if (kind == AlarmRule.Kind.RATE && draft.threshold() != null && draft.threshold() > 0
                && hysteresis >= draft.threshold()) {
            problems.add(new FieldProblem("hysteresis", "alarm.rule.hysteresis.rate"));
        } else if (draft.threshold() != null && thresholdInRange
                && (kind == AlarmRule.Kind.ABOVE && draft.threshold() - hysteresis < -MAX_THRESHOLD
                    || kind == AlarmRule.Kind.BELOW && draft.threshold() + hysteresis > MAX_THRESHOLD)) {
            problems.add(new FieldProblem("hysteresis", "alarm.rule.hysteresis.span", MAX_THRESHOLD));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        return new Valid(metric, kind, draft.level(), kind == AlarmRule.Kind.OFFLINE ? null : draft.threshold(), duration, hysteresis,
                draft.enabled() == null || draft.enabled());
    }

    private long insert(String targetColumn, Object target, Valid rule) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into alarm_rule (" + targetColumn + ", metric, kind, level, threshold, duration_seconds, hysteresis, enabled)"
                        + " values (:target, :metric, :kind, :level, :threshold, :duration, :hysteresis, :enabled)")
                .param("target", target).param("metric", rule.metric()).param("kind", rule.kind().name()).param("level", rule.level())
                .param("threshold", rule.threshold()).param("duration", rule.durationSeconds())
                .param("hysteresis", rule.hysteresis()).param("enabled", rule.enabled())
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    private RuleView find(long id) {
        return jdbc.sql("select * from alarm_rule where id = :id").param("id", id).query((rs, n) -> view(rs)).single();
    }

    /**
     * Type rules apply to every device of the type on the whole platform, so only a manager at the top of
     * the region tree (the province in the demo) may change them; everyone else sets device rules.
     */
    private void requireTypeRuleManager() {
        Caller caller = callers.requirePermission(Permissions.MONITORING_MANAGE);
        boolean top = caller.enterpriseId() == null && caller.industries().isEmpty()
                && jdbc.sql("select count(*) from region where code = :code and parent_code is null")
                        .param("code", caller.region().value()).query(Long.class).single() > 0;
        if (!top) {
            throw new Problem(403, "alarm.rule.type-manager");
        }
    }

    @PostMapping("/api/alarm-rules")
    @Operation(summary = "Set a device type's rule (replacing the type's earlier rule of the same metric, kind and level)",
            description = "Only a manager at the top of the region tree; the type's devices are evaluated by it from their next reading.")
    @Transactional
    ResponseEntity<RuleView> setTypeRule(@RequestBody TypeRuleDraft draft) {
        requireTypeRuleManager();
        List<FieldProblem> problems = new ArrayList<>();
        if (draft.deviceType() == null || Arrays.stream(DeviceType.values()).noneMatch(t -> t.name().equals(draft.deviceType()))) {
            problems.add(new FieldProblem("deviceType", "device.type.invalid", String.valueOf(draft.deviceType())));
        }
        Valid rule = validate(draft.rule(), problems);
        retire("device_type = :type and metric = :metric and kind = :kind and level = :level",
                Map.of("type", draft.deviceType(), "metric", rule.metric(), "kind", rule.kind().name(), "level", rule.level()));
        long created = insert("device_type", draft.deviceType(), rule);
        audit.record("alarm.rule.type", "alarm_rule", String.valueOf(created), callers.require().region().value(),
                Map.of("deviceType", draft.deviceType(), "metric", rule.metric(), "kind", rule.kind().name(), "level", rule.level(),
                        "threshold", String.valueOf(rule.threshold())));
        directory.evictAll();
        return ResponseEntity.status(201).body(find(created));
    }

    @DeleteMapping("/api/alarm-rules/{ruleId}")
    @Operation(summary = "Remove a device type's rule (rules alarms still point to are retired, not deleted)")
    @Transactional
    ResponseEntity<Void> removeTypeRule(@PathVariable long ruleId) {
        requireTypeRuleManager();
        if (retire("id = :rule and device_type is not null", Map.of("rule", ruleId)) == 0) {
            throw Problem.notFound("alarm_rule", ruleId);
        }
        audit.record("alarm.rule.type.remove", "alarm_rule", String.valueOf(ruleId), callers.require().region().value(), Map.of("rule", ruleId));
        directory.evictAll();
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
