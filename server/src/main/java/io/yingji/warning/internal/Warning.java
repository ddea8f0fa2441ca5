package io.yingji.warning.internal;

import io.yingji.shared.Problem;
import io.yingji.warning.WarningLevel;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A warning: one CAP message (Alert, Update or Cancel) and where it stands in its workflow. Each state
 * change is a method that checks it is allowed from the current state; an illegal one is a 409 problem.
 *
 * <pre>
 * DRAFT ──submit──▶ SUBMITTED ──approve──▶ PUBLISHED ──(an Update is published)──▶ UPDATED
 *   ▲  ◀──edit── REJECTED ◀──reject──┘         ├──(a Cancel is published)──▶ CANCELLED
 *   └───────────────┘                          └──expires passes──▶ EXPIRED
 * RECEIVED: imported from another issuer (not ours to publish); becomes UPDATED / CANCELLED by later imports.
 * </pre>
 *
 * A published message never changes again except for its state: updates and cancellations are new
 * messages that reference it, so what was sent stays what is shown.
 */
final class Warning {

    enum State { DRAFT, SUBMITTED, REJECTED, PUBLISHED, UPDATED, CANCELLED, EXPIRED, RECEIVED }

    enum Origin { LOCAL, EXTERNAL }

    /** What a transition did, for the history. */
    record Transition(String action, @Nullable State from, State to) {
    }

    /** A stored area: CAP texts of its polygons (for polygons and zones) or of its circle. */
    record Area(String kind, String areaDesc, @Nullable String regionCode, @Nullable String geocodeName, @Nullable Long zoneId,
                List<String> polygons, @Nullable String circle) {
    }

    long id;
    String identifier = "";
    String sender = "";
    @Nullable Instant sent;
    Origin origin = Origin.LOCAL;
    State state = State.DRAFT;
    String status = "Actual";
    String msgType = "Alert";
    String scope = "Public";
    @Nullable String restriction;
    List<String> addresses = List.of();
    @Nullable String note;
    /** The whole chain of earlier messages as CAP "sender,identifier,sent" entries, oldest first. */
    List<String> references = List.of();
    @Nullable Long predecessorId;
    @Nullable WarningLevel level;
    String category = "Safety";
    String event = "";
    @Nullable String responseType;
    String urgency = "Unknown";
    String severity = "Unknown";
    String certainty = "Unknown";
    @Nullable String headline;
    @Nullable String description;
    @Nullable String instruction;
    @Nullable Instant effective;
    @Nullable Instant onset;
    @Nullable Instant expires;
    @Nullable String senderName;
    @Nullable String web;
    @Nullable String contact;
    String language = "zh-CN";
    String regionCode = "";
    @Nullable Long draftedBy;
    @Nullable String draftedByName;
    @Nullable Long approvedBy;
    @Nullable String approvedByName;
    @Nullable String rejectReason;
    /** The original document of an imported warning, served as it came. */
    @Nullable String capXml;
    Instant createdAt = Instant.EPOCH;
    Instant updatedAt = Instant.EPOCH;
    int version;
    List<Area> areas = List.of();

    /** Whether the message is in force: published, not an Update's or Cancel's victim, not past its expiry. */
    boolean isActive(Instant now) {
        return state == State.PUBLISHED && !msgType.equals("Cancel") && (expires == null || expires.isAfter(now));
    }

    /** The CAP reference of this message itself, for the messages that follow it. */
    String reference() {
        if (sent == null) {
            throw new IllegalStateException("an unpublished message cannot be referenced");
        }
        return sender + "," + identifier + "," + CapTimes.format(sent);
    }

    boolean isEditable() {
        return state == State.DRAFT || state == State.REJECTED;
    }

    Transition edit() {
        if (!isEditable()) {
            throw conflict("warning.transition.edit");
        }
        rejectReason = null;
        return move("edit", State.DRAFT);
    }

    Transition submit() {
        if (!isEditable()) {
            throw conflict("warning.transition.submit");
        }
        return move("submit", State.SUBMITTED);
    }

    /** Publishes the message at {@code now}; it must not have expired while waiting for approval. */
    Transition approve(long approver, String approverName, Instant now) {
        if (state != State.SUBMITTED) {
            throw conflict("warning.transition.approve");
        }
        if (expires != null && !expires.isAfter(now)) {
            throw Problem.conflict("warning.expires.passed", CapTimes.format(expires));
        }
        approvedBy = approver;
        approvedByName = approverName;
        sent = now;
        return move("approve", State.PUBLISHED);
    }

    Transition reject(String reason) {
        if (state != State.SUBMITTED) {
            throw conflict("warning.transition.reject");
        }
        rejectReason = reason;
        return move("reject", State.REJECTED);
    }

    /** Replaced by a published Update. */
    Transition supersede() {
        if (state != State.PUBLISHED && state != State.RECEIVED) {
            throw conflict("warning.transition.update");
        }
        return move("superseded", State.UPDATED);
    }

    /** Ended by a published Cancel. */
    Transition cancel() {
        if (state != State.PUBLISHED && state != State.RECEIVED) {
            throw conflict("warning.transition.cancel");
        }
        return move("cancelled", State.CANCELLED);
    }

    /** Answers whether the warning expired now. */
    boolean expireIfDue(Instant now) {
        if (state != State.PUBLISHED || expires == null || expires.isAfter(now)) {
            return false;
        }
        move("expire", State.EXPIRED);
        return true;
    }

    /** Whether an Update or Cancel may still be issued for this warning. */
    void requireReplaceable(Instant now, String messageKey) {
        if (!isActive(now)) {
            throw conflict(messageKey);
        }
    }

    private Problem conflict(String messageKey) {
        return Problem.conflict(messageKey, state.name());
    }

    private Transition move(String action, State to) {
        State from = state;
        state = to;
        return new Transition(action, from, to);
    }
}
