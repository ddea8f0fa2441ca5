package io.yingji.warning.internal;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A warning as the API shows it: the CAP fields, the workflow state, and whether it is in force now. */
record WarningView(long id, String identifier, String sender, @Nullable Instant sent, String origin, String state, boolean active,
                   String status, String msgType, String scope, @Nullable String restriction, List<String> addresses,
                   @Nullable String note, List<String> references, @Nullable Long predecessorId, @Nullable String level,
                   String category, String event, @Nullable String responseType, String urgency, String severity,
                   String certainty, @Nullable String headline, @Nullable String description, @Nullable String instruction,
                   @Nullable Instant effective, @Nullable Instant onset, @Nullable Instant expires, @Nullable String senderName,
                   @Nullable String web, @Nullable String contact, String language, String regionCode,
                   @Nullable String draftedBy, @Nullable String approvedBy, @Nullable String rejectReason, Instant createdAt,
                   Instant updatedAt, int version, List<AreaView> areas) {

    record AreaView(String kind, String areaDesc, @Nullable String regionCode, @Nullable Long zoneId, List<String> polygons,
                    @Nullable String circle) {
    }

    static WarningView of(Warning w, Instant now) {
        return new WarningView(w.id, w.identifier, w.sender, w.sent, w.origin.name(), w.state.name(), w.isActive(now), w.status,
                w.msgType, w.scope, w.restriction, w.addresses, w.note, w.references, w.predecessorId,
                w.level == null ? null : w.level.name(), w.category, w.event, w.responseType, w.urgency, w.severity, w.certainty,
                w.headline, w.description, w.instruction, w.effective, w.onset, w.expires, w.senderName, w.web, w.contact,
                w.language, w.regionCode, w.draftedByName, w.approvedByName, w.rejectReason, w.createdAt, w.updatedAt, w.version,
                w.areas.stream().map(a -> new AreaView(a.kind(), a.areaDesc(), a.regionCode(), a.zoneId(), a.polygons(), a.circle()))
                        .toList());
    }
}
