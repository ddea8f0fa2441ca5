package io.yingji.enterprise.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.enterprise.Enterprise;
import io.yingji.enterprise.EnterpriseDraft;
import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.enterprise.EnterpriseSearch;
import io.yingji.enterprise.MapLayer;
import io.yingji.shared.Industry;
import io.yingji.shared.LayerCache;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/enterprises")
@Tag(name = "企业 Enterprises")
class EnterpriseController {

    record Imported(int imported) {
    }

    private final EnterpriseRegistry registry;
    private final CallerContext callers;

    /**
     * The one map's enterprise layers per scope and filter: a city's is ~3 MB encoded, so 64 MB holds the
     * layers of a few dozen busy scopes; the rest are read again when asked for.
     */
    private final LayerCache layers = new LayerCache(64L << 20);
    private final EnterpriseRepository enterprises;

    EnterpriseController(EnterpriseRegistry registry, CallerContext callers, EnterpriseRepository enterprises) {
        this.registry = registry;
        this.callers = callers;
        this.enterprises = enterprises;
    }

    @GetMapping
    @Operation(summary = "Enterprises in the caller's scope, paged; filter by region subtree, industry, name or credit code; "
            + "sort=name|creditCode|industry|region|safetyManager|employees|createdAt[,asc|desc]")
    PageOf<Enterprise> list(@RequestParam(required = false) @Nullable String regionCode,
                            @RequestParam(required = false) @Nullable Industry industry,
                            @RequestParam(required = false) @Nullable String q,
                            @RequestParam(required = false) @Nullable Boolean majorHazard,
                            @RequestParam(required = false) @Nullable String sort,
                            @RequestParam(defaultValue = "0") int page,
                            @RequestParam(defaultValue = "20") int size) {
        callers.requirePermission(Permissions.ENTERPRISE_READ);
        return registry.search(new EnterpriseSearch(regionCode, industry, q, majorHazard, sort), page, size);
    }

    @GetMapping("/map")
    @Operation(summary = "All enterprises in scope as points for the one map (一张图), filtered by region and industry; "
            + "by column: one array per field (id, name, industry, longitude, latitude, regionCode, majorHazard), point i at index i")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = MapLayer.class)))
    ResponseEntity<byte[]> map(@RequestParam(required = false) @Nullable String regionCode,
                               @RequestParam(required = false) @Nullable Industry industry,
                               @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) @Nullable String acceptEncoding,
                               @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
        callers.requirePermission(Permissions.ENTERPRISE_READ);
        EnterpriseSearch search = new EnterpriseSearch(regionCode, industry, null, null);
        // the version first, then the rows: a cached layer is never labelled newer than its data
        long version = enterprises.layerVersion();
        return layers.answer(new LayerCache.Key("enterprise", callers.scope(), search), version,
                () -> registry.mapLayer(search), acceptEncoding, ifNoneMatch);
    }

    @GetMapping("/statistics")
    @Operation(summary = "Enterprise counts in scope per industry, and how many have a major hazard source")
    Map<String, Long> statistics(@RequestParam(required = false) @Nullable String regionCode) {
        callers.requirePermission(Permissions.ENTERPRISE_READ);
        return registry.statistics(regionCode);
    }

    @GetMapping("/export")
    @Operation(summary = "The filtered list (within scope) as an Excel file in the import template's columns")
    void export(@RequestParam(required = false) @Nullable String regionCode,
                @RequestParam(required = false) @Nullable Industry industry,
                @RequestParam(required = false) @Nullable String q,
                @RequestParam(required = false) @Nullable Boolean majorHazard,
                @RequestParam(required = false) @Nullable String sort,
                HttpServletResponse response) throws IOException {
        callers.requirePermission(Permissions.ENTERPRISE_READ);
        List<Enterprise> rows = registry.export(new EnterpriseSearch(regionCode, industry, q, majorHazard, sort));
        excel(response, "企业名录.xlsx");
        EnterpriseWorkbook.write(rows, response.getOutputStream());
    }

    @GetMapping("/import/template")
    @Operation(summary = "An empty import template (.xlsx)")
    void template(HttpServletResponse response) throws IOException {
        callers.require();
        excel(response, "企业导入模板.xlsx");
        EnterpriseWorkbook.write(List.of(), response.getOutputStream());
    }

    private static void excel(HttpServletResponse response, String filename) {
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(filename, StandardCharsets.UTF_8).build().toString());
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    @GetMapping("/{id}")
    @Operation(summary = "One enterprise; 404 when it does not exist or is outside the caller's scope")
    Enterprise get(@PathVariable long id) {
        callers.requirePermission(Permissions.ENTERPRISE_READ);
        return registry.find(id).orElseThrow(() -> Problem.notFound("enterprise", id));
    }

    @PostMapping
    @Operation(summary = "Register an enterprise")
    ResponseEntity<Enterprise> create(@RequestBody EnterpriseDraft draft) {
        Enterprise created = registry.register(draft);
        return ResponseEntity.created(URI.create("/api/enterprises/" + created.id())).body(created);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change an enterprise; send the version last read to avoid overwriting someone else's change")
    Enterprise update(@PathVariable long id, @RequestBody EnterpriseDraft draft) {
        return registry.change(id, draft);
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import enterprises from .xlsx or .csv; all rows or none, with every bad row reported by line")
    Imported importFile(@RequestParam("file") MultipartFile file) throws IOException {
        callers.requirePermission(Permissions.ENTERPRISE_IMPORT);
        String name = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
        ImportFile.Parsed parsed;
        try (InputStream in = file.getInputStream()) {
            parsed = ImportFile.read(name, in);
        }
        return new Imported(registry.registerAll(parsed.lines(), parsed.problems(), name));
    }

}
