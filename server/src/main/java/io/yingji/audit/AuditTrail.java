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

    /** Records an action by a known user who is not (yet) the caller, such as a failed login. */
    void recordAs(long actorId, String actorUsername, String action, String entityType, @Nullable String entityId,
                  @Nullable String regionCode, Map<String, ?> changes);
}
