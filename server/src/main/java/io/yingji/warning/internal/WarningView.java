package io.yingji.warning.internal;

import static io.swagger.v3.oas.annotations.media.Schema.AccessMode.READ_ONLY;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A warning as the API shows it: the CAP fields, the workflow state, and whether it is in force now.
 * The read-only fields are the platform's: sent back in a PUT they are accepted and ignored.
 */
record WarningView(@Schema(accessMode = READ_ONLY) long id, @Schema(accessMode = READ_ONLY) String identifier,
                   @Schema(accessMode = READ_ONLY) String sender, @Schema(accessMode = READ_ONLY) @Nullable Instant sent,
                   @Schema(accessMode = READ_ONLY) String origin, @Schema(accessMode = READ_ONLY) String state,
                   @Schema(accessMode = READ_ONLY) boolean active,
                   String status, @Schema(accessMode = READ_ONLY) String msgType, String scope, @Nullable String restriction,
                   List<String> addresses, @Nullable String note,
                   @Schema(accessMode = READ_ONLY) List<String> references, @Schema(accessMode = READ_ONLY) @Nullable Long predecessorId,
                   @Nullable String level, String category, String event, @Nullable String responseType, String urgency,
                   @Schema(accessMode = READ_ONLY) String severity,
                   String certainty, @Nullable String headline, @Nullable String description, @Nullable String instruction,
                   @Nullable Instant effective, @Nullable Instant onset, @Nullable Instant expires, @Nullable String senderName,
                   @Nullable String web, @Nullable String contact, @Schema(accessMode = READ_ONLY) String language,
                   @Schema(accessMode = READ_ONLY) String regionCode,
                   @Schema(accessMode = READ_ONLY) @Nullable String draftedBy, @Schema(accessMode = READ_ONLY) @Nullable String approvedBy,
                   @Schema(accessMode = READ_ONLY) @Nullable String rejectReason, @Schema(accessMode = READ_ONLY) Instant createdAt,
                   @Schema(accessMode = READ_ONLY) Instant updatedAt, int version, List<AreaView> areas) {

    /**
     * One area: {@code polygon} is a POLYGON area's ring as entered (CAP text), {@code polygons} the CAP polygons
     * the platform sends for it (a zone's are its rings), read-only.
     */
    record AreaView(String kind, String areaDesc, @Nullable String regionCode, @Nullable Long zoneId, @Nullable String polygon,
                    @Schema(accessMode = READ_ONLY) List<String> polygons, @Nullable String circle) {

        static AreaView of(Warning.Area a) {
            return new AreaView(a.kind(), a.areaDesc(), a.regionCode(), a.zoneId(),
                    "POLYGON".equals(a.kind()) && !a.polygons().isEmpty() ? a.polygons().get(0) : null, a.polygons(), a.circle());
        }
    }

    static WarningView of(Warning w, Instant now) {
        return new WarningView(w.id, w.identifier, w.sender, w.sent, w.origin.name(), w.state.name(), w.isActive(now), w.status,
                w.msgType, w.scope, w.restriction, w.addresses, w.note, w.references, w.predecessorId,
                w.level == null ? null : w.level.name(), w.category, w.event, w.responseType, w.urgency, w.severity, w.certainty,
                w.headline, w.description, w.instruction, w.effective, w.onset, w.expires, w.senderName, w.web, w.contact,
                w.language, w.regionCode, w.draftedByName, w.approvedByName, w.rejectReason, w.createdAt, w.updatedAt, w.version,
                w.areas.stream().map(AreaView::of).toList());
    }
}
