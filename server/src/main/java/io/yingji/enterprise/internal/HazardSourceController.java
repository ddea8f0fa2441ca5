package io.yingji.enterprise.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.audit.AuditTrail;
import io.yingji.enterprise.Enterprise;
import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.enterprise.MajorHazardAssessment;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import io.yingji.shared.UtcTimestamps;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Major hazard sources (重大危险源) of an enterprise, graded by GB 18218-2018 from the chemicals and
 * quantities on site. The enterprise must be in the caller's scope; its sources inherit that scope.
 */
@RestController
@Tag(name = "重大危险源 Major hazard sources")
class HazardSourceController {

    record ChemicalQuantity(@Nullable String chemical, @Nullable BigDecimal quantity) {
    }

    record HazardSourceDraft(@Nullable String name, @Nullable Integer exposedPeople, @Nullable List<ChemicalQuantity> chemicals) {
    }

    record Chemical(String code, String name, @Nullable String casNumber, BigDecimal criticalQuantity, BigDecimal beta) {
    }

    record HazardSource(long id, long enterpriseId, String name, int exposedPeople, BigDecimal s, BigDecimal r,
                        @Nullable Integer grade, boolean major, List<ChemicalQuantity> chemicals, Instant createdAt) {
    }

    private final EnterpriseRegistry registry;
    private final EnterpriseRepository enterprises;
    private final CallerContext callers;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    HazardSourceController(EnterpriseRegistry registry, EnterpriseRepository enterprises, CallerContext callers,
                           JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.registry = registry;
        this.enterprises = enterprises;
        this.callers = callers;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/api/hazardous-chemicals")
    @Operation(summary = "The chemicals of GB 18218-2018 with critical quantity Q (t) and correction factor β")
    List<Chemical> chemicals() {
        return jdbc.sql("select * from hazardous_chemical order by code")
                .query((rs, n) -> new Chemical(rs.getString("code"), rs.getString("name"), rs.getString("cas_number"),
                        rs.getBigDecimal("critical_quantity"), rs.getBigDecimal("beta")))
                .list();
    }

    @GetMapping("/api/enterprises/{id}/hazard-sources")
    @Operation(summary = "The enterprise's major hazard sources with S, R and grade")
    List<HazardSource> list(@PathVariable long id) {
        callers.requirePermission(Permissions.ENTERPRISE_READ);
        Enterprise enterprise = visible(id);
        return sourcesOf(enterprise.id());
    }

    @PostMapping("/api/enterprises/{id}/hazard-sources")
    @Operation(summary = "Register a hazard source; S and the grade R are computed from the quantities")
    @Transactional
    ResponseEntity<HazardSource> create(@PathVariable long id, @RequestBody HazardSourceDraft draft) {
        Enterprise enterprise = writable(id);
        List<FieldProblem> problems = new ArrayList<>();
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty() || name.length() > 128) {
            problems.add(new FieldProblem("name", "hazard-source.name.required"));
        }
        if (draft.exposedPeople() == null || draft.exposedPeople() < 0) {
            problems.add(new FieldProblem("exposedPeople", "hazard-source.exposed-people.invalid"));
        }
        Map<String, Chemical> catalogue = new LinkedHashMap<>();
        chemicals().forEach(c -> catalogue.put(c.code(), c));
        List<MajorHazardAssessment.Quantity> quantities = new ArrayList<>();
        List<ChemicalQuantity> listed = draft.chemicals() == null ? List.of() : draft.chemicals();
        if (listed.isEmpty()) {
            problems.add(new FieldProblem("chemicals", "hazard-source.chemicals.required"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < listed.size(); i++) {
            ChemicalQuantity item = listed.get(i);
            Chemical chemical = item.chemical() == null ? null : catalogue.get(item.chemical());
            if (chemical == null) {
                problems.add(new FieldProblem("chemicals[" + i + "].chemical", "hazard-source.chemical.unknown", item.chemical()));
            } else if (!seen.add(chemical.code())) {
                problems.add(new FieldProblem("chemicals[" + i + "].chemical", "hazard-source.chemical.duplicate", chemical.name()));
            }
            if (item.quantity() == null || item.quantity().signum() <= 0) {
                problems.add(new FieldProblem("chemicals[" + i + "].quantity", "hazard-source.quantity.positive"));
            } else if (chemical != null) {
                quantities.add(new MajorHazardAssessment.Quantity(item.quantity(), chemical.criticalQuantity(), chemical.beta()));
            }
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        MajorHazardAssessment.Result result = MajorHazardAssessment.assess(quantities, draft.exposedPeople());
        Instant now = clock.instant();
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into major_hazard_source (enterprise_id, name, exposed_people, s_value, r_value, grade, created_at)
                values (:enterprise, :name, :people, :s, :r, :grade, :now)""")
                .param("enterprise", enterprise.id()).param("name", name).param("people", draft.exposedPeople())
                .param("s", result.s().setScale(4, RoundingMode.HALF_UP)).param("r", result.r().setScale(4, RoundingMode.HALF_UP))
                .param("grade", result.grade()).param("now", UtcTimestamps.of(now))
                .update(keys, "id");
        long sourceId = keys.getKeyAs(Number.class).longValue();
        for (ChemicalQuantity item : listed) {
            jdbc.sql("insert into major_hazard_source_chemical (source_id, chemical_code, quantity) values (:s, :c, :q)")
                    .param("s", sourceId).param("c", item.chemical()).param("q", item.quantity()).update();
        }
        enterprises.layerChanged();
        audit.record("hazard-source.create", "major_hazard_source", String.valueOf(sourceId), enterprise.regionCode(),
                Map.of("enterpriseId", enterprise.id(), "name", name, "s", result.s().toPlainString(),
                        "r", result.r().toPlainString(), "grade", result.grade() == null ? "-" : result.grade()));
        HazardSource created = sourcesOf(enterprise.id()).stream().filter(s -> s.id() == sourceId).findFirst().orElseThrow();
        return ResponseEntity.status(201).body(created);
    }

    @DeleteMapping("/api/enterprises/{id}/hazard-sources/{sourceId}")
    @Operation(summary = "Remove a hazard source (e.g. the chemicals are no longer stored)")
    @Transactional
    ResponseEntity<Void> delete(@PathVariable long id, @PathVariable long sourceId) {
        Enterprise enterprise = writable(id);
        int removed = jdbc.sql("delete from major_hazard_source where id = :id and enterprise_id = :enterprise")
                .param("id", sourceId).param("enterprise", enterprise.id()).update();
        if (removed == 0) {
            throw Problem.notFound("major_hazard_source", sourceId);
        }
        enterprises.layerChanged();
        audit.record("hazard-source.delete", "major_hazard_source", String.valueOf(sourceId), enterprise.regionCode(),
                Map.of("enterpriseId", enterprise.id()));
        return ResponseEntity.noContent().build();
    }

    private Enterprise visible(long id) {
        return registry.find(id).orElseThrow(() -> Problem.notFound("enterprise", id));
    }

    private Enterprise writable(long id) {
        Enterprise enterprise = registry.find(id).orElseThrow(() -> Problem.outOfScope("enterprise", id));
        callers.requirePermission(Permissions.ENTERPRISE_WRITE);
        return enterprise;
    }

    private List<HazardSource> sourcesOf(long enterpriseId) {
        Map<Long, List<ChemicalQuantity>> chemicals = new LinkedHashMap<>();
        jdbc.sql("""
                select c.source_id, c.chemical_code, c.quantity from major_hazard_source_chemical c
                join major_hazard_source s on s.id = c.source_id where s.enterprise_id = :id order by c.chemical_code""")
                .param("id", enterpriseId)
                .query(rs -> {
                    chemicals.computeIfAbsent(rs.getLong("source_id"), k -> new ArrayList<>())
                            .add(new ChemicalQuantity(rs.getString("chemical_code"), rs.getBigDecimal("quantity")));
                });
        return jdbc.sql("select * from major_hazard_source where enterprise_id = :id order by id")
                .param("id", enterpriseId)
                .query((rs, n) -> new HazardSource(rs.getLong("id"), enterpriseId, rs.getString("name"),
                        rs.getInt("exposed_people"), rs.getBigDecimal("s_value"), rs.getBigDecimal("r_value"),
                        rs.getObject("grade", Integer.class), rs.getObject("grade") != null,
                        chemicals.getOrDefault(rs.getLong("id"), List.of()), UtcTimestamps.read(rs, "created_at")))
                .list();
    }
}
