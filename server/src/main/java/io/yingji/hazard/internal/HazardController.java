package io.yingji.hazard.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.hazard.HazardReport;
import io.yingji.hazard.HazardStep;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem;
import jakarta.servlet.http.HttpServletRequest;
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
    @Operation(summary = "Hazards in scope; filters: region subtree, status, grade (GENERAL/MAJOR), overdue, the alarm it was opened from")
    PageOf<HazardRepository.HazardView> list(@RequestParam(required = false) @Nullable String regionCode,
                                             @RequestParam(required = false) @Nullable String status,
                                             @RequestParam(required = false) @Nullable String grade,
                                             @RequestParam(required = false) @Nullable Boolean overdue,
                                             @RequestParam(required = false) @Nullable Long alarmId,
                                             @RequestParam(defaultValue = "0") int page,
                                             @RequestParam(defaultValue = "20") int size) {
        return desk.search(regionCode, status, grade, overdue, alarmId, page, size);
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
