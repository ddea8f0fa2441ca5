package io.yingji.risk.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.risk.RiskGrading;
import io.yingji.risk.RiskLevel;
import io.yingji.risk.RiskPoint;
import io.yingji.risk.RiskPointDraft;
import io.yingji.risk.RiskSettings;
import io.yingji.shared.PageOf;
import io.yingji.shared.Spreadsheet;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "风险辨识评估 Risk assessment")
class RiskController {

    record Reassessment(@Nullable String method, @Nullable BigDecimal l, @Nullable BigDecimal e, @Nullable BigDecimal c,
                        @Nullable BigDecimal s, @Nullable String comment, @Nullable Integer version) {
    }

    record RiskPointDetail(RiskPoint point, List<RiskPointRepository.HistoryEntry> history) {
    }

    record Grading(RiskSettings thresholds, List<BigDecimal> lecL, List<BigDecimal> lecE, List<BigDecimal> lecC,
                   List<BigDecimal> matrix, List<String> categories) {
    }

    private final RiskPoints points;
    private final RiskSettings settings;
    private final CallerContext callers;

    RiskController(RiskPoints points, RiskSettings settings, CallerContext callers) {
        this.points = points;
        this.settings = settings;
        this.callers = callers;
    }

    @GetMapping("/api/risk/grading")
    @Operation(summary = "The grading thresholds in force and the values LEC and the risk matrix allow")
    Grading grading() {
        callers.require();
        return new Grading(settings, RiskGrading.LEC_L, RiskGrading.LEC_E, RiskGrading.LEC_C, RiskGrading.MATRIX,
                RiskPoints.CATEGORIES.stream().sorted().toList());
    }

    @GetMapping("/api/risk/levels")
    @Operation(summary = "Risk level of each enterprise in scope that has risk points (the 四色图 layer)")
    Map<Long, RiskLevel> levels(@RequestParam(required = false) @Nullable String regionCode) {
        callers.requirePermission(Permissions.RISK_READ);
        return points.enterpriseLevels(regionCode);
    }

    @GetMapping("/api/risk-points")
    @Operation(summary = "Risk points in scope (风险清单), highest level first; "
            + "sort=name|enterprise|category|method|score|level|responsiblePerson|assessedAt[,asc|desc]")
    PageOf<RiskPoint> list(@RequestParam(required = false) @Nullable String regionCode,
                           @RequestParam(required = false) @Nullable RiskLevel level,
                           @RequestParam(required = false) @Nullable String sort,
                           @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return points.search(regionCode, level, sort, page, size);
    }

    static final Map<String, String> CATEGORY_NAMES = Map.of("ACTIVITY", "作业活动", "EQUIPMENT", "设备设施", "SITE", "场所环境",
            "MANAGEMENT", "安全管理");

    /** The export's columns: what the list shows, in Chinese. */
    static final List<Spreadsheet.Column<RiskPoint>> EXPORT = List.of(
            new Spreadsheet.Column<>("风险点名称", 24, RiskPoint::name),
            new Spreadsheet.Column<>("所属企业", 30, RiskPoint::enterpriseName),
            new Spreadsheet.Column<>("行政区划代码", 14, RiskPoint::regionCode),
            new Spreadsheet.Column<>("部位", 16, RiskPoint::location),
            new Spreadsheet.Column<>("类别", 10, p -> CATEGORY_NAMES.getOrDefault(p.category(), p.category())),
            new Spreadsheet.Column<>("危险有害因素", 24, RiskPoint::hazardFactors),
            new Spreadsheet.Column<>("评估方法", 10, p -> "LEC".equals(p.method()) ? "LEC" : "LS 风险矩阵"),
            new Spreadsheet.Column<>("分值", 8, RiskPoint::score),
            new Spreadsheet.Column<>("等级", 10, p -> levelName(p.level())),
            new Spreadsheet.Column<>("管控措施", 40, RiskPoint::controlMeasures),
            new Spreadsheet.Column<>("责任人", 10, RiskPoint::responsiblePerson),
            new Spreadsheet.Column<>("责任人电话", 14, RiskPoint::responsiblePhone),
            new Spreadsheet.Column<>("评估时间", 20, RiskPoint::assessedAt));

    /** 重大风险, 较大风险, 一般风险, 低风险 — as the screens name the levels. */
    static String levelName(RiskLevel level) {
        return switch (level) {
            case RED -> "重大风险";
            case ORANGE -> "较大风险";
            case YELLOW -> "一般风险";
            case BLUE -> "低风险";
        };
    }

    @GetMapping("/api/risk-points/export")
    @Operation(summary = "The filtered risk point list (within scope, in the list's order) as an Excel file")
    void export(@RequestParam(required = false) @Nullable String regionCode,
                @RequestParam(required = false) @Nullable RiskLevel level,
                @RequestParam(required = false) @Nullable String sort,
                HttpServletResponse response) throws IOException {
        List<RiskPoint> rows = points.export(regionCode, level, sort);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Spreadsheet.attachment("风险清单.xlsx"));
        response.setContentType(Spreadsheet.CONTENT_TYPE);
        Spreadsheet.write("风险清单", EXPORT, rows, response.getOutputStream());
    }

    @GetMapping("/api/risk-points/{id}")
    @Operation(summary = "One risk point with its assessment history")
    RiskPointDetail get(@PathVariable long id) {
        return new RiskPointDetail(points.find(id), points.history(id));
    }

    @GetMapping("/api/enterprises/{id}/risk-points")
    @Operation(summary = "The enterprise's risk points")
    List<RiskPoint> ofEnterprise(@PathVariable long id) {
        return points.ofEnterprise(id);
    }

    @PostMapping("/api/enterprises/{id}/risk-points")
    @Operation(summary = "Register a risk point with its first assessment (LEC or LS)")
    ResponseEntity<RiskPoint> create(@PathVariable long id, @RequestBody RiskPointDraft draft) {
        RiskPoint created = points.register(id, draft);
        return ResponseEntity.created(URI.create("/api/risk-points/" + created.id())).body(created);
    }

    @PutMapping("/api/risk-points/{id}")
    @Operation(summary = "Change a risk point's description, control measures or responsible person")
    RiskPoint update(@PathVariable long id, @RequestBody RiskPointDraft draft) {
        return points.change(id, draft);
    }

    @PostMapping("/api/risk-points/{id}/assessments")
    @Operation(summary = "Reassess a risk point; the previous assessment stays in the history")
    RiskPoint reassess(@PathVariable long id, @RequestBody Reassessment body) {
        return points.reassess(id, new RiskPointDraft(null, null, null, null, body.method(), body.l(), body.e(), body.c(),
                body.s(), null, null, null, body.version()), body.comment());
    }
}
