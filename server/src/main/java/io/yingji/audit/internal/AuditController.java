package io.yingji.audit.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.access.ScopeColumns;
import io.yingji.access.ScopedQueries;
import io.yingji.audit.AuditTrail;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem;
import io.yingji.shared.SortOrder;
import io.yingji.shared.Spreadsheet;
import io.yingji.shared.UtcTimestamps;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Search of the audit trail for auditors, limited to the records of their region: who (name and
 * office), what (the action's name in the caller's language), and each changed field as before → after.
 */
@RestController
@Tag(name = "审计 Audit trail")
class AuditController {

    /** One changed field: before and after for an update; only {@code after} for a new record's values. */
    record Change(String field, String label, @Nullable String before, @Nullable String after, boolean update) {
    }

    record AuditEntry(long id, Instant occurredAt, @Nullable Long actorId, String actorUsername,
                      @Nullable String actorName, @Nullable String actorOffice,
                      @Nullable String remoteAddress, String action, String actionName, String entityType,
                      String entityName, @Nullable String entityId, @Nullable String regionCode,
                      @Nullable String changes, List<Change> changeList) {
    }

    /** An action an auditor may filter by, with its name. */
    record Action(String code, String name) {
    }

    /** The filters of a search; the caller's region always applies on top. */
    record AuditSearch(@Nullable String actor, @Nullable String action, @Nullable String entityType,
                       @Nullable String entityId, @Nullable Instant from, @Nullable Instant to, @Nullable String sort) {
    }

    /** Every action the modules record, in the order the picker lists them (names in audit.properties). */
    static final List<String> ACTIONS = List.of(
            "login", "login.failed", "login.locked", "logout", "user.create", "department.create",
            "enterprise.create", "enterprise.update", "enterprise.import", "enterprise.export",
            "hazard-source.create", "hazard-source.delete", "risk-point.create", "risk-point.update", "risk-point.assess",
            "risk-point.export", "risk.commitment", "commitment.remind", "commitment.export", "risk-zone.import", "risk-zone.export",
            "inspection.create",
            "hazard.report", "hazard.verify", "hazard.dismiss", "hazard.assign", "hazard.progress", "hazard.complete",
            "hazard.accept", "hazard.reject", "hazard.attach", "hazard.escalate",
            "hazard.export",
            "device.register", "device.change", "device.key", "device.export", "device.rule", "device.rule.remove",
            "alarm.rule.type", "alarm.rule.type.remove", "alarm.acknowledge", "alarm.handled", "alarm.cleared", "alarm.hazard",
            "alarm.export",
            "telemetry.gateway",
            "warning.draft", "warning.draft-update", "warning.draft-cancel", "warning.edit", "warning.submit",
            "warning.approve", "warning.reject", "warning.discard", "warning.cancel", "warning.superseded",
            "warning.cancelled", "warning.expire", "warning.import", "warning.export", "warning.remind", "warning.contact.add", "warning.contact.remove",
            "audit.export");

    static final int MAX_EXPORT = 50_000;

    private static final ScopeColumns COLUMNS = ScopeColumns.region("a.region_code");

    /** Who acted: the account's name, and its office (department, or the enterprise of an enterprise user). */
    private static final String FROM = " from audit_event a"
            + " left join app_user u on u.id = a.actor_id"
            + " left join department dep on dep.id = u.department_id"
            + " left join enterprise ent on ent.id = u.enterprise_id";

    static final SortOrder SORT = SortOrder.of(Map.of(
            "occurredAt", "a.occurred_at", "actor", "coalesce(u.display_name, a.actor_username)", "action", "a.action",
            "entityType", "a.entity_type"), "a.id desc");

    private final ScopedQueries scoped;
    private final CallerContext callers;
    private final MessageSource messages;
    private final JsonMapper json;
    private final AuditTrail audit;

    AuditController(ScopedQueries scoped, CallerContext callers, MessageSource messages, JsonMapper json, AuditTrail audit) {
        this.audit = audit;
        this.scoped = scoped;
        this.callers = callers;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/api/audit")
    @Operation(summary = "Search the audit trail (newest first); actor matches a person's name (part of it) or login name; "
            + "from/to bound the time (to exclusive); sort=occurredAt|actor|action|entityType[,asc|desc]")
    PageOf<AuditEntry> search(@RequestParam(required = false) @Nullable String actor,
                              @RequestParam(required = false) @Nullable String action,
                              @RequestParam(required = false) @Nullable String entityType,
                              @RequestParam(required = false) @Nullable String entityId,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
                              @RequestParam(required = false) @Nullable String sort,
                              @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "50") int size) {
        callers.requirePermission(Permissions.AUDIT_READ);
        PageOf.check(page, size);
        return find(new AuditSearch(actor, action, entityType, entityId, from, to, sort), page, size);
    }

    @GetMapping("/api/audit/actions")
    @Operation(summary = "The actions the audit trail records, with their names in the caller's language (the filter's picker)")
    List<Action> actions() {
        callers.requirePermission(Permissions.AUDIT_READ);
        Locale locale = LocaleContextHolder.getLocale();
        return ACTIONS.stream().map(code -> new Action(code, actionName(code, locale))).toList();
    }

    @GetMapping("/api/audit/export")
    @Operation(summary = "The search's records (within the caller's region, in the list's order) as an Excel file")
    void export(@RequestParam(required = false) @Nullable String actor,
                @RequestParam(required = false) @Nullable String action,
                @RequestParam(required = false) @Nullable String entityType,
                @RequestParam(required = false) @Nullable String entityId,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
                @RequestParam(required = false) @Nullable String sort,
                HttpServletResponse response) throws IOException {
        callers.requirePermission(Permissions.AUDIT_READ);
        AuditSearch search = new AuditSearch(actor, action, entityType, entityId, from, to, sort);
        PageOf<AuditEntry> all = find(search, 0, MAX_EXPORT);
        if (all.totalElements() > MAX_EXPORT) {
            throw Problem.invalid("from", "audit.export.too-many", all.totalElements(), MAX_EXPORT);
        }
        audit.recordExport("audit", "audit_event", null, search, all.content().size());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Spreadsheet.attachment(label("audit.entity.audit_event") + ".xlsx"));
        response.setContentType(Spreadsheet.CONTENT_TYPE);
        Spreadsheet.write(label("audit.entity.audit_event"), exportColumns(), all.content(), response.getOutputStream());
    }

    private List<Spreadsheet.Column<AuditEntry>> exportColumns() {
        return List.of(
                new Spreadsheet.Column<>(label("audit.export.time"), 20, AuditEntry::occurredAt),
                new Spreadsheet.Column<>(label("audit.export.person"), 14, e -> e.actorName() != null ? e.actorName() : e.actorUsername()),
                new Spreadsheet.Column<>(label("audit.export.username"), 14, AuditEntry::actorUsername),
                new Spreadsheet.Column<>(label("audit.export.office"), 24, AuditEntry::actorOffice),
                new Spreadsheet.Column<>(label("audit.export.action"), 18, AuditEntry::actionName),
                new Spreadsheet.Column<>(label("audit.export.record"), 18,
                        e -> e.entityName() + (e.entityId() == null ? "" : " " + e.entityId())),
                new Spreadsheet.Column<>(label("audit.export.changes"), 60, e -> e.changeList().stream()
                        .map(c -> c.label() + "：" + (c.update() ? show(c.before()) + " → " + show(c.after()) : show(c.after())))
                        .collect(Collectors.joining("；"))),
                new Spreadsheet.Column<>(label("audit.export.address"), 16, AuditEntry::remoteAddress));
    }

    private static String show(@Nullable String value) {
        return value == null || value.isEmpty() ? "—" : value;
    }

    private PageOf<AuditEntry> find(AuditSearch search, int page, int size) {
        String order = SORT.orderBy(search.sort());
        List<String> where = new ArrayList<>(List.of(ScopedQueries.MARKER));
        Map<String, Object> params = new LinkedHashMap<>();
        if (search.actor() != null && !search.actor().isBlank()) {
            where.add("(a.actor_username = :actor or u.display_name like :actorName)");
            params.put("actor", search.actor().strip());
            params.put("actorName", "%" + search.actor().strip().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (search.action() != null && !search.action().isBlank()) {
            where.add("a.action = :action");
            params.put("action", search.action());
        }
        if (search.entityType() != null && !search.entityType().isBlank()) {
            where.add("a.entity_type = :entityType");
            params.put("entityType", search.entityType());
        }
        if (search.entityId() != null && !search.entityId().isBlank()) {
            where.add("a.entity_id = :entityId");
            params.put("entityId", search.entityId());
        }
        if (search.from() != null) {
            where.add("a.occurred_at >= :from");
            params.put("from", UtcTimestamps.of(search.from()));
        }
        if (search.to() != null) {
            where.add("a.occurred_at < :to");
            params.put("to", UtcTimestamps.of(search.to()));
        }
        if (search.from() != null && search.to() != null && !search.from().isBefore(search.to())) {
            throw Problem.invalid("to", "problem.range.order");
        }
        String condition = " where " + String.join(" and ", where);
        var count = scoped.sql("select count(*)" + FROM + condition, COLUMNS);
        params.forEach(count::param);
        long total = count.query(Long.class).single();
        var select = scoped.sql("select a.*, u.display_name, coalesce(dep.name, ent.name) as office" + FROM + condition
                + order + " limit :limit offset :offset", COLUMNS);
        params.forEach(select::param);
        Locale locale = LocaleContextHolder.getLocale();
        List<AuditEntry> content = select.param("limit", size).param("offset", (long) page * size)
                .query((rs, n) -> entry(rs, locale))
                .list();
        return PageOf.of(content, page, size, total);
    }

    private AuditEntry entry(ResultSet rs, Locale locale) throws SQLException {
        String action = rs.getString("action");
        String entityType = rs.getString("entity_type");
        String changes = rs.getString("changes");
        Long actorId = rs.getObject("actor_id", Long.class);
        String username = rs.getString("actor_username");
        String name = rs.getString("display_name");
        if (actorId == null && "system".equals(username)) {
            name = messages.getMessage("audit.system", null, username, locale);
        }
        return new AuditEntry(rs.getLong("id"), UtcTimestamps.read(rs, "occurred_at"), actorId, username, name,
                rs.getString("office"), rs.getString("remote_address"), action, actionName(action, locale), entityType,
                messages.getMessage("audit.entity." + entityType, null, entityType, locale), rs.getString("entity_id"),
                rs.getString("region_code"), changes, changeList(changes, locale));
    }

    private String actionName(String code, Locale locale) {
        return messages.getMessage("audit.action." + code, null, code, locale);
    }

    private String label(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    /** The stored changes (field → [old, new], or field → value) as readable lines; unreadable text stays raw. */
    private List<Change> changeList(@Nullable String changes, Locale locale) {
        if (changes == null || changes.isBlank()) {
            return List.of();
        }
        JsonNode tree;
        try {
            tree = json.readTree(changes);
        } catch (JacksonException unreadable) {
            return List.of();
        }
        if (!tree.isObject()) {
            return List.of();
        }
        List<Change> lines = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : tree.properties()) {
            String label = messages.getMessage("audit.field." + field.getKey(), null, field.getKey(), locale);
            JsonNode value = field.getValue();
            if (value.isArray() && value.size() == 2) {
                lines.add(new Change(field.getKey(), label, text(value.get(0), locale), text(value.get(1), locale), true));
            } else {
                lines.add(new Change(field.getKey(), label, null, text(value, locale), false));
            }
        }
        return lines;
    }

    private @Nullable String text(@Nullable JsonNode value, Locale locale) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return messages.getMessage("audit.value." + value.asBoolean(), null, String.valueOf(value.asBoolean()), locale);
        }
        if (value.isValueNode()) {
            return value.asString();
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(String.valueOf(text(item, locale))));
            return String.join("、", items);
        }
        return value.toString();
    }
}
