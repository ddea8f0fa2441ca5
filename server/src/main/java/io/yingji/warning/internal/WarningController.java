package io.yingji.warning.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.shared.PageOf;
import io.yingji.shared.Spreadsheet;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import io.yingji.warning.WarningDraft;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "预警信息发布 Early warnings (CAP 1.2)")
class WarningController {

    static final MediaType CAP_XML = MediaType.parseMediaType("application/cap+xml");

    record WarningDetail(WarningView warning, List<WarningRepository.HistoryEntry> history) {
    }

    /** The body of submit and approve: the version the caller saw (optional). */
    record Step(@Nullable Integer version) {
    }

    /** The body of reject and cancel: why (required). */
    record Reason(@Nullable String reason, @Nullable Integer version) {
    }

    private final WarningDesk desk;
    private final CapWriter cap;
    private final CapImport imports;

    WarningController(WarningDesk desk, CapWriter cap, CapImport imports) {
        this.desk = desk;
        this.cap = cap;
        this.imports = imports;
    }

    private WarningView view(Warning w) {
        return WarningView.of(w, desk.now());
    }

    @PostMapping("/api/warnings")
    @Operation(summary = "Draft a warning (msgType Alert) in the caller's region; areas by region code, CAP polygon or circle, or risk zone")
    ResponseEntity<WarningView> draft(@RequestBody WarningDraft draft) {
        WarningView created = view(desk.draft(draft));
        return ResponseEntity.created(URI.create("/api/warnings/" + created.id())).body(created);
    }

    @GetMapping("/api/warnings")
    @Operation(summary = "Warnings in scope, newest first; filters: state, CAP status, level, msgType, issuing region subtree, active (in force now)")
    PageOf<WarningView> list(@RequestParam(required = false) @Nullable String state,
                             @RequestParam(required = false) @Nullable String status,
                             @RequestParam(required = false) @Nullable String level,
                             @RequestParam(required = false) @Nullable String msgType,
                             @RequestParam(required = false) @Nullable String regionCode,
                             @RequestParam(required = false) @Nullable Boolean active,
                             @RequestParam(required = false) @Nullable String sort,
                             @RequestParam(defaultValue = "0") int page,
                             @RequestParam(defaultValue = "20") int size) {
        PageOf<Warning> found = desk.search(new WarningRepository.Filter(state, status, level, regionCode, active, msgType, sort), page, size);
        Instant now = desk.now();
        return new PageOf<>(found.content().stream().map(w -> WarningView.of(w, now)).toList(), found.page(), found.size(),
                found.totalElements(), found.totalPages());
    }

    /** The states and message types as the list shows them in Chinese. */
    private static final Map<String, String> STATES = Map.of("DRAFT", "草稿", "SUBMITTED", "待审批", "REJECTED", "已退回",
            "PUBLISHED", "已发布", "UPDATED", "已更新", "CANCELLED", "已解除", "EXPIRED", "已失效", "RECEIVED", "外部导入");
    private static final Map<String, String> MSG_TYPES = Map.of("Alert", "首发", "Update", "更新", "Cancel", "解除");

    private static final List<Spreadsheet.Column<Warning>> EXPORT = List.of(
            new Spreadsheet.Column<>("预警级别", 12, w -> w.level == null ? "未定级" : w.level.colour() + "预警（" + w.level.grade() + "级）"),
            new Spreadsheet.Column<>("标题", 40, w -> w.headline != null ? w.headline : w.event),
            new Spreadsheet.Column<>("事件", 14, w -> w.event),
            new Spreadsheet.Column<>("状态", 10, w -> STATES.getOrDefault(w.state.name(), w.state.name())),
            new Spreadsheet.Column<>("类型", 8, w -> MSG_TYPES.getOrDefault(w.msgType, w.msgType)),
            new Spreadsheet.Column<>("发布单位", 24, w -> w.senderName),
            new Spreadsheet.Column<>("行政区划代码", 14, w -> w.regionCode),
            new Spreadsheet.Column<>("发布时间", 20, w -> w.sent),
            new Spreadsheet.Column<>("失效时间", 20, w -> w.expires),
            new Spreadsheet.Column<>("预警标识", 34, w -> w.identifier));

    @GetMapping("/api/warnings/export")
    @Operation(summary = "The filtered warning list (within scope, in the list's order) as an Excel file")
    void export(@RequestParam(required = false) @Nullable String state,
                @RequestParam(required = false) @Nullable String status,
                @RequestParam(required = false) @Nullable String level,
                @RequestParam(required = false) @Nullable String msgType,
                @RequestParam(required = false) @Nullable String regionCode,
                @RequestParam(required = false) @Nullable Boolean active,
                @RequestParam(required = false) @Nullable String sort,
                HttpServletResponse response) throws IOException {
        List<Warning> rows = desk.export(new WarningRepository.Filter(state, status, level, regionCode, active, msgType, sort));
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Spreadsheet.attachment("预警信息.xlsx"));
        response.setContentType(Spreadsheet.CONTENT_TYPE);
        Spreadsheet.write("预警信息", EXPORT, rows, response.getOutputStream());
    }

    @GetMapping("/api/warnings/{id}")
    @Operation(summary = "One warning with its history")
    WarningDetail get(@PathVariable long id) {
        return new WarningDetail(view(desk.find(id)), desk.history(id));
    }

    @GetMapping("/api/warnings/{id}/cap")
    @Operation(summary = "The warning as a CAP 1.2 document (application/cap+xml), checked against the OASIS schema; "
            + "an unpublished draft is shown with status Draft")
    ResponseEntity<byte[]> cap(@PathVariable long id) {
        Warning w = desk.find(id);
        return ResponseEntity.ok().contentType(CAP_XML).body(cap.write(w, desk.now()));
    }

    @PutMapping("/api/warnings/{id}")
    @Operation(summary = "Edit a draft or a rejected warning (it becomes a draft again); 409 once submitted")
    WarningView edit(@PathVariable long id, @RequestBody WarningDraft draft) {
        return view(desk.edit(id, draft));
    }

    @DeleteMapping("/api/warnings/{id}")
    @Operation(summary = "Discard a draft or a rejected warning")
    ResponseEntity<Void> discard(@PathVariable long id) {
        desk.discard(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/warnings/{id}/submit")
    @Operation(summary = "Submit a draft for approval")
    WarningView submit(@PathVariable long id, @RequestBody(required = false) @Nullable Step step) {
        return view(desk.submit(id, step == null ? null : step.version()));
    }

    @PostMapping("/api/warnings/{id}/approve")
    @Operation(summary = "Approve and publish (审批发布): approve permission at the issuing level or above, not the drafter; "
            + "an Update replaces the warning it references")
    WarningView approve(@PathVariable long id, @RequestBody(required = false) @Nullable Step step) {
        return view(desk.approve(id, step == null ? null : step.version()));
    }

    @PostMapping("/api/warnings/{id}/reject")
    @Operation(summary = "Reject a submitted warning with a reason; the drafter may edit and submit it again")
    WarningView reject(@PathVariable long id, @RequestBody Reason reason) {
        return view(desk.reject(id, reason.reason(), reason.version()));
    }

    @PostMapping("/api/warnings/{id}/update")
    @Operation(summary = "Draft an Update of a warning in force: a new message referencing the whole chain, published on approval")
    ResponseEntity<WarningView> update(@PathVariable long id, @RequestBody WarningDraft draft) {
        WarningView created = view(desk.update(id, draft));
        return ResponseEntity.created(URI.create("/api/warnings/" + created.id())).body(created);
    }

    @PostMapping("/api/warnings/{id}/cancel")
    @Operation(summary = "Cancel (解除) a warning in force: a Cancel message published at once (approve permission, reason required)")
    ResponseEntity<WarningView> cancel(@PathVariable long id, @RequestBody Reason reason) {
        WarningView created = view(desk.cancel(id, reason.reason()));
        return ResponseEntity.created(URI.create("/api/warnings/" + created.id())).body(created);
    }

    @PostMapping(path = "/api/warnings/import", consumes = {"application/cap+xml", "application/xml", "text/xml"})
    @Operation(summary = "Import a CAP 1.2 alert of another issuer: schema and semantic checks, every error with line and column; "
            + "stored as an external warning, all or nothing")
    ResponseEntity<WarningView> importCap(@RequestBody(required = false) byte @Nullable [] document) {
        // an empty body is told that a CAP document is expected (not that it is no JSON)
        WarningView created = view(imports.importAlert(document == null ? new byte[0] : document));
        return ResponseEntity.created(URI.create("/api/warnings/" + created.id())).body(created);
    }
}
