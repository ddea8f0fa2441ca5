package io.yingji.audit.internal;

import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.audit.AuditTrail;
import io.yingji.shared.UtcTimestamps;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/** Appends to the {@code audit_event} table; there is deliberately no update or delete here. */
@Service
class AuditLog implements AuditTrail {

    private final JdbcClient jdbc;
    private final CallerContext callers;
    private final Clock clock;
    private final JsonMapper json;

    AuditLog(JdbcClient jdbc, CallerContext callers, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.callers = callers;
        this.clock = clock;
        this.json = json;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String entityType, @Nullable String entityId, @Nullable String regionCode,
                       Map<String, ?> changes) {
        Optional<Caller> caller = callers.current();
        // a record without a region of its own (an import, a logout) belongs where its author works
        String region = regionCode != null ? regionCode : caller.map(c -> c.region().value()).orElse(null);
        insert(caller.map(Caller::userId).orElse(null), caller.map(Caller::username).orElse("system"),
                action, entityType, entityId, region, changes);
    }

    @Override
    @Transactional
    public void recordExport(String list, String entityType, @Nullable String regionCode, Record filter, int rows) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("filter", filterText(filter));
        changes.put("count", rows);
        record(list + ".export", entityType, null, regionCode, changes);
    }

    /** The filters that are set, as {@code name=value} joined by {@code ; } (empty for the whole list). */
    static String filterText(Record filter) {
        List<String> parts = new ArrayList<>();
        for (RecordComponent component : filter.getClass().getRecordComponents()) {
            Object value;
            try {
                Method accessor = component.getAccessor();
                // the lists' search records are often package-private in their module's internal package
                accessor.trySetAccessible();
                value = accessor.invoke(filter);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("unreadable filter " + component.getName(), e);
            }
            boolean unset = value == null || value instanceof String text && text.isBlank()
                    // a primitive flag is off unless the caller turned it on
                    || component.getType() == boolean.class && Boolean.FALSE.equals(value);
            if (!unset) {
                parts.add(component.getName() + "=" + value);
            }
        }
        return String.join("; ", parts);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAs(long actorId, String actorUsername, String action, String entityType,
                         @Nullable String entityId, @Nullable String regionCode, Map<String, ?> changes) {
        insert(actorId, actorUsername, action, entityType, entityId, regionCode, changes);
    }

    private void insert(@Nullable Long actorId, String actorUsername, String action, String entityType,
                        @Nullable String entityId, @Nullable String regionCode, Map<String, ?> changes) {
        jdbc.sql("""
                insert into audit_event (occurred_at, actor_id, actor_username, remote_address, action, entity_type,
                                         entity_id, region_code, changes)
                values (:at, :actorId, :actor, :address, :action, :type, :entityId, :region, :changes)""")
                .param("at", UtcTimestamps.of(clock.instant()))
                .param("actorId", actorId)
                .param("actor", actorUsername)
                .param("address", remoteAddress())
                .param("action", action)
                .param("type", entityType)
                .param("entityId", entityId)
                .param("region", regionCode)
                .param("changes", changes.isEmpty() ? null : json.writeValueAsString(changes))
                .update();
    }

    /** The client's address as the servlet container saw it (behind a proxy, enable forwarded headers). */
    private static @Nullable String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
