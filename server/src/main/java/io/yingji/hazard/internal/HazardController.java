package io.yingji.hazard.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.hazard.HazardReport;
import io.yingji.hazard.HazardStep;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem;
import io.yingji.shared.Spreadsheet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "隐患排查治理 Hidden hazards")
class HazardController {

    record HazardDetail(HazardRepository.HazardView hazard, List<HazardRepository.HistoryEntry> history) {
    }

    /** What the public sees of a report it follows: no names, no internal comments. */
    record Tracking(String trackingCode, String status, String title, Instant reportedAt, @Nullable Instant closedAt,
                    long attachmentCount, List<Step> steps) {
    }

    record Step(String action, String status, Instant at) {
    }

    record Tracked(String trackingCode) {
    }

    private final HazardDesk desk;
    private final HazardRepository hazards;
    private final PublicReportLimit limit;

    HazardController(HazardDesk desk, HazardRepository hazards, PublicReportLimit limit) {
        this.desk = desk;
        this.hazards = hazards;
        this.limit = limit;
    }

    @PostMapping("/api/hazards")
    @Operation(summary = "Report a hazard (enterprise self-inspection, government inspection, grid patrol)")
    ResponseEntity<HazardRepository.HazardView> report(@RequestBody HazardReport report) {
        HazardRepository.HazardView created = desk.reportAndShow(report);
        return ResponseEntity.created(URI.create("/api/hazards/" + created.id())).body(created);
    }

    @GetMapping("/api/hazards")
    @Operation(summary = "Hazards in scope; filters: region subtree, status, grade (GENERAL/MAJOR), overdue, the alarm it was "
            + "opened from, enterprise; sort=reportedAt|deadline|title|grade|status|source|region|enterprise[,asc|desc]")
    PageOf<HazardRepository.HazardView> list(@RequestParam(required = false) @Nullable String regionCode,
                                             @RequestParam(required = false) @Nullable String status,
                                             @RequestParam(required = false) @Nullable String grade,
                                             @RequestParam(required = false) @Nullable Boolean overdue,
                                             @RequestParam(required = false) @Nullable Long alarmId,
                                             @RequestParam(required = false) @Nullable Long enterpriseId,
                                             @RequestParam(required = false) @Nullable String sort,
                                             @RequestParam(defaultValue = "0") int page,
                                             @RequestParam(defaultValue = "20") int size) {
        return desk.search(new HazardDesk.HazardFilter(regionCode, status, grade, overdue, alarmId, enterpriseId, sort), page, size);
    }

    private static final Map<String, String> STATUSES = Map.of("REPORTED", "待核实", "VERIFIED", "已核实", "ASSIGNED", "已交办",
            "REMEDIATING", "整改中", "REMEDIATED", "待验收", "CLOSED", "已销号", "DISMISSED", "不属实");
    private static final Map<String, String> GRADES = Map.of("GENERAL", "一般隐患", "MAJOR", "重大隐患");
    private static final Map<String, String> SOURCES = Map.of("SELF_INSPECTION", "企业自查", "GOVERNMENT_INSPECTION", "政府检查",
            "GRID_PATROL", "网格巡查", "PUBLIC_REPORT", "群众举报", "MONITORING", "监测报警");
    private static final Map<String, String> CATEGORIES = Map.of("FIRE", "消防", "ELECTRICAL", "用电", "HAZCHEM", "危险化学品",
            "EQUIPMENT", "设备设施", "CONSTRUCTION", "建筑施工", "OPERATION", "作业行为", "MANAGEMENT", "安全管理", "OTHER", "其他");
    private static final Map<String, String> LEVELS = Map.of("TOWNSHIP", "乡镇(街道)", "COUNTY", "区县(市)", "CITY", "市级");

    private static @Nullable String zh(Map<String, String> names, @Nullable String code) {
        return code == null ? null : names.getOrDefault(code, code);
    }

    /** The export's columns: what the list shows, in Chinese (deadlines are Beijing dates already). */
    private static final List<Spreadsheet.Column<HazardRepository.HazardView>> EXPORT = List.of(
            new Spreadsheet.Column<>("跟踪码", 14, HazardRepository.HazardView::trackingCode),
            new Spreadsheet.Column<>("隐患标题", 30, HazardRepository.HazardView::title),
            new Spreadsheet.Column<>("来源", 10, h -> zh(SOURCES, h.source())),
            new Spreadsheet.Column<>("状态", 8, h -> zh(STATUSES, h.status())),
            new Spreadsheet.Column<>("等级", 10, h -> zh(GRADES, h.grade())),
            new Spreadsheet.Column<>("类别", 10, h -> zh(CATEGORIES, h.category())),
            new Spreadsheet.Column<>("企业", 30, HazardRepository.HazardView::enterpriseName),
            new Spreadsheet.Column<>("所在区划", 16, HazardRepository.HazardView::regionName),
            new Spreadsheet.Column<>("行政区划代码", 14, HazardRepository.HazardView::regionCode),
            new Spreadsheet.Column<>("整改责任单位", 20, HazardRepository.HazardView::responsibleUnit),
            new Spreadsheet.Column<>("整改期限", 12, h -> h.deadline() == null ? null : h.deadline().toString()),
            new Spreadsheet.Column<>("是否逾期", 8, h -> h.overdue() ? "已逾期" : "否"),
            new Spreadsheet.Column<>("督办层级", 10, h -> zh(LEVELS, h.supervisingLevel())),
            new Spreadsheet.Column<>("上报时间", 20, HazardRepository.HazardView::reportedAt),
            new Spreadsheet.Column<>("销号时间", 20, HazardRepository.HazardView::closedAt));

    @GetMapping("/api/hazards/export")
    @Operation(summary = "The filtered hazard list (within scope, in the list's order) as an Excel file")
    void export(@RequestParam(required = false) @Nullable String regionCode,
                @RequestParam(required = false) @Nullable String status,
                @RequestParam(required = false) @Nullable String grade,
                @RequestParam(required = false) @Nullable Boolean overdue,
                @RequestParam(required = false) @Nullable Long alarmId,
                @RequestParam(required = false) @Nullable Long enterpriseId,
                @RequestParam(required = false) @Nullable String sort,
                HttpServletResponse response) throws IOException {
        List<HazardRepository.HazardView> rows = desk.export(
                new HazardDesk.HazardFilter(regionCode, status, grade, overdue, alarmId, enterpriseId, sort));
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Spreadsheet.attachment("隐患清单.xlsx"));
        response.setContentType(Spreadsheet.CONTENT_TYPE);
        Spreadsheet.write("隐患清单", EXPORT, rows, response.getOutputStream());
    }

    @GetMapping("/api/hazards/statistics")
    @Operation(summary = "Hazards reported in a period (default: this year), in scope: by status, grade, source, industry, "
            + "overdue, and found / closed / overdue / closure rate per sub-region")
    HazardDesk.Statistics statistics(@RequestParam(required = false) @Nullable String regionCode,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
        return desk.statistics(regionCode, from, to);
    }

    @GetMapping("/api/hazards/map")
    @Operation(summary = "Open hazards in scope for the one map by column (id, title, status, grade, overdue, longitude, latitude, "
            + "regionCode, location): at their own location, else their enterprise's (location ENTERPRISE), else their region's "
            + "centre (REGION); unplaced counts those with no known place at all")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = HazardDesk.MapLayer.class)))
    org.springframework.http.ResponseEntity<byte[]> map(@RequestParam(required = false) @Nullable String regionCode,
            @org.springframework.web.bind.annotation.RequestHeader(value = org.springframework.http.HttpHeaders.ACCEPT_ENCODING, required = false)
            @Nullable String acceptEncoding) {
        return io.yingji.shared.MapLayerResponse.of(desk.mapLayer(regionCode), acceptEncoding);
    }

    @GetMapping("/api/hazards/{id}")
    @Operation(summary = "One hazard with its full history")
    HazardDetail get(@PathVariable long id) {
        return new HazardDetail(desk.find(id), desk.history(id));
    }

    @PostMapping("/api/hazards/{id}/{action}")
    @Operation(summary = "A step of the closed loop: verify (grade, category, responsibleUnit, deadline), dismiss, assign, "
            + "progress, complete, accept, reject (comment required); 409 when the hazard's state does not allow it")
    HazardRepository.HazardView act(@PathVariable long id, @PathVariable String action, @RequestBody HazardStep input) {
        return desk.actAndShow(id, action, input);
    }

    @PostMapping("/public/hazards")
    @Operation(summary = "Public report (吹哨人), anonymous allowed, rate-limited; answers a tracking code")
    ResponseEntity<Tracked> reportPublicly(@RequestBody HazardReport report, HttpServletRequest request) {
        if (!limit.allow(request.getRemoteAddr())) {
            throw new Problem(429, "hazard.public.too-many");
        }
        String code = desk.reportPublicly(report);
        return ResponseEntity.created(URI.create("/public/hazards/" + code)).body(new Tracked(code));
    }

    @GetMapping("/public/hazards/{trackingCode}")
    @Operation(summary = "Follow a public report by its tracking code")
    Tracking track(@PathVariable String trackingCode) {
        HazardRepository.HazardView hazard = hazards.publicReport(trackingCode)
                .orElseThrow(() -> Problem.notFound("hazard", trackingCode));
        List<Step> steps = hazards.history(hazard.id()).stream()
                .map(h -> new Step(h.action(), h.toStatus(), h.occurredAt())).toList();
        return new Tracking(hazard.trackingCode(), hazard.status(), hazard.title(), hazard.reportedAt(), hazard.closedAt(),
                hazards.attachmentCount(hazard.id()), steps);
    }
}
