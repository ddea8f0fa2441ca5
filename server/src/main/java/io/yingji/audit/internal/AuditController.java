package io.yingji.audit.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.access.ScopeColumns;
import io.yingji.access.ScopedQueries;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem;
import io.yingji.shared.UtcTimestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Search of the audit trail for auditors, limited to the records of their region. */
@RestController
@Tag(name = "审计 Audit trail")
class AuditController {

    record AuditEntry(long id, Instant occurredAt, @Nullable Long actorId, String actorUsername,
                      @Nullable String remoteAddress, String action, String entityType, @Nullable String entityId,
                      @Nullable String regionCode, @Nullable String changes) {
    }

    private static final ScopeColumns COLUMNS = ScopeColumns.region("a.region_code");

    private final ScopedQueries scoped;
    private final CallerContext callers;

    AuditController(ScopedQueries scoped, CallerContext callers) {
        this.scoped = scoped;
        this.callers = callers;
    }

    @GetMapping("/api/audit")
    @Operation(summary = "Search the audit trail (newest first)")
    PageOf<AuditEntry> search(@RequestParam(required = false) @Nullable String actor,
                              @RequestParam(required = false) @Nullable String action,
                              @RequestParam(required = false) @Nullable String entityType,
                              @RequestParam(required = false) @Nullable String entityId,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
                              @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "50") int size) {
        callers.requirePermission(Permissions.AUDIT_READ);
        PageOf.check(page, size);
        List<String> where = new ArrayList<>(List.of(ScopedQueries.MARKER));
        Map<String, Object> params = new LinkedHashMap<>();
        if (actor != null) {
            where.add("a.actor_username = :actor");
            params.put("actor", actor);
        }
        if (action != null) {
            where.add("a.action = :action");
            params.put("action", action);
        }
        if (entityType != null) {
            where.add("a.entity_type = :entityType");
            params.put("entityType", entityType);
        }
        if (entityId != null) {
            where.add("a.entity_id = :entityId");
            params.put("entityId", entityId);
        }
        if (from != null) {
            where.add("a.occurred_at >= :from");
            params.put("from", UtcTimestamps.of(from));
        }
        if (to != null) {
            where.add("a.occurred_at < :to");
            params.put("to", UtcTimestamps.of(to));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw Problem.invalid("to", "problem.range.order");
        }
        String condition = String.join(" and ", where);
        var count = scoped.sql("select count(*) from audit_event a where " + condition, COLUMNS);
        params.forEach(count::param);
        long total = count.query(Long.class).single();
        var select = scoped.sql("select * from audit_event a where " + condition
                + " order by a.id desc limit :limit offset :offset", COLUMNS);
        params.forEach(select::param);
        List<AuditEntry> content = select.param("limit", size).param("offset", (long) page * size)
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), UtcTimestamps.read(rs, "occurred_at"),
                        rs.getObject("actor_id", Long.class), rs.getString("actor_username"), rs.getString("remote_address"),
                        rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"),
                        rs.getString("region_code"), rs.getString("changes")))
                .list();
        return PageOf.of(content, page, size, total);
    }
}
