package io.yingji.risk.internal;

import io.yingji.access.CallerContext;
import io.yingji.access.Caller;
import io.yingji.access.Permissions;
import io.yingji.audit.AuditTrail;
import io.yingji.enterprise.Enterprise;
import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.risk.RiskAssessed;
import io.yingji.risk.RiskGrading;
import io.yingji.risk.RiskLevel;
import io.yingji.risk.RiskPoint;
import io.yingji.risk.RiskPointDraft;
import io.yingji.risk.RiskRegister;
import io.yingji.risk.RiskSettings;
import io.yingji.shared.MobileNumber;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import io.yingji.shared.RegionCode;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registering, describing and reassessing risk points within the caller's scope. */
@Service
class RiskPoints implements RiskRegister {

    static final Set<String> CATEGORIES = Set.of("ACTIVITY", "EQUIPMENT", "SITE", "MANAGEMENT");

    private final RiskPointRepository points;
    private final EnterpriseRegistry enterprises;
    private final CallerContext callers;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final RiskGrading grading;
    private final Clock clock;

    RiskPoints(RiskPointRepository points, EnterpriseRegistry enterprises, CallerContext callers, AuditTrail audit,
               ApplicationEventPublisher events, RiskSettings settings, Clock clock) {
        this.points = points;
        this.enterprises = enterprises;
        this.callers = callers;
        this.audit = audit;
        this.events = events;
        this.grading = new RiskGrading(settings);
        this.clock = clock;
    }

    @Override
    @Transactional
    public RiskPoint register(long enterpriseId, RiskPointDraft draft) {
        Enterprise enterprise = enterprises.find(enterpriseId).orElseThrow(() -> Problem.outOfScope("enterprise", enterpriseId));
        requireWrite();
        List<FieldProblem> problems = new ArrayList<>();
        RiskPointRepository.Description description = describe(draft, problems);
        RiskPointRepository.Assessment assessment = assess(draft, problems);
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        long id = points.insert(enterprise.id(), enterprise.regionCode(), enterprise.industry().name(), description, assessment);
        audit.record("risk-point.create", "risk_point", String.valueOf(id), enterprise.regionCode(), Map.of(
                "enterpriseId", enterprise.id(), "name", description.name(), "method", assessment.method().name(),
                "score", assessment.grade().score().toPlainString(), "level", assessment.grade().level().name()));
        events.publishEvent(new RiskAssessed(id, enterprise.id(), enterprise.regionCode(), assessment.grade().level()));
        return points.findVisible(id).orElseThrow();
    }

    @Transactional
    RiskPoint change(long id, RiskPointDraft draft) {
        RiskPoint current = writable(id);
        List<FieldProblem> problems = new ArrayList<>();
        RiskPointRepository.Description description = describe(draft, problems);
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        int expected = draft.version() == null ? current.version() : draft.version();
        if (points.describe(id, description, expected) == 0) {
            throw Problem.conflict("problem.version.stale");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        diff(changes, "name", current.name(), description.name());
        diff(changes, "location", current.location(), description.location());
        diff(changes, "category", current.category(), description.category());
        diff(changes, "hazardFactors", current.hazardFactors(), description.hazardFactors());
        diff(changes, "controlMeasures", current.controlMeasures(), description.controlMeasures());
        diff(changes, "responsiblePerson", current.responsiblePerson(), description.responsiblePerson());
        diff(changes, "responsiblePhone", current.responsiblePhone(), description.responsiblePhone());
        audit.record("risk-point.update", "risk_point", String.valueOf(id), current.regionCode(), changes);
        return points.findVisible(id).orElseThrow();
    }

    @Transactional
    RiskPoint reassess(long id, RiskPointDraft draft, @Nullable String comment) {
        RiskPoint current = writable(id);
        List<FieldProblem> problems = new ArrayList<>();
        RiskPointRepository.Assessment assessment = assess(draft, problems);
        if (comment != null && comment.length() > 512) {
            problems.add(new FieldProblem("comment", "problem.field.too-long", 512));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        // of concurrent reassessments of one version one is kept (one history entry); the others answer 409
        if (points.reassess(id, assessment, comment, draft.version() == null ? current.version() : draft.version()) == 0) {
            throw Problem.conflict("problem.version.stale");
        }
        audit.record("risk-point.assess", "risk_point", String.valueOf(id), current.regionCode(), Map.of(
                "score", List.of(current.score().toPlainString(), assessment.grade().score().toPlainString()),
                "level", List.of(current.level().name(), assessment.grade().level().name())));
        events.publishEvent(new RiskAssessed(id, current.enterpriseId(), current.regionCode(), assessment.grade().level()));
        return points.findVisible(id).orElseThrow();
    }

    @Transactional(readOnly = true)
    RiskPoint find(long id) {
        callers.requirePermission(Permissions.RISK_READ);
        return points.findVisible(id).orElseThrow(() -> Problem.notFound("risk_point", id));
    }

    @Transactional(readOnly = true)
    List<RiskPoint> ofEnterprise(long enterpriseId) {
        callers.requirePermission(Permissions.RISK_READ);
        Enterprise enterprise = enterprises.find(enterpriseId).orElseThrow(() -> Problem.notFound("enterprise", enterpriseId));
        return points.ofEnterprise(enterprise.id());
    }

    @Transactional(readOnly = true)
    PageOf<RiskPoint> search(@Nullable String regionCode, @Nullable RiskLevel level, @Nullable String sort, int page, int size) {
        callers.requirePermission(Permissions.RISK_READ);
        PageOf.check(page, size);
        checkRegion(regionCode);
        return points.search(regionCode, level, sort, page, size);
    }

    /** At most this many risk points in one export. */
    static final int MAX_EXPORT = 50_000;

    /** Every risk point the list finds in scope, in the list's order, for the export (audited). */
    @Transactional
    List<RiskPoint> export(@Nullable String regionCode, @Nullable RiskLevel level, @Nullable String sort) {
        callers.requirePermission(Permissions.RISK_READ);
        checkRegion(regionCode);
        PageOf<RiskPoint> all = points.search(regionCode, level, sort, 0, MAX_EXPORT);
        if (all.totalElements() > MAX_EXPORT) {
            throw Problem.invalid("regionCode", "risk.export.too-many", all.totalElements(), MAX_EXPORT);
        }
        audit.recordExport("risk-point", "risk_point", regionCode, new ExportFilter(regionCode, level, sort), all.content().size());
        return all.content();
    }

    /** The risk register export's filters, as its audit entry names them. */
    record ExportFilter(@Nullable String regionCode, @Nullable RiskLevel level, @Nullable String sort) {
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, RiskLevel> enterpriseLevels(@Nullable String regionCode) {
        checkRegion(regionCode);
        return points.highestLevels(regionCode);
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<RiskLevel> levelOf(long enterpriseId) {
        return points.highestLevelOf(enterpriseId);
    }

    List<RiskPointRepository.HistoryEntry> history(long id) {
        return points.history(find(id).id());
    }

    RiskGrading grading() {
        return grading;
    }

    private RiskPoint writable(long id) {
        RiskPoint current = points.findVisible(id).orElseThrow(() -> Problem.outOfScope("risk_point", id));
        requireWrite();
        return current;
    }

    private void requireWrite() {
        if (!callers.isSystem()) {
            callers.requirePermission(Permissions.RISK_WRITE);
        }
    }

    private RiskPointRepository.Description describe(RiskPointDraft d, List<FieldProblem> problems) {
        String name = text(d.name(), "name", 128, true, problems);
        String location = text(d.location(), "location", 128, false, problems);
        String category = d.category() == null ? null : d.category().strip();
        if (category == null || !CATEGORIES.contains(category)) {
            problems.add(new FieldProblem("category", "risk.category.invalid", String.join(", ", new java.util.TreeSet<>(CATEGORIES))));
        }
        String factors = text(d.hazardFactors(), "hazardFactors", 512, false, problems);
        String measures = text(d.controlMeasures(), "controlMeasures", 2000, true, problems);
        String person = text(d.responsiblePerson(), "responsiblePerson", 64, true, problems);
        String phone = d.responsiblePhone() == null ? null : d.responsiblePhone().strip();
        if (phone == null || !MobileNumber.isPhone(phone)) {
            problems.add(new FieldProblem("responsiblePhone", "enterprise.phone.invalid", String.valueOf(d.responsiblePhone())));
        }
        return new RiskPointRepository.Description(name, location, category, factors, measures, person, phone);
    }

    private RiskPointRepository.@Nullable Assessment assess(RiskPointDraft d, List<FieldProblem> problems) {
        RiskGrading.Method method;
        try {
            method = RiskGrading.Method.valueOf(String.valueOf(d.method()));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("method", "risk.method.invalid"));
            return null;
        }
        if (!RiskGrading.allowed(method, d.l(), d.e(), d.c(), d.s())) {
            problems.add(new FieldProblem(method == RiskGrading.Method.LEC ? "l" : "s",
                    method == RiskGrading.Method.LEC ? "risk.lec.values" : "risk.matrix.values"));
            return null;
        }
        BigDecimal e = method == RiskGrading.Method.LEC ? d.e() : null;
        BigDecimal c = method == RiskGrading.Method.LEC ? d.c() : null;
        BigDecimal s = method == RiskGrading.Method.LS ? d.s() : null;
        RiskGrading.Grade grade = grading.grade(method, d.l(), e, c, s);
        String by = callers.current().map(Caller::username).orElse("system");
        return new RiskPointRepository.Assessment(method, d.l(), e, c, s, grade, clock.instant(), by);
    }

    private static @Nullable String text(@Nullable String value, String field, int max, boolean required,
                                         List<FieldProblem> problems) {
        String trimmed = value == null ? null : value.strip();
        if (trimmed == null || trimmed.isEmpty()) {
            if (required) {
                problems.add(new FieldProblem(field, "risk." + field + ".required"));
            }
            return null;
        }
        if (trimmed.length() > max) {
            problems.add(new FieldProblem(field, "problem.field.too-long", max));
        }
        return trimmed;
    }

    private static void diff(Map<String, Object> changes, String field, @Nullable Object before, @Nullable Object after) {
        if (!java.util.Objects.equals(before, after)) {
            changes.put(field, java.util.Arrays.asList(before, after));
        }
    }

    private static void checkRegion(@Nullable String regionCode) {
        if (regionCode != null && !RegionCode.isValid(regionCode)) {
            throw Problem.invalid("regionCode", "enterprise.region.invalid", regionCode);
        }
    }
}
