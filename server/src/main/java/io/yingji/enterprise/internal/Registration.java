package io.yingji.enterprise.internal;

import io.yingji.access.CallerContext;
import io.yingji.access.DataScope;
import io.yingji.access.Permissions;
import io.yingji.audit.AuditTrail;
import io.yingji.enterprise.Enterprise;
import io.yingji.enterprise.EnterpriseDraft;
import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.enterprise.EnterpriseSearch;
import io.yingji.enterprise.MapLayer;
import io.yingji.enterprise.MapPoint;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import io.yingji.shared.RegionCode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

@Service
class Registration implements EnterpriseRegistry {

    /** Larger imports are split by the user; a bound keeps one request's memory and transaction sane. */
    static final int MAX_IMPORT_ROWS = 20_000;

    private final EnterpriseRepository enterprises;
    private final EnterpriseValidation validation;
    private final CallerContext callers;
    private final AuditTrail audit;
    private final Clock clock;
    private final JsonMapper json;

    Registration(EnterpriseRepository enterprises, EnterpriseValidation validation, CallerContext callers,
                 AuditTrail audit, Clock clock, JsonMapper json) {
        this.enterprises = enterprises;
        this.validation = validation;
        this.callers = callers;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
    }

    @Override
    @Transactional
    public Enterprise register(EnterpriseDraft draft) {
        requireWritePermission();
        // an enterprise account never registers another enterprise, whatever the body says
        if (!callers.isSystem() && callers.scope().enterpriseId() != null) {
            throw Problem.forbidden();
        }
        Row row = valid(draft);
        requireInScope(row, null);
        if (enterprises.idOfCreditCode(row.creditCode()).isPresent()) {
            throw new Problem(409, "enterprise.credit-code.taken",
                    List.of(new FieldProblem("creditCode", "enterprise.credit-code.taken", row.creditCode())), row.creditCode());
        }
        long id = enterprises.insert(row, clock.instant());
        audit.record("enterprise.create", "enterprise", String.valueOf(id), row.regionCode(), asMap(row));
        return enterprises.findVisible(id).orElseThrow();
    }

    @Override
    @Transactional
    public Enterprise change(long id, EnterpriseDraft draft) {
        Enterprise current = enterprises.findVisible(id).orElseThrow(() -> Problem.outOfScope("enterprise", id));
        requireWritePermission();
        Row row = valid(draft);
        requireInScope(row, id);
        Optional<Long> holder = enterprises.idOfCreditCode(row.creditCode());
        if (holder.isPresent() && holder.get() != id) {
            throw new Problem(409, "enterprise.credit-code.taken",
                    List.of(new FieldProblem("creditCode", "enterprise.credit-code.taken", row.creditCode())), row.creditCode());
        }
        int expected = draft.version() == null ? current.version() : draft.version();
        if (enterprises.update(id, row, expected, clock.instant()) == 0) {
            throw Problem.conflict("problem.version.stale");
        }
        Map<String, Object> before = asMap(rowOf(current));
        Map<String, Object> after = asMap(row);
        Map<String, Object> changes = new LinkedHashMap<>();
        after.forEach((field, value) -> {
            if (!Objects.equals(before.get(field), value)) {
                changes.put(field, java.util.Arrays.asList(before.get(field), value));
            }
        });
        audit.record("enterprise.update", "enterprise", String.valueOf(id), row.regionCode(), changes);
        return enterprises.findVisible(id).orElseThrow();
    }

    @Override
    @Transactional
    public int registerAll(List<ImportLine> lines, List<FieldProblem> parseProblems, String source) {
        if (!callers.isSystem()) {
            callers.requirePermission(Permissions.ENTERPRISE_IMPORT);
        }
        if (lines.isEmpty()) {
            throw Problem.invalid("file", "enterprise.import.empty");
        }
        if (lines.size() > MAX_IMPORT_ROWS) {
            throw Problem.invalid("file", "enterprise.import.too-many", MAX_IMPORT_ROWS);
        }
        DataScope scope = callers.scope();
        List<FieldProblem> problems = new ArrayList<>(parseProblems);
        List<Row> rows = new ArrayList<>(lines.size());
        Map<String, Integer> firstLineOfCode = new HashMap<>();
        for (ImportLine line : lines) {
            EnterpriseValidation.Outcome outcome = validation.validate(line.draft(), line.line());
            problems.addAll(outcome.problems());
            Row row = outcome.row();
            if (row == null) {
                continue;
            }
            if (!scope.covers(row.regionCode(), row.industry(), null)) {
                problems.add(new FieldProblem(line.line(), "regionCode", "enterprise.import.out-of-scope", row.regionCode()));
                continue;
            }
            Integer earlier = firstLineOfCode.putIfAbsent(row.creditCode(), line.line());
            if (earlier != null) {
                problems.add(new FieldProblem(line.line(), "creditCode", "enterprise.import.duplicate-in-file",
                        row.creditCode(), earlier));
                continue;
            }
            rows.add(row);
        }
        for (String taken : enterprises.takenCreditCodes(firstLineOfCode.keySet())) {
            problems.add(new FieldProblem(firstLineOfCode.get(taken), "creditCode", "enterprise.credit-code.taken", taken));
        }
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparing(p -> p.line() == null ? 0 : p.line()));
            throw new Problem(400, "enterprise.import.rejected", problems, problems.stream().map(FieldProblem::line).distinct().count());
        }
        enterprises.insertAll(rows, clock.instant());
        audit.record("enterprise.import", "enterprise", null, callers.current().map(c -> c.region().value()).orElse(null),
                Map.of("source", source, "count", rows.size()));
        return rows.size();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Enterprise> find(long id) {
        return enterprises.findVisible(id);
    }

    @Override
    public boolean hasHazardSource(long enterpriseId, long hazardSourceId) {
        return enterprises.hasHazardSource(enterpriseId, hazardSourceId);
    }

    @Override
    @Transactional(readOnly = true)
    public PageOf<Enterprise> search(EnterpriseSearch search, int page, int size) {
        PageOf.check(page, size);
        checkRegion(search.regionCode());
        return enterprises.search(search, page, size);
    }

    @Override
    @Transactional
    public List<Enterprise> export(EnterpriseSearch search) {
        checkRegion(search.regionCode());
        PageOf<Enterprise> page = enterprises.search(search, 0, MAX_EXPORT);
        if (page.totalElements() > MAX_EXPORT) {
            throw Problem.invalid("regionCode", "enterprise.export.too-many", page.totalElements(), MAX_EXPORT);
        }
        audit.recordExport("enterprise", "enterprise", search.regionCode(), search, page.content().size());
        return page.content();
    }

    @Override
    @Transactional(readOnly = true)
    public List<MapPoint> mapPoints(EnterpriseSearch search) {
        checkRegion(search.regionCode());
        return enterprises.mapPoints(search, MAX_MAP_POINTS);
    }

    @Override
    @Transactional(readOnly = true)
    public MapLayer mapLayer(EnterpriseSearch search) {
        checkRegion(search.regionCode());
        return enterprises.mapLayer(search, MAX_MAP_POINTS);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<String, Long> statistics(@Nullable String regionCode) {
        checkRegion(regionCode);
        return enterprises.countsByIndustry(regionCode);
    }

    private static void checkRegion(@Nullable String regionCode) {
        if (regionCode != null && !RegionCode.isValid(regionCode)) {
            throw Problem.invalid("regionCode", "enterprise.region.invalid", regionCode);
        }
    }

    private void requireWritePermission() {
        if (!callers.isSystem()) {
            callers.requirePermission(Permissions.ENTERPRISE_WRITE);
        }
    }

    /**
     * A caller may only put an enterprise where they could see it afterwards; an enterprise account
     * never registers new enterprises (a new record has no id that could be theirs).
     */
    private void requireInScope(Row row, @Nullable Long id) {
        if (!callers.scope().covers(row.regionCode(), row.industry(), id)) {
            throw Problem.forbidden();
        }
    }

    private Row valid(EnterpriseDraft draft) {
        EnterpriseValidation.Outcome outcome = validation.validate(draft, null);
        if (outcome.row() == null) {
            throw Problem.invalid(outcome.problems());
        }
        return outcome.row();
    }

    private Map<String, Object> asMap(Row row) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = json.convertValue(row, LinkedHashMap.class);
        return map;
    }

    private static Row rowOf(Enterprise e) {
        return new Row(e.creditCode(), e.name(), e.industry(), e.aboveScale(), e.address(), e.longitude(), e.latitude(),
                e.regionCode(), e.supervisingDepartmentId(), e.legalRepresentative(), e.legalRepresentativePhone(),
                e.safetyManager(), e.safetyManagerPhone(), e.employees(), e.hazchemProduction(), e.hazchemOperation(),
                e.hazchemStorage(), e.hazchemUse(), e.threePlacesThreeEnterprises(), e.microParkMember());
    }

    @Override
    @Transactional(readOnly = true)
    public List<SafetyContact> safetyContacts(io.yingji.shared.RegionCode region) {
        return enterprises.safetyContacts(region);
    }
}
