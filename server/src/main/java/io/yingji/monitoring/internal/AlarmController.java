package io.yingji.monitoring.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.audit.AuditTrail;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem;
import io.yingji.shared.RegionCode;
import io.yingji.shared.Spreadsheet;
import io.yingji.shared.UtcTimestamps;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "监测预警 Monitoring")
class AlarmController {

    record AlarmDetail(AlarmView alarm, List<Alarms.HistoryEntry> history) {
    }

    record AlarmStep(@Nullable String comment, @Nullable String disposal, @Nullable Integer version) {
    }

    static final Set<String> STATUSES = Set.of("RAISED", "ACKNOWLEDGED", "HANDLED", "CLEARED");

    private final Alarms alarms;
    private final AlarmStream stream;
    private final CallerContext callers;
    private final AuditTrail audit;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final org.springframework.context.MessageSource messages;

    AlarmController(Alarms alarms, AlarmStream stream, CallerContext callers, AuditTrail audit,
                    org.springframework.jdbc.core.simple.JdbcClient jdbc, Clock clock,
                    org.springframework.context.ApplicationEventPublisher events,
                    org.springframework.context.MessageSource messages) {
        this.events = events;
        this.messages = messages;
        this.alarms = alarms;
        this.stream = stream;
        this.callers = callers;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @GetMapping("/api/alarms")
    @Operation(summary = "Alarms in scope, newest first; filters: region subtree, status, open only, level, kind, device, enterprise; "
            + "sort=raisedAt|lastBreachAt|level|status|kind|device|enterprise|region|peakValue[,asc|desc]")
    @Transactional(readOnly = true)
    PageOf<AlarmView> list(@RequestParam(required = false) @Nullable String regionCode,
                           @RequestParam(required = false) @Nullable String status,
                           @RequestParam(defaultValue = "false") boolean open,
                           @RequestParam(required = false) @Nullable Integer level,
                           @RequestParam(required = false) @Nullable String kind,
                           @RequestParam(required = false) @Nullable Long deviceId,
                           @RequestParam(required = false) @Nullable Long enterpriseId,
                           @RequestParam(required = false) @Nullable String sort,
                           @RequestParam(defaultValue = "0") int page,
                           @RequestParam(defaultValue = "20") int size) {
        callers.requirePermission(Permissions.MONITORING_READ);
        PageOf.check(page, size);
        return alarms.search(checked(new Alarms.AlarmSearch(regionCode, status, open, level, kind, deviceId, enterpriseId, sort)),
                page, size);
    }

    private static Alarms.AlarmSearch checked(Alarms.AlarmSearch search) {
        String regionCode = search.regionCode();
        String status = search.status();
        Integer level = search.level();
        String kind = search.kind();
        if (regionCode != null && !RegionCode.isValid(regionCode)) {
            throw Problem.invalid("regionCode", "enterprise.region.invalid", regionCode);
        }
        if (status != null && !STATUSES.contains(status)) {
            throw Problem.invalid("status", "alarm.status.invalid", status);
        }
        if (level != null && (level < 1 || level > 2)) {
            throw Problem.invalid("level", "alarm.level.invalid");
        }
        if (kind != null && java.util.Arrays.stream(AlarmRule.Kind.values()).noneMatch(k -> k.name().equals(kind))) {
            throw Problem.invalid("kind", "alarm.rule.kind");
        }
        return search;
    }

    /** At most this many alarms in one export. */
    static final int MAX_EXPORT = 50_000;

    private static final Map<String, String> STATUS_NAMES = Map.of("RAISED", "新报警", "ACKNOWLEDGED", "已确认", "HANDLED", "已处置",
            "CLEARED", "已消除");
    private static final Map<String, String> KIND_NAMES = Map.of("ABOVE", "超上限", "BELOW", "低于下限", "RATE", "变化过快",
            "OFFLINE", "设备离线");
    private static final Map<String, String> METRIC_NAMES = Map.of("lel", "可燃气体浓度", "ppm", "有毒气体浓度", "level", "液位",
            "rain", "雨量", "pressure", "压力", "temperature", "温度", "strain", "应变");

    /** The export's columns: what the list shows, in Chinese. */
    private static final List<Spreadsheet.Column<AlarmView>> EXPORT = List.of(
            new Spreadsheet.Column<>("报警时间", 20, AlarmView::raisedAt),
            new Spreadsheet.Column<>("设备编码", 18, AlarmView::deviceCode),
            new Spreadsheet.Column<>("设备名称", 30, AlarmView::deviceName),
            new Spreadsheet.Column<>("设备类型", 14, a -> io.yingji.monitoring.DeviceType.valueOf(a.deviceType()).nameZh()),
            new Spreadsheet.Column<>("指标", 14, a -> METRIC_NAMES.getOrDefault(a.metric(), a.metric())),
            new Spreadsheet.Column<>("报警类型", 10, a -> KIND_NAMES.getOrDefault(a.kind(), a.kind())),
            new Spreadsheet.Column<>("级别", 6, a -> a.level() == 2 ? "二级" : "一级"),
            new Spreadsheet.Column<>("状态", 8, a -> STATUS_NAMES.getOrDefault(a.status(), a.status())),
            new Spreadsheet.Column<>("所属企业", 30, AlarmView::enterpriseName),
            new Spreadsheet.Column<>("所在区划", 16, AlarmView::regionName),
            new Spreadsheet.Column<>("行政区划代码", 14, AlarmView::regionCode),
            new Spreadsheet.Column<>("阈值", 10, AlarmView::threshold),
            new Spreadsheet.Column<>("当前值", 10, AlarmView::lastValue),
            new Spreadsheet.Column<>("峰值", 10, AlarmView::peakValue),
            new Spreadsheet.Column<>("最近超限", 20, AlarmView::lastBreachAt),
            new Spreadsheet.Column<>("恢复时间", 20, AlarmView::recoveredAt),
            new Spreadsheet.Column<>("确认时间", 20, AlarmView::acknowledgedAt),
            new Spreadsheet.Column<>("处置时间", 20, AlarmView::handledAt),
            new Spreadsheet.Column<>("处置情况", 40, AlarmView::disposal),
            new Spreadsheet.Column<>("消除时间", 20, AlarmView::clearedAt));

    @GetMapping("/api/alarms/export")
    @Operation(summary = "The filtered alarm list (within scope, in the list's order) as an Excel file")
    @Transactional
    void export(@RequestParam(required = false) @Nullable String regionCode,
                @RequestParam(required = false) @Nullable String status,
                @RequestParam(defaultValue = "false") boolean open,
                @RequestParam(required = false) @Nullable Integer level,
                @RequestParam(required = false) @Nullable String kind,
                @RequestParam(required = false) @Nullable Long deviceId,
                @RequestParam(required = false) @Nullable Long enterpriseId,
                @RequestParam(required = false) @Nullable String sort,
                HttpServletResponse response) throws IOException {
        callers.requirePermission(Permissions.MONITORING_READ);
        Alarms.AlarmSearch search = checked(new Alarms.AlarmSearch(regionCode, status, open, level, kind, deviceId, enterpriseId, sort));
        PageOf<AlarmView> all = alarms.search(search, 0, MAX_EXPORT);
        if (all.totalElements() > MAX_EXPORT) {
            throw Problem.invalid("regionCode", "alarm.export.too-many", all.totalElements(), MAX_EXPORT);
        }
        audit.recordExport("alarm", "alarm", regionCode, search, all.content().size());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Spreadsheet.attachment("报警记录.xlsx"));
        response.setContentType(Spreadsheet.CONTENT_TYPE);
        Spreadsheet.write("报警记录", EXPORT, all.content(), response.getOutputStream());
    }

    @GetMapping(path = "/api/alarms/stream", produces = "text/event-stream")
    @Operation(summary = "Server-Sent Events: every alarm change within the caller's scope, as it happens (event name 'alarm')")
    SseEmitter stream() {
        Caller caller = callers.requirePermission(Permissions.MONITORING_READ);
        return stream.subscribe(caller.scope());
    }

    @GetMapping("/api/alarms/{id}")
    @Operation(summary = "One alarm with its history")
    @Transactional(readOnly = true)
    AlarmDetail get(@PathVariable long id) {
        callers.requirePermission(Permissions.MONITORING_READ);
        AlarmView alarm = alarms.visible(id).orElseThrow(() -> Problem.notFound("alarm", id));
        return new AlarmDetail(alarm, alarms.history(id));
    }

    @PostMapping("/api/alarms/{id}/acknowledge")
    @Operation(summary = "Acknowledge (确认) a raised alarm: someone is on it; stops its escalation")
    @Transactional
    AlarmView acknowledge(@PathVariable long id, @RequestBody(required = false) @Nullable AlarmStep step) {
        Caller caller = actor(id);
        AlarmView alarm = current(id, step);
        if (!alarm.status().equals("RAISED")) {
            throw Problem.conflict("alarm.transition.acknowledge", alarm.status());
        }
        alarms.step(id, List.of("RAISED"), step == null ? null : step.version(), "alarm.transition.acknowledge",
                "status = 'ACKNOWLEDGED', acknowledged_by = :by, acknowledged_at = :at",
                Map.of("by", caller.username(), "at", UtcTimestamps.of(clock.instant())));
        return after(id, "acknowledge", caller, comment(step), alarm);
    }

    @PostMapping("/api/alarms/{id}/handle")
    @Operation(summary = "Record the disposal (处置) of an alarm; it clears once its condition is back to normal")
    @Transactional
    AlarmView handle(@PathVariable long id, @RequestBody AlarmStep step) {
        Caller caller = actor(id);
        AlarmView alarm = current(id, step);
        if (!alarm.status().equals("RAISED") && !alarm.status().equals("ACKNOWLEDGED")) {
            throw Problem.conflict("alarm.transition.handle", alarm.status());
        }
        String disposal = step.disposal() == null ? "" : step.disposal().strip();
        if (disposal.isEmpty()) {
            throw Problem.invalid("disposal", "alarm.disposal.required");
        }
        if (disposal.length() > 2000) {
            throw Problem.invalid("disposal", "problem.field.too-long", 2000);
        }
        Instant now = clock.instant();
        alarms.step(id, List.of("RAISED", "ACKNOWLEDGED"), step.version(), "alarm.transition.handle", """
                status = 'HANDLED', handled_by = :by, handled_at = :at, disposal = :disposal,
                acknowledged_by = coalesce(acknowledged_by, :by), acknowledged_at = coalesce(acknowledged_at, :at)""",
                Map.of("by", caller.username(), "at", UtcTimestamps.of(now), "disposal", disposal));
        alarms.record(id, "handle", caller.username(), disposal);
        alarms.clearIfDone(id, now);
        return after(id, null, caller, null, alarm);
    }

    record HazardRequest(@Nullable String title, @Nullable String description) {
    }

    @PostMapping("/api/alarms/{id}/hazard")
    @Operation(summary = "Open a hidden hazard from the alarm (once per alarm); the hazard module creates it from a module event, "
            + "find it with GET /api/hazards?alarmId={id}")
    @Transactional
    org.springframework.http.ResponseEntity<AlarmView> openHazard(@PathVariable long id, @RequestBody(required = false) @Nullable HazardRequest body) {
        Caller caller = actor(id);
        // the row lock makes a concurrent request wait for this one and then see its history entry
        alarms.lock(id);
        AlarmView alarm = current(id, null);
        if (jdbc.sql("select count(*) from alarm_event where alarm_id = :id and action = 'hazard'").param("id", id)
                .query(Long.class).single() > 0) {
            throw Problem.conflict("alarm.hazard.already");
        }
        java.util.Locale zh = java.util.Locale.SIMPLIFIED_CHINESE;
        String level = messages.getMessage("alarm.level." + alarm.level(), null, zh);
        String kindName = messages.getMessage("alarm.kind." + alarm.kind(), null, zh);
        String title = body == null || body.title() == null || body.title().isBlank()
                ? messages.getMessage("alarm.hazard.title", new Object[] {alarm.deviceName(), level, kindName}, zh) : body.title().strip();
        String description = body == null || body.description() == null || body.description().isBlank()
                ? messages.getMessage("alarm.hazard.description", new Object[] {alarm.deviceName(), alarm.deviceCode(), level, kindName,
                        alarm.metric(), alarm.peakValue() == null ? "—" : String.valueOf(alarm.peakValue()),
                        alarm.threshold() == null ? "—" : String.valueOf(alarm.threshold()),
                        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.of("Asia/Shanghai"))
                                .format(alarm.raisedAt())}, zh)
                : body.description().strip();
        if (title.length() > 128) {
            throw Problem.invalid("title", "problem.field.too-long", 128);
        }
        if (description.length() > 2000) {
            throw Problem.invalid("description", "problem.field.too-long", 2000);
        }
        alarms.record(id, "hazard", caller.username(), title);
        events.publishEvent(new io.yingji.monitoring.AlarmHazardRequested(id, caller.username(), alarm.enterpriseId(),
                alarm.regionCode(), alarm.industry(), title, description, alarm.longitude(), alarm.latitude()));
        audit.record("alarm.hazard", "alarm", String.valueOf(id), alarm.regionCode(), Map.of("title", title));
        return org.springframework.http.ResponseEntity.accepted().body(alarms.view(id).orElseThrow());
    }

    private Caller actor(long id) {
        Caller caller = callers.requirePermission(Permissions.MONITORING_READ);
        if (alarms.visible(id).isEmpty()) {
            throw Problem.notFound("alarm", id);
        }
        if (!caller.can(Permissions.ALARM_HANDLE)) {
            throw Problem.forbidden();
        }
        return caller;
    }

    private AlarmView current(long id, @Nullable AlarmStep step) {
        AlarmView alarm = alarms.visible(id).orElseThrow(() -> Problem.notFound("alarm", id));
        if (step != null && step.version() != null && step.version() != alarm.version()) {
            throw Problem.conflict("problem.version.stale");
        }
        return alarm;
    }

    private static @Nullable String comment(@Nullable AlarmStep step) {
        if (step == null || step.comment() == null || step.comment().isBlank()) {
            return null;
        }
        String comment = step.comment().strip();
        if (comment.length() > 2000) {
            throw Problem.invalid("comment", "problem.field.too-long", 2000);
        }
        return comment;
    }

    private AlarmView after(long id, @Nullable String action, Caller caller, @Nullable String comment, AlarmView before) {
        if (action != null) {
            alarms.record(id, action, caller.username(), comment);
        }
        AlarmView now = alarms.view(id).orElseThrow();
        audit.record("alarm." + (action == null ? now.status().toLowerCase(java.util.Locale.ROOT) : action), "alarm",
                String.valueOf(id), now.regionCode(), Map.of("status", List.of(before.status(), now.status())));
        alarms.changed(id);
        return alarms.view(id).orElseThrow();
    }
}
