package io.yingji.audit.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.access.ScopeColumns;
import io.yingji.access.ScopedQueries;
import io.yingji.audit.AuditTrail;
import io.yingji.shared.PageOf;
import io.yingji.shared.Industry;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
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
            "delivery.export",
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
    private final JdbcClient jdbc;

    AuditController(ScopedQueries scoped, CallerContext callers, MessageSource messages, JsonMapper json, AuditTrail audit,
                    JdbcClient jdbc) {
        this.audit = audit;
        this.jdbc = jdbc;
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
        Readable readable = new Readable(LocaleContextHolder.getLocale());
        List<AuditEntry> content = select.param("limit", size).param("offset", (long) page * size)
                .query((rs, n) -> entry(rs, readable))
                .list();
        return PageOf.of(content, page, size, total);
    }

    private AuditEntry entry(ResultSet rs, Readable readable) throws SQLException {
        Locale locale = readable.locale;
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
                rs.getString("region_code"), changes, readable.changes(entityType, changes));
    }

    private String actionName(String code, Locale locale) {
        return messages.getMessage("audit.action." + code, null, code, locale);
    }

    private String label(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    /**
     * Turns stored changes into what an auditor reads: field names and coded values (statuses, levels,
     * sources, industries) in the caller's language, looked up per kind of record first
     * ({@code audit.field.<entity>.<field>}, {@code audit.value.<entity>.<field>.<code>}) and then for
     * every record ({@code audit.field.<field>}, {@code audit.value.<field>.<code>}); references to a region,
     * department or enterprise by their names. Proper data (names, addresses, titles) stays as written.
     * One per search: it remembers the names it looked up.
     */
    final class Readable {

        /** Fields that hold a reference, and the query that answers its name. */
        private static final Map<String, String> REFERENCES = Map.of(
                "regionCode", "select name from region where code = :id",
                "departmentId", "select name from department where cast(id as varchar(20)) = :id",
                "supervisingDepartmentId", "select name from department where cast(id as varchar(20)) = :id",
                "enterpriseId", "select name from enterprise where cast(id as varchar(20)) = :id");

        private final Locale locale;
        private final Map<String, String> names = new HashMap<>();

        Readable(Locale locale) {
            this.locale = locale;
        }

        /** The stored changes (field → [old, new], or field → value) as readable lines; unreadable text gives none. */
        List<Change> changes(String entityType, @Nullable String changes) {
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
                String name = field.getKey();
                String label = message("audit.field." + entityType + "." + name,
                        message("audit.field." + name, name));
                JsonNode value = field.getValue();
                if (value.isArray() && value.size() == 2) {
                    lines.add(new Change(name, label, text(entityType, name, value.get(0)),
                            text(entityType, name, value.get(1)), true));
                } else {
                    lines.add(new Change(name, label, null, text(entityType, name, value), false));
                }
            }
            return lines;
        }

        private @Nullable String text(String entityType, String field, @Nullable JsonNode value) {
            if (value == null || value.isNull()) {
                return null;
            }
            if (value.isBoolean()) {
                return message("audit.value." + value.asBoolean(), String.valueOf(value.asBoolean()));
            }
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(String.valueOf(text(entityType, field, item))));
                return String.join("、", items);
            }
            if (!value.isValueNode()) {
                return value.toString();
            }
            String raw = value.asString();
            if (raw.isEmpty()) {
                return raw;
            }
            if (field.equals("industry") || field.equals("industries")) {
                return industries(raw);
            }
            if (field.equals("roles")) {
                return String.join("、", codes(raw).stream().map(this::role).toList());
            }
            String query = REFERENCES.get(field);
            if (query != null) {
                String name = names.computeIfAbsent(field + ":" + raw, key -> jdbc.sql(query).param("id", raw)
                        .query(String.class).optional().orElse(""));
                return name.isEmpty() ? raw : name + "（" + raw + "）";
            }
            return message("audit.value." + entityType + "." + field + "." + raw,
                    message("audit.value." + field + "." + raw, raw));
        }

        /** Industry codes, one or a list ("[CHEMICAL, GAS]" or "CHEMICAL,GAS"), by their names. */
        private String industries(String raw) {
            List<String> out = new ArrayList<>();
            for (String code : codes(raw)) {
                try {
                    Industry industry = Industry.valueOf(code);
                    out.add(english() ? industry.nameEn() : industry.nameZh());
                } catch (IllegalArgumentException unknown) {
                    out.add(code);
                }
            }
            return String.join("、", out);
        }

        private String role(String code) {
            return names.computeIfAbsent("role:" + code, key -> jdbc
                    .sql("select " + (english() ? "name_en" : "name_zh") + " from role where code = :code")
                    .param("code", code).query(String.class).optional().orElse(code));
        }

        private boolean english() {
            return locale.getLanguage().equals("en");
        }

        /** The codes of a list as stored: "[A, B]" or "A,B". */
        private static List<String> codes(String raw) {
            return java.util.Arrays.stream(raw.replace("[", "").replace("]", "").split(","))
                    .map(String::strip).filter(code -> !code.isEmpty()).toList();
        }

        private String message(String key, String fallback) {
            return messages.getMessage(key, null, fallback, locale);
        }
    }
}
