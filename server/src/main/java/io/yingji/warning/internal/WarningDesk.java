package io.yingji.warning.internal;

import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.audit.AuditTrail;
import io.yingji.shared.GeoPoint;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem;
import io.yingji.shared.RegionCode;
import io.yingji.warning.WarningCancelled;
import io.yingji.warning.WarningDraft;
import io.yingji.warning.WarningLevel;
import io.yingji.warning.WarningPublication;
import io.yingji.warning.WarningPublished;
import io.yingji.warning.WarningUpdated;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The warning workflow: drafting, approval by someone else at the issuing level or above (four-eyes),
 * publication, updates and cancellations as new CAP messages referencing the whole chain, and reading
 * within scope. Every change is audited in its own transaction, and every published message announced
 * with {@link WarningPublished}.
 */
@Service
class WarningDesk implements WarningPublication {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final WarningRepository warnings;
    private final WarningValidation validation;
    private final CallerContext callers;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final WarningSettings settings;

    WarningDesk(WarningRepository warnings, WarningValidation validation, CallerContext callers, AuditTrail audit,
                ApplicationEventPublisher events, Clock clock, WarningSettings settings) {
        this.warnings = warnings;
        this.validation = validation;
        this.callers = callers;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
    }

    /** Our CAP sender for a region: one originator per issuing authority. */
    String senderOf(String regionCode) {
        return regionCode + "@" + settings.senderDomain();
    }

    /** Stable and unique: the issuing region, the day of drafting (Beijing) and the warning's id. */
    String identifierOf(String regionCode, Instant createdAt, long id) {
        return "YJ-" + regionCode + "-" + LocalDate.ofInstant(createdAt, CapTimes.SHANGHAI).format(DAY) + "-" + String.format("%06d", id);
    }

    @Transactional
    Warning draft(WarningDraft draft) {
        Caller caller = drafter();
        Instant now = clock.instant();
        Warning w = new Warning();
        validation.apply(draft, w, caller.scope(), caller.region(), now);
        w.regionCode = caller.region().value();
        w.sender = senderOf(w.regionCode);
        w.draftedBy = caller.userId();
        w.draftedByName = caller.displayName();
        w.createdAt = now;
        w.updatedAt = now;
        return insertDraft(w, caller, "warning.draft", null);
    }

    private Warning insertDraft(Warning w, Caller caller, String action, @Nullable String comment) {
        long id = warnings.insert(w);
        w.identifier = identifierOf(w.regionCode, w.createdAt, id);
        warnings.setIdentifier(id, w.identifier);
        warnings.record(id, new Warning.Transition("draft", null, Warning.State.DRAFT), caller.username(), w.createdAt, comment);
        audit.record(action, "warning", String.valueOf(id), w.regionCode, summary(w));
        return warnings.find(id).orElseThrow();
    }

    @Transactional
    Warning edit(long id, WarningDraft draft) {
        Caller caller = drafter();
        Warning w = visibleForAction(id);
        checkVersion(w, draft.version());
        Warning.State before = w.state;
        if (!w.isEditable()) {
            throw Problem.conflict("warning.transition.edit", w.state.name());
        }
        Instant now = clock.instant();
        validation.apply(draft, w, caller.scope(), caller.region(), now);
        if (w.predecessorId != null) {
            requireSameStatus(w, warnings.find(w.predecessorId).orElseThrow());
        }
        Warning.Transition transition = w.edit();
        w.updatedAt = now;
        save(w);
        warnings.replaceAreas(w);
        warnings.record(id, transition, caller.username(), now, null);
        Map<String, Object> changes = new LinkedHashMap<>(summary(w));
        changes.put("state", List.of(before.name(), w.state.name()));
        audit.record("warning.edit", "warning", String.valueOf(id), w.regionCode, changes);
        return warnings.find(id).orElseThrow();
    }

    @Transactional
    void discard(long id) {
        drafter();
        Warning w = visibleForAction(id);
        if (!w.isEditable()) {
            throw Problem.conflict("warning.transition.discard", w.state.name());
        }
        if (!warnings.delete(w)) {
            throw Problem.conflict("problem.version.stale");
        }
        audit.record("warning.discard", "warning", String.valueOf(id), w.regionCode, Map.of("identifier", w.identifier));
    }

    @Transactional
    Warning submit(long id, @Nullable Integer version) {
        Caller caller = drafter();
        Warning w = visibleForAction(id);
        checkVersion(w, version);
        Instant now = clock.instant();
        Warning.Transition transition = w.submit();
        w.updatedAt = now;
        return finish(w, transition, caller, now, null);
    }

    /**
     * 审批发布: by a holder of the approve permission whose region contains the issuing region (the same
     * level or above) and who did not draft it. An Update replaces its predecessor at this moment.
     */
    @Transactional
    Warning approve(long id, @Nullable Integer version) {
        Caller caller = approver();
        Warning w = visibleForAction(id);
        checkVersion(w, version);
        requireSecondPerson(w, caller);
        Instant now = clock.instant();
        Warning predecessor = null;
        if (w.predecessorId != null) {
            predecessor = warnings.find(w.predecessorId).orElseThrow();
            predecessor.requireReplaceable(now, "warning.predecessor.inactive");
            requireSameStatus(w, predecessor);
            w.references = chainAfter(predecessor);
        }
        Warning.Transition transition = w.approve(caller.userId(), caller.displayName(), now);
        w.updatedAt = now;
        Warning published = finish(w, transition, caller, now, null);
        if (predecessor != null) {
            Warning.Transition replaced = predecessor.supersede();
            predecessor.updatedAt = now;
            save(predecessor);
            warnings.record(predecessor.id, replaced, caller.username(), now, w.identifier);
            audit.record("warning.superseded", "warning", String.valueOf(predecessor.id), predecessor.regionCode,
                    Map.of("state", List.of("PUBLISHED", "UPDATED"), "by", w.identifier));
            events.publishEvent(new WarningUpdated(predecessor.id, predecessor.identifier, w.id));
        }
        announce(published, predecessor);
        return published;
    }

    @Transactional
    Warning reject(long id, @Nullable String reason, @Nullable Integer version) {
        Caller caller = approver();
        Warning w = visibleForAction(id);
        checkVersion(w, version);
        requireSecondPerson(w, caller);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw Problem.invalid("reason", "warning.reject.reason");
        }
        if (why.length() > 500) {
            throw Problem.invalid("reason", "problem.field.too-long", 500);
        }
        Instant now = clock.instant();
        Warning.Transition transition = w.reject(why);
        w.updatedAt = now;
        return finish(w, transition, caller, now, why);
    }

    /** 更新: a new draft (msgType Update) that replaces the published warning once approved. */
    @Transactional
    Warning update(long id, WarningDraft draft) {
        Caller caller = drafter();
        Warning predecessor = visibleForAction(id);
        Instant now = clock.instant();
        predecessor.requireReplaceable(now, "warning.transition.update");
        Warning w = new Warning();
        validation.apply(draft, w, caller.scope(), caller.region(), now);
        requireSameStatus(w, predecessor);
        w.msgType = "Update";
        w.predecessorId = predecessor.id;
        w.references = chainAfter(predecessor);
        w.regionCode = predecessor.regionCode;
        w.sender = senderOf(w.regionCode);
        w.draftedBy = caller.userId();
        w.draftedByName = caller.displayName();
        w.createdAt = now;
        w.updatedAt = now;
        return insertDraft(w, caller, "warning.draft-update", predecessor.identifier);
    }

    /**
     * 解除: a Cancel message, published at once (lifting a warning must not wait for a second review)
     * by a holder of the approve permission at the issuing level or above. It repeats the cancelled
     * warning's info so receivers know what ends, and says why in its note.
     */
    @Transactional
    Warning cancel(long id, @Nullable String reason) {
        Caller caller = approver();
        Warning predecessor = visibleForAction(id);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw Problem.invalid("reason", "warning.cancel.reason");
        }
        if (why.length() > 500) {
            throw Problem.invalid("reason", "problem.field.too-long", 500);
        }
        Instant now = clock.instant();
        predecessor.requireReplaceable(now, "warning.transition.cancel");
        Warning c = copyInfo(predecessor);
        c.msgType = "Cancel";
        c.note = c.status.equals("Exercise") ? WarningValidation.EXERCISE_NOTE_PREFIX + "解除：" + why : why;
        c.predecessorId = predecessor.id;
        c.references = chainAfter(predecessor);
        c.draftedBy = caller.userId();
        c.draftedByName = caller.displayName();
        c.createdAt = now;
        c.updatedAt = now;
        Warning cancel = insertDraft(c, caller, "warning.draft-cancel", predecessor.identifier);
        cancel.state = Warning.State.SUBMITTED;
        Warning.Transition published = cancel.approve(caller.userId(), caller.displayName(), now);
        save(cancel);
        warnings.record(cancel.id, published, caller.username(), now, why);
        audit.record("warning.cancel", "warning", String.valueOf(cancel.id), cancel.regionCode,
                Map.of("cancels", predecessor.identifier, "reason", why));
        Warning.Transition ended = predecessor.cancel();
        predecessor.updatedAt = now;
        save(predecessor);
        warnings.record(predecessor.id, ended, caller.username(), now, why);
        audit.record("warning.cancelled", "warning", String.valueOf(predecessor.id), predecessor.regionCode,
                Map.of("state", List.of("PUBLISHED", "CANCELLED"), "by", cancel.identifier));
        events.publishEvent(new WarningCancelled(predecessor.id, predecessor.identifier, cancel.id, predecessor.regionCode));
        Warning result = warnings.find(cancel.id).orElseThrow();
        announce(result, predecessor);
        return result;
    }

    /** The message's info copied into a new message of the same issuer (a Cancel). */
    private Warning copyInfo(Warning p) {
        Warning w = new Warning();
        w.sender = p.sender;
        w.status = p.status;
        w.scope = p.scope;
        w.restriction = p.restriction;
        w.addresses = p.addresses;
        w.level = p.level;
        w.category = p.category;
        w.event = p.event;
        w.responseType = "AllClear";
        w.urgency = p.urgency;
        w.severity = p.severity;
        w.certainty = p.certainty;
        w.headline = p.headline == null ? null : truncate("【解除】" + p.headline, 160);
        w.description = p.description;
        w.effective = p.effective;
        w.onset = p.onset;
        w.expires = p.expires;
        w.senderName = p.senderName;
        w.web = p.web;
        w.contact = p.contact;
        w.language = p.language;
        w.regionCode = p.regionCode;
        w.areas = p.areas;
        return w;
    }

    /**
     * A message keeps the status of the chain it continues: an Update of an Exercise is an Exercise (CAP receivers act on
     * an Actual one), an Update of an Actual alert is no Test.
     */
    private static void requireSameStatus(Warning w, Warning predecessor) {
        if (!w.status.equals(predecessor.status)) {
            throw Problem.invalid("status", "warning.chain.status-change", predecessor.status, w.status);
        }
    }

    /** The references of a message that follows {@code p}: p's own chain, then p itself. */
    static List<String> chainAfter(Warning p) {
        List<String> chain = new ArrayList<>(p.references);
        chain.add(p.reference());
        return List.copyOf(chain);
    }

    private void announce(Warning w, @Nullable Warning replaced) {
        events.publishEvent(new WarningPublished(w.id, w.identifier, w.sender, w.sent, w.msgType, w.status, w.scope,
                w.level == null ? null : w.level.name(), w.regionCode, replaced == null ? null : replaced.id, w.expires));
    }

    private Warning finish(Warning w, Warning.Transition transition, Caller caller, Instant now, @Nullable String comment) {
        save(w);
        warnings.record(w.id, transition, caller.username(), now, comment);
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("state", List.of(transition.from() == null ? "" : transition.from().name(), transition.to().name()));
        if (comment != null) {
            changes.put("comment", comment);
        }
        if (transition.to() == Warning.State.PUBLISHED) {
            changes.put("sent", CapTimes.format(w.sent));
            changes.put("msgType", w.msgType);
        }
        audit.record("warning." + transition.action(), "warning", String.valueOf(w.id), w.regionCode, changes);
        return warnings.find(w.id).orElseThrow();
    }

    private void save(Warning w) {
        if (!warnings.save(w)) {
            throw Problem.conflict("problem.version.stale");
        }
    }

    private static void checkVersion(Warning w, @Nullable Integer version) {
        if (version != null && version != w.version) {
            throw Problem.conflict("problem.version.stale");
        }
    }

    /** Four-eyes: whoever drafted a message does not approve or reject it. */
    private static void requireSecondPerson(Warning w, Caller caller) {
        if (w.draftedBy != null && w.draftedBy == caller.userId()) {
            throw new Problem(403, "warning.approve.own");
        }
    }

    private Caller drafter() {
        Caller caller = callers.requirePermission(Permissions.WARNING_DRAFT);
        if (caller.enterpriseId() != null) {
            throw Problem.forbidden();
        }
        return caller;
    }

    /** An approver acts for a region as a whole: not an enterprise, not an industry department. */
    private Caller approver() {
        Caller caller = callers.requirePermission(Permissions.WARNING_APPROVE);
        if (caller.enterpriseId() != null || !caller.industries().isEmpty()) {
            throw Problem.forbidden();
        }
        return caller;
    }

    /**
     * A warning the caller may act on: in scope — one outside it answers 404 exactly like one that does not exist,
     * so acting on ids tells nobody which warnings other regions have (the caller's permission was checked before,
     * so a caller without it gets 403 whatever the id) — and not an import.
     */
    private Warning visibleForAction(long id) {
        Warning w = warnings.findVisible(id).orElseThrow(() -> Problem.notFound("warning", id));
        if (w.origin == Warning.Origin.EXTERNAL) {
            throw Problem.conflict("warning.external.read-only");
        }
        return w;
    }

    private static Map<String, Object> summary(Warning w) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("msgType", w.msgType);
        values.put("status", w.status);
        values.put("level", w.level == null ? "" : w.level.name());
        values.put("event", w.event);
        values.put("headline", String.valueOf(w.headline));
        values.put("expires", w.expires == null ? "" : CapTimes.format(w.expires));
        values.put("areas", w.areas.stream().map(Warning.Area::areaDesc).toList());
        return values;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    // reading

    @Transactional(readOnly = true)
    Warning find(long id) {
        callers.requirePermission(Permissions.WARNING_READ);
        return warnings.findVisible(id).orElseThrow(() -> Problem.notFound("warning", id));
    }

    @Transactional(readOnly = true)
    List<WarningRepository.HistoryEntry> history(long id) {
        return warnings.history(find(id).id);
    }

    @Transactional(readOnly = true)
    PageOf<Warning> search(WarningRepository.Filter filter, int page, int size) {
        callers.requirePermission(Permissions.WARNING_READ);
        PageOf.check(page, size);
        return find(filter, page, size);
    }

    /** At most this many warnings in one export. */
    static final int MAX_EXPORT = 20_000;

    /** Every warning the filter finds in scope, in the list's order (the export, audited). */
    @Transactional
    List<Warning> export(WarningRepository.Filter filter) {
        callers.requirePermission(Permissions.WARNING_READ);
        PageOf<Warning> all = find(filter, 0, MAX_EXPORT);
        if (all.totalElements() > MAX_EXPORT) {
            throw Problem.invalid("regionCode", "warning.export.too-many", all.totalElements(), MAX_EXPORT);
        }
        audit.recordExport("warning", "warning", filter.regionCode(), filter, all.content().size());
        return all.content();
    }

    private PageOf<Warning> find(WarningRepository.Filter filter, int page, int size) {
        if (filter.regionCode() != null && !RegionCode.isValid(filter.regionCode())) {
            throw Problem.invalid("regionCode", "enterprise.region.invalid", filter.regionCode());
        }
        if (filter.state() != null && Arrays.stream(Warning.State.values()).noneMatch(s -> s.name().equals(filter.state()))) {
            throw Problem.invalid("state", "warning.enum.invalid", filter.state(),
                    String.join(", ", Arrays.stream(Warning.State.values()).map(Enum::name).toList()));
        }
        if (filter.level() != null && Arrays.stream(WarningLevel.values()).noneMatch(l -> l.name().equals(filter.level()))) {
            throw Problem.invalid("level", "warning.level.invalid", filter.level());
        }
        if (filter.status() != null && !CapImport.STATUSES.contains(filter.status())) {
            throw Problem.invalid("status", "warning.enum.invalid", filter.status(), String.join(", ", CapImport.STATUSES));
        }
        if (filter.msgType() != null && !List.of("Alert", "Update", "Cancel").contains(filter.msgType())) {
            throw Problem.invalid("msgType", "warning.enum.invalid", filter.msgType(), "Alert, Update, Cancel");
        }
        return warnings.search(filter, clock.instant(), page, size);
    }

    Instant now() {
        return clock.instant();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<PublishedWarning> published(long warningId) {
        return warnings.find(warningId).filter(w -> w.sent != null).map(WarningDesk::toPublished);
    }

    static PublishedWarning toPublished(Warning w) {
        List<Area> areas = areasOf(w);
        return new PublishedWarning(w.id, w.identifier, w.sender, w.sent, w.msgType, w.status, w.scope, w.restriction, w.addresses,
                w.level, w.severity, w.urgency, w.certainty, w.event, w.headline, w.description, w.instruction, w.expires,
                w.regionCode, w.state.name(), areas);
    }

    /** The warning's areas with their geometry parsed (polygons as points, circles as centre and radius). */
    static List<Area> areasOf(Warning w) {
        return areasOf(w.areas);
    }

    /** Stored areas with their geometry parsed. */
    static List<Area> areasOf(List<Warning.Area> stored) {
        return stored.stream().map(a -> {
            List<List<GeoPoint>> polygons = a.polygons().stream().map(p -> CapGeometry.polygon(p).value()).toList();
            CapGeometry.Circle circle = a.circle() == null ? null : CapGeometry.circle(a.circle()).value();
            return new Area(a.kind(), a.areaDesc(), a.regionCode(), polygons, circle == null ? null : circle.center(),
                    circle == null ? null : circle.radiusKm());
        }).toList();
    }
}
