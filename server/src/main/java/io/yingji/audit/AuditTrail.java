package io.yingji.audit;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Records changes. Call it inside the transaction that makes the change, so the change and its
 * record commit or roll back together: there is never a change without its audit entry.
 */
public interface AuditTrail {

    /**
     * Records a change made by the current caller (or by the platform itself when there is none).
     *
     * @param action     what happened, e.g. {@code enterprise.update}
     * @param entityType the kind of record, e.g. {@code enterprise}
     * @param entityId   the record's id
     * @param regionCode where the record belongs, so auditors of a region see it
     * @param changes    field → {@code [old, new]} for updates, or the values of a new record
     */
    void record(String action, String entityType, @Nullable String entityId, @Nullable String regionCode,
                Map<String, ?> changes);

    /**
     * Records that the caller exported a list to Excel, as the action {@code <list>.export}: who (the
     * caller), the filters the caller gave (the components of {@code filter} that are set, as
     * {@code name=value}; nothing for the whole list) and how many rows the file holds. Every list's
     * export calls this, in the transaction that read the rows or, without one, in its own.
     *
     * @param list       the list's name, the action's prefix, e.g. {@code hazard}
     * @param entityType the kind of record the list holds, e.g. {@code hazard}
     * @param regionCode the region the export asked for, else the caller's (auditors of a region see it)
     * @param filter     the list's search (a record of its filters)
     * @param rows       the number of rows exported
     */
    void recordExport(String list, String entityType, @Nullable String regionCode, Record filter, int rows);

    /** Records an action by a known user who is not (yet) the caller, such as a failed login. */
    void recordAs(long actorId, String actorUsername, String action, String entityType, @Nullable String entityId,
                  @Nullable String regionCode, Map<String, ?> changes);
}
