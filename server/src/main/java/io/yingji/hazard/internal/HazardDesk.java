package io.yingji.hazard.internal;

import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.audit.AuditTrail;
import io.yingji.enterprise.Enterprise;
import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.hazard.HazardChanged;
import io.yingji.hazard.HazardClosed;
import io.yingji.hazard.HazardReport;
import io.yingji.hazard.HazardStep;
import io.yingji.hazard.HazardWorkflow;
import io.yingji.region.RegionDirectory;
import io.yingji.shared.BoundingBox;
import io.yingji.shared.Industry;
import io.yingji.shared.GeoPoint;
import io.yingji.shared.MobileNumber;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import io.yingji.shared.RegionCode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The hazard closed loop: reporting, the transitions with their permissions, and reading within scope. */
@Service
class HazardDesk implements HazardWorkflow {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Set<String> SOURCES = Set.of("SELF_INSPECTION", "GOVERNMENT_INSPECTION", "GRID_PATROL", "PUBLIC_REPORT", "MONITORING");
    static final Set<String> CATEGORIES = Set.of("FIRE", "ELECTRICAL", "HAZCHEM", "EQUIPMENT", "CONSTRUCTION", "OPERATION",
            "MANAGEMENT", "OTHER");
    private static final String CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HazardRepository hazards;
    private final EnterpriseRegistry enterprises;
    private final RegionDirectory regions;
    private final CallerContext callers;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    private final HazardReminders reminders;

    HazardDesk(HazardRepository hazards, EnterpriseRegistry enterprises, RegionDirectory regions, CallerContext callers,
               AuditTrail audit, ApplicationEventPublisher events, Clock clock, HazardReminders reminders) {
        this.reminders = reminders;
        this.hazards = hazards;
        this.enterprises = enterprises;
        this.regions = regions;
        this.callers = callers;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), SHANGHAI);
    }

    @Override
    @Transactional
    public long report(HazardReport report) {
        return reportAndShow(report).id();
    }

    @Override
    @Transactional
    public void act(long hazardId, String step, HazardStep input) {
        actAndShow(hazardId, step, input);
    }

    @Override
    @Transactional(readOnly = true)
    public Standing standingOf(long enterpriseId) {
        return hazards.standingOf(enterpriseId);
    }

    @Override
    @Transactional(readOnly = true)
    public Standing standingOfRegion(String regionCode) {
        return hazards.standingOfRegion(regionCode);
    }

    /** A logged-in user's report: self-inspection, government inspection or grid patrol. */
    @Transactional
    HazardRepository.HazardView reportAndShow(HazardReport report) {
        Caller caller = callers.requirePermission(Permissions.HAZARD_REPORT);
        List<FieldProblem> problems = new ArrayList<>();
        String title = text(report.title(), "title", 128, problems);
        String description = text(report.description(), "description", 2000, problems);
        problems.addAll(GeoPoint.problemsOf(report.longitude(), report.latitude()));
        String source = report.source();
        if (source == null || !SOURCES.contains(source) || source.equals("PUBLIC_REPORT") || source.equals("MONITORING")) {
            problems.add(new FieldProblem("source", "hazard.source.invalid"));
        } else if (caller.enterpriseId() != null && !source.equals("SELF_INSPECTION")) {
            problems.add(new FieldProblem("source", "hazard.source.enterprise"));
        }
        Enterprise enterprise = null;
        String regionCode = report.regionCode();
        if (report.enterpriseId() != null) {
            // an enterprise the caller cannot see is answered like one that does not exist
            enterprise = enterprises.find(report.enterpriseId())
                    .orElseThrow(() -> Problem.notFound("enterprise", report.enterpriseId()));
            regionCode = enterprise.regionCode();
        } else if (caller.enterpriseId() != null) {
            problems.add(new FieldProblem("enterpriseId", "hazard.enterprise.required"));
        }
        checkRegion(regionCode, problems);
        String industry = industryOf(report, enterprise, caller, problems);
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        // the reporter must be able to read back what it reports: the same check as the read's SQL
        if (!callers.scope().covers(regionCode, industry == null ? null : Industry.valueOf(industry),
                enterprise == null ? null : enterprise.id())) {
            throw Problem.forbidden();
        }
        long id = hazards.insert(new HazardRepository.NewHazard(trackingCode(), source, title, description, regionCode,
                industry, enterprise == null ? null : enterprise.id(),
                report.longitude(), report.latitude(), caller.userId(), caller.displayName(), null), clock.instant());
        hazards.record(id, new Hazard.Transition("report", null, Hazard.Status.REPORTED), caller.username(), clock.instant(), null);
        audit.record("hazard.report", "hazard", String.valueOf(id), regionCode, Map.of("title", title, "source", source));
        events.publishEvent(new HazardChanged(id, enterprise == null ? null : enterprise.id(), regionCode, "REPORTED"));
        return hazards.findVisible(id).orElseThrow();
    }

    /** A report from the public page (吹哨人): anonymous allowed; answers the tracking code. */
    @Transactional
    String reportPublicly(HazardReport report) {
        List<FieldProblem> problems = new ArrayList<>();
        String title = text(report.title(), "title", 128, problems);
        String description = text(report.description(), "description", 2000, problems);
        problems.addAll(GeoPoint.problemsOf(report.longitude(), report.latitude()));
        checkRegion(report.regionCode(), problems);
        if (report.industry() != null) {
            // the public does not classify its reports; the verifying department does
            problems.add(new FieldProblem("industry", "hazard.industry.not-allowed", report.industry(), "—"));
        }
        if (report.contactPhone() != null && !report.contactPhone().isBlank() && !MobileNumber.isPhone(report.contactPhone())) {
            problems.add(new FieldProblem("contactPhone", "enterprise.phone.invalid", report.contactPhone()));
        }
        if (report.contactName() != null && report.contactName().length() > 64) {
            problems.add(new FieldProblem("contactName", "problem.field.too-long", 64));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        String code = trackingCode();
        long id = hazards.insert(new HazardRepository.NewHazard(code, "PUBLIC_REPORT", title, description, report.regionCode(),
                null, null, report.longitude(), report.latitude(), null, blankToNull(report.contactName()),
                blankToNull(report.contactPhone())), clock.instant());
        hazards.record(id, new Hazard.Transition("report", null, Hazard.Status.REPORTED), "public", clock.instant(), null);
        audit.record("hazard.report", "hazard", String.valueOf(id), report.regionCode(), Map.of("title", title, "source", "PUBLIC_REPORT"));
        return code;
    }

    /**
     * Opens a hazard from a monitoring alarm (module event, after the alarm's transaction commits; once
     * per alarm even when the event is delivered again).
     */
    @org.springframework.modulith.events.ApplicationModuleListener
    void on(io.yingji.monitoring.AlarmHazardRequested request) {
        String ref = "alarm:" + request.alarmId();
        if (hazards.existsFrom(ref)) {
            return;
        }
        callers.runAsSystem(() -> {
            Instant now = clock.instant();
            long id = hazards.insert(new HazardRepository.NewHazard(trackingCode(), "MONITORING", request.title(),
                    request.description(), request.regionCode(), request.industry(), request.enterpriseId(), request.longitude(),
                    request.latitude(), null, request.requestedBy(), null), now);
            hazards.markSource(id, ref);
            hazards.record(id, new Hazard.Transition("report", null, Hazard.Status.REPORTED), request.requestedBy(), now, "由监测报警转入");
            audit.record("hazard.report", "hazard", String.valueOf(id), request.regionCode(),
                    Map.of("title", request.title(), "source", "MONITORING", "alarm", request.alarmId()));
            events.publishEvent(new HazardChanged(id, request.enterpriseId(), request.regionCode(), Hazard.Status.REPORTED.name()));
            return id;
        });
    }

    @Transactional
    HazardRepository.HazardView actAndShow(long id, String action, HazardStep input) {
        HazardRepository.HazardView visible = hazards.findVisible(id)
                .orElseThrow(() -> Problem.outOfScope("hazard", id));
        boolean remediation = action.equals("progress") || action.equals("complete");
        Caller caller = callers.requirePermission(remediation ? Permissions.HAZARD_REMEDIATE : Permissions.HAZARD_VERIFY);
        Hazard hazard = hazards.load(id).orElseThrow();
        if (input.version() != null && input.version() != hazard.version) {
            throw Problem.conflict("problem.version.stale");
        }
        String comment = input.comment() == null || input.comment().isBlank() ? null : input.comment().strip();
        if (comment != null && comment.length() > 2000) {
            throw Problem.invalid("comment", "problem.field.too-long", 2000);
        }
        Instant now = clock.instant();
        Hazard.Transition transition = switch (action) {
            case "verify" -> verify(hazard, input);
            case "dismiss" -> hazard.dismiss();
            case "assign" -> hazard.assign();
            case "progress" -> hazard.progress();
            case "complete" -> hazard.complete();
            case "accept" -> hazard.accept(now);
            case "reject" -> {
                if (comment == null) {
                    throw Problem.invalid("comment", "hazard.reject.reason");
                }
                yield hazard.reject();
            }
            default -> throw Problem.notFound("hazard_action", action);
        };
        if (!hazards.save(hazard)) {
            throw Problem.conflict("problem.version.stale");
        }
        long event = hazards.record(id, transition, caller.username(), now, comment);
        if (input.attachmentIds() != null && !input.attachmentIds().isEmpty()
                && !hazards.linkEvidence(id, event, input.attachmentIds())) {
            throw Problem.invalid("attachmentIds", "hazard.attachment.evidence");
        }
        reminders.stepped(id, transition);
        audit.record("hazard." + action, "hazard", String.valueOf(id), visible.regionCode(),
                Map.of("status", List.of(transition.from() == null ? "" : transition.from().name(), transition.to().name())));
        events.publishEvent(new HazardChanged(id, visible.enterpriseId(), visible.regionCode(), transition.to().name()));
        if (transition.to() == Hazard.Status.CLOSED) {
            events.publishEvent(new HazardClosed(id, visible.regionCode(), visible.enterpriseId()));
        }
        return hazards.findVisible(id).orElseThrow();
    }

    private Hazard.Transition verify(Hazard hazard, HazardStep input) {
        List<FieldProblem> problems = new ArrayList<>();
        Hazard.Grade grade = null;
        try {
            grade = Hazard.Grade.valueOf(String.valueOf(input.grade()));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("grade", "hazard.grade.invalid"));
        }
        if (input.category() == null || !CATEGORIES.contains(input.category())) {
            problems.add(new FieldProblem("category", "hazard.category.invalid", String.join(", ", new java.util.TreeSet<>(CATEGORIES))));
        }
        String unit = text(input.responsibleUnit(), "responsibleUnit", 128, problems);
        if (input.deadline() == null) {
            problems.add(new FieldProblem("deadline", "hazard.deadline.required"));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        return hazard.verify(grade, input.category(), unit, input.deadline(), today());
    }

    @Transactional(readOnly = true)
    HazardRepository.HazardView find(long id) {
        callers.requirePermission(Permissions.HAZARD_READ);
        return hazards.findVisible(id).orElseThrow(() -> Problem.notFound("hazard", id));
    }

    @Transactional(readOnly = true)
    List<HazardRepository.HistoryEntry> history(long id) {
        return hazards.history(find(id).id());
    }

    /** The filters of the hazard list as the API takes them; the caller's scope always applies on top. */
    record HazardFilter(@Nullable String regionCode, @Nullable String status, @Nullable String grade, @Nullable Boolean overdue,
                        @Nullable Long alarmId, @Nullable Long enterpriseId, @Nullable String sort) {
    }

    /** At most this many hazards in one export. */
    static final int MAX_EXPORT = 50_000;

    @Transactional(readOnly = true)
    PageOf<HazardRepository.HazardView> search(HazardFilter filter, int page, int size) {
        callers.requirePermission(Permissions.HAZARD_READ);
        PageOf.check(page, size);
        return hazards.search(checked(filter), page, size);
    }

    /** Every hazard the filter finds in scope, in the list's order, for the export (audited). */
    @Transactional
    List<HazardRepository.HazardView> export(HazardFilter filter) {
        callers.requirePermission(Permissions.HAZARD_READ);
        PageOf<HazardRepository.HazardView> all = hazards.search(checked(filter), 0, MAX_EXPORT);
        if (all.totalElements() > MAX_EXPORT) {
            throw Problem.invalid("regionCode", "hazard.export.too-many", all.totalElements(), MAX_EXPORT);
        }
        audit.recordExport("hazard", "hazard", filter.regionCode(), filter, all.content().size());
        return all.content();
    }

    private static HazardRepository.HazardSearch checked(HazardFilter filter) {
        String regionCode = filter.regionCode();
        String status = filter.status();
        String grade = filter.grade();
        if (regionCode != null && !RegionCode.isValid(regionCode)) {
            throw Problem.invalid("regionCode", "enterprise.region.invalid", regionCode);
        }
        if (status != null && java.util.Arrays.stream(Hazard.Status.values()).noneMatch(s -> s.name().equals(status))) {
            throw Problem.invalid("status", "hazard.status.invalid", status);
        }
        if (grade != null && java.util.Arrays.stream(Hazard.Grade.values()).noneMatch(g -> g.name().equals(grade))) {
            throw Problem.invalid("grade", "hazard.grade.invalid");
        }
        return new HazardRepository.HazardSearch(regionCode, status, grade, filter.overdue(),
                filter.alarmId() == null ? null : "alarm:" + filter.alarmId(), filter.enterpriseId(), filter.sort());
    }

    /**
     * The open hazards of the one map by column, one array per field. A hazard without a location of its
     * own stands at its enterprise's ({@code location} ENTERPRISE), else at the centre of its region's
     * extent (REGION; the nearest ancestor's where the region has none); both are approximate. A hazard
     * whose region has no known extent at all is left off and counted in {@code unplaced}.
     */
    record MapLayer(int count, int unplaced, long[] id, String[] title, String[] status, @Nullable String[] grade,
                    boolean[] overdue, double[] longitude, double[] latitude, String[] regionCode, String[] location) {
    }

    @Transactional(readOnly = true)
    MapLayer mapLayer(@Nullable String regionCode) {
        callers.requirePermission(Permissions.HAZARD_READ);
        if (regionCode != null && !RegionCode.isValid(regionCode)) {
            throw Problem.invalid("regionCode", "enterprise.region.invalid", regionCode);
        }
        List<HazardRepository.MapHazard> placed = new ArrayList<>();
        int unplaced = 0;
        for (HazardRepository.MapHazard hazard : hazards.mapPoints(regionCode)) {
            if (hazard.longitude() != null) {
                placed.add(hazard);
                continue;
            }
            BoundingBox box = regions.extentOf(RegionCode.of(hazard.regionCode()));
            if (box.equals(BoundingBox.CHINA)) {
                unplaced++;
            } else {
                placed.add(new HazardRepository.MapHazard(hazard.id(), hazard.title(), hazard.status(), hazard.grade(),
                        hazard.overdue(), (box.minLongitude() + box.maxLongitude()) / 2, (box.minLatitude() + box.maxLatitude()) / 2,
                        hazard.regionCode(), hazard.location()));
            }
        }
        int n = placed.size();
        MapLayer layer = new MapLayer(n, unplaced, new long[n], new String[n], new String[n], new String[n], new boolean[n],
                new double[n], new double[n], new String[n], new String[n]);
        for (int i = 0; i < n; i++) {
            HazardRepository.MapHazard hazard = placed.get(i);
            layer.id()[i] = hazard.id();
            layer.title()[i] = hazard.title();
            layer.status()[i] = hazard.status();
            layer.grade()[i] = hazard.grade();
            layer.overdue()[i] = hazard.overdue();
            layer.longitude()[i] = io.yingji.enterprise.MapLayer.coordinate(hazard.longitude());
            layer.latitude()[i] = io.yingji.enterprise.MapLayer.coordinate(hazard.latitude());
            layer.regionCode()[i] = hazard.regionCode();
            layer.location()[i] = hazard.location();
        }
        return layer;
    }

    /** Statistics of a period (calendar days in Asia/Shanghai, both included; default: this year so far). */
    record Statistics(LocalDate from, LocalDate to, Map<String, Map<String, Long>> counts, List<Area> byRegion,
                      List<IndustryFigures> byIndustry) {
    }

    /** One industry's figures ({@code NONE}: hazards of no enterprise, e.g. public reports in a street). */
    record IndustryFigures(String industry, long found, long closed, long overdue, @Nullable Double closureRate) {
    }

    /** One sub-region's figures; the closure rate is closed / found in percent (null when nothing was found). */
    record Area(String regionCode, String name, long found, long closed, long overdue, @Nullable Double closureRate) {
    }

    @Transactional(readOnly = true)
    Statistics statistics(@Nullable String regionCode, @Nullable LocalDate from, @Nullable LocalDate to) {
        Caller caller = callers.requirePermission(Permissions.HAZARD_READ);
        if (regionCode != null && !RegionCode.isValid(regionCode)) {
            throw Problem.invalid("regionCode", "enterprise.region.invalid", regionCode);
        }
        LocalDate end = to == null ? today() : to;
        LocalDate start = from == null ? end.withDayOfYear(1) : from;
        if (start.isAfter(end)) {
            throw Problem.invalid("to", "problem.range.order");
        }
        Instant since = start.atStartOfDay(SHANGHAI).toInstant();
        Instant until = end.plusDays(1).atStartOfDay(SHANGHAI).toInstant();
        RegionCode area = regionCode == null ? caller.region() : RegionCode.of(regionCode);
        List<Area> byRegion = new ArrayList<>();
        if (caller.enterpriseId() == null && caller.region().contains(area)) {
            for (var child : regions.children(area)) {
                HazardRepository.AreaFigures f = hazards.figures(child.code().value(), since, until);
                byRegion.add(new Area(child.code().value(), child.name(), f.found(), f.closed(), f.overdue(),
                        rate(f.closed(), f.found())));
            }
        }
        List<IndustryFigures> byIndustry = hazards.figuresByIndustry(regionCode, since, until).entrySet().stream()
                .map(e -> new IndustryFigures(e.getKey(), e.getValue().found(), e.getValue().closed(), e.getValue().overdue(),
                        rate(e.getValue().closed(), e.getValue().found())))
                .toList();
        return new Statistics(start, end, hazards.statistics(regionCode, since, until), byRegion, byIndustry);
    }

    /** Closed of found in percent, one decimal; null when nothing was found. */
    private static @Nullable Double rate(long closed, long found) {
        return found == 0 ? null : Math.round(closed * 1000.0 / found) / 10.0;
    }

    /**
     * The industry a staff report carries: its enterprise's; without an enterprise, the reporting
     * department's when it supervises exactly one industry, the one the report names among the
     * department's several, and none for a comprehensive department (the bureau, a township).
     */
    private static @Nullable String industryOf(HazardReport report, @Nullable Enterprise enterprise, Caller caller,
                                               List<FieldProblem> problems) {
        Set<Industry> allowed = enterprise != null ? Set.of(enterprise.industry()) : caller.industries();
        String named = report.industry() == null || report.industry().isBlank() ? null : report.industry().strip();
        String choices = String.join(", ", allowed.stream().map(Enum::name).sorted().toList());
        if (named != null) {
            if (allowed.stream().noneMatch(i -> i.name().equals(named))) {
                problems.add(new FieldProblem("industry", "hazard.industry.not-allowed", named,
                        allowed.isEmpty() ? "—" : choices));
                return null;
            }
            return named;
        }
        if (allowed.size() > 1) {
            problems.add(new FieldProblem("industry", "hazard.industry.required", choices));
            return null;
        }
        return allowed.isEmpty() ? null : allowed.iterator().next().name();
    }

    private void checkRegion(@Nullable String regionCode, List<FieldProblem> problems) {
        if (regionCode == null || !RegionCode.isValid(regionCode) || regions.find(RegionCode.of(regionCode)).isEmpty()) {
            problems.add(Problem.unknownRegion(null, "regionCode", regionCode));
        } else if (RegionCode.of(regionCode).level() < 3) {
            problems.add(new FieldProblem("regionCode", "hazard.region.too-high"));
        }
    }

    private static String trackingCode() {
        StringBuilder code = new StringBuilder("YH");
        for (int i = 0; i < 10; i++) {
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    private static String text(@Nullable String value, String field, int max, List<FieldProblem> problems) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty()) {
            problems.add(new FieldProblem(field, "hazard." + field + ".required"));
        } else if (trimmed.length() > max) {
            problems.add(new FieldProblem(field, "problem.field.too-long", max));
        }
        return trimmed;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
