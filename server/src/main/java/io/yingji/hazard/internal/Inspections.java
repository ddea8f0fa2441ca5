package io.yingji.hazard.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.audit.AuditTrail;
import io.yingji.enterprise.Enterprise;
import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.hazard.HazardReport;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import io.yingji.shared.UtcTimestamps;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Inspections with the industry checklists (隐患排查清单): every item answered, each failed item
 * reported as a hazard in the same transaction (an enterprise's own check as self-inspection, an
 * officer's as government inspection), so an inspection and its hazards exist together or not at all.
 */
@RestController
@Tag(name = "隐患排查治理 Hidden hazards")
class Inspections {

    record Item(long id, int seq, String content, String category) {
    }

    record Checklist(long id, String industry, String name, List<Item> items) {
    }

    record Answer(@Nullable Long itemId, @Nullable Boolean passed, @Nullable String note) {
    }

    record Submission(@Nullable Long checklistId, @Nullable List<Answer> answers) {
    }

    record Inspection(long id, long enterpriseId, long checklistId, String checklistName, String source, String inspector,
                      Instant inspectedAt, int passed, int failed, List<Long> hazardIds) {
    }

    private final JdbcClient jdbc;
    private final EnterpriseRegistry enterprises;
    private final HazardDesk desk;
    private final CallerContext callers;
    private final AuditTrail audit;
    private final Clock clock;

    Inspections(JdbcClient jdbc, EnterpriseRegistry enterprises, HazardDesk desk, CallerContext callers, AuditTrail audit,
                Clock clock) {
        this.jdbc = jdbc;
        this.enterprises = enterprises;
        this.desk = desk;
        this.callers = callers;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/api/checklists")
    @Operation(summary = "The checklists, optionally of one industry")
    List<Checklist> checklists(@RequestParam(required = false) @Nullable String industry) {
        callers.require();
        return jdbc.sql("select * from checklist" + (industry == null ? "" : " where industry = :industry") + " order by id")
                .params(industry == null ? Map.of() : Map.of("industry", industry))
                .query((rs, n) -> new Checklist(rs.getLong("id"), rs.getString("industry"), rs.getString("name"), items(rs.getLong("id"))))
                .list();
    }

    @GetMapping("/api/enterprises/{id}/inspections")
    @Operation(summary = "The enterprise's inspections, newest first")
    List<Inspection> list(@PathVariable long id) {
        callers.requirePermission(Permissions.HAZARD_READ);
        Enterprise enterprise = enterprises.find(id).orElseThrow(() -> Problem.notFound("enterprise", id));
        return jdbc.sql("""
                select i.*, c.name as checklist_name from inspection i join checklist c on c.id = i.checklist_id
                where i.enterprise_id = :id order by i.id desc""")
                .param("id", enterprise.id())
                .query((rs, n) -> new Inspection(rs.getLong("id"), rs.getLong("enterprise_id"), rs.getLong("checklist_id"),
                        rs.getString("checklist_name"), rs.getString("source"), rs.getString("inspector"),
                        UtcTimestamps.read(rs, "inspected_at"), rs.getInt("passed"), rs.getInt("failed"),
                        jdbc.sql("select hazard_id from inspection_result where inspection_id = :i and hazard_id is not null order by hazard_id")
                                .param("i", rs.getLong("id")).query(Long.class).list()))
                .list();
    }

    @PostMapping("/api/enterprises/{id}/inspections")
    @Operation(summary = "Record an inspection with a checklist; every failed item becomes a hazard")
    @Transactional
    ResponseEntity<Inspection> inspect(@PathVariable long id, @RequestBody Submission submission) {
        Enterprise enterprise = enterprises.find(id).orElseThrow(() -> Problem.outOfScope("enterprise", id));
        // hazard:report alone (a grid worker's patrol) is not enough: an inspection is the supervisors' or the
        // enterprise's own check, and every failed item becomes a hazard
        Caller caller = callers.requirePermission(Permissions.HAZARD_INSPECT);
        Checklist checklist = submission.checklistId() == null ? null : checklists(null).stream()
                .filter(c -> c.id() == submission.checklistId()).findFirst().orElse(null);
        if (checklist == null) {
            throw Problem.invalid("checklistId", "inspection.checklist.unknown");
        }
        List<FieldProblem> problems = new ArrayList<>();
        Map<Long, Answer> answers = new HashMap<>();
        List<Answer> given = submission.answers() == null ? List.of() : submission.answers();
        for (int i = 0; i < given.size(); i++) {
            Answer answer = given.get(i);
            if (answer.itemId() == null || answer.passed() == null) {
                problems.add(new FieldProblem("answers[" + i + "]", "inspection.answer.incomplete"));
            } else if (answers.put(answer.itemId(), answer) != null) {
                problems.add(new FieldProblem("answers[" + i + "]", "inspection.answer.twice"));
            } else if (answer.note() != null && answer.note().length() > 512) {
                problems.add(new FieldProblem("answers[" + i + "].note", "problem.field.too-long", 512));
            }
        }
        Set<Long> itemIds = new HashSet<>(checklist.items().stream().map(Item::id).toList());
        for (Long answered : answers.keySet()) {
            if (!itemIds.contains(answered)) {
                problems.add(new FieldProblem("answers", "inspection.answer.foreign", answered));
            }
        }
        for (Item item : checklist.items()) {
            if (!answers.containsKey(item.id())) {
                problems.add(new FieldProblem("answers", "inspection.answer.missing", item.seq()));
            }
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        String source = caller.enterpriseId() != null ? "SELF_INSPECTION" : "GOVERNMENT_INSPECTION";
        Instant now = clock.instant();
        int failed = (int) checklist.items().stream().filter(item -> !answers.get(item.id()).passed()).count();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into inspection (enterprise_id, region_code, industry, checklist_id, source, inspector, inspected_at, passed, failed)
                values (:enterprise, :region, :industry, :checklist, :source, :inspector, :at, :passed, :failed)""")
                .param("enterprise", enterprise.id()).param("region", enterprise.regionCode())
                .param("industry", enterprise.industry().name()).param("checklist", checklist.id()).param("source", source)
                .param("inspector", caller.username()).param("at", UtcTimestamps.of(now))
                .param("passed", checklist.items().size() - failed).param("failed", failed)
                .update(keys, "id");
        long inspection = keys.getKeyAs(Number.class).longValue();
        List<Long> hazardIds = new ArrayList<>();
        for (Item item : checklist.items()) {
            Answer answer = answers.get(item.id());
            Long hazard = null;
            if (!answer.passed()) {
                String note = answer.note() == null || answer.note().isBlank() ? "" : "：" + answer.note().strip();
                hazard = desk.report(new HazardReport(item.content(), "排查清单第 " + item.seq() + " 项不符合" + note,
                        null, enterprise.id(), source, null, null, null, null));
                hazardIds.add(hazard);
            }
            jdbc.sql("insert into inspection_result (inspection_id, item_id, passed, note, hazard_id) values (:i, :item, :passed, :note, :hazard)")
                    .param("i", inspection).param("item", item.id()).param("passed", answer.passed())
                    .param("note", answer.note()).param("hazard", hazard).update();
        }
        audit.record("inspection.create", "enterprise", String.valueOf(enterprise.id()), enterprise.regionCode(),
                Map.of("inspection", inspection, "checklist", checklist.id(), "failed", failed));
        return ResponseEntity.created(URI.create("/api/enterprises/" + id + "/inspections"))
                .body(new Inspection(inspection, enterprise.id(), checklist.id(), checklist.name(), source, caller.username(), now,
                        checklist.items().size() - failed, failed, hazardIds));
    }

    private List<Item> items(long checklistId) {
        return jdbc.sql("select * from checklist_item where checklist_id = :id order by seq").param("id", checklistId)
                .query((rs, n) -> new Item(rs.getLong("id"), rs.getInt("seq"), rs.getString("content"), rs.getString("category")))
                .list();
    }
}
