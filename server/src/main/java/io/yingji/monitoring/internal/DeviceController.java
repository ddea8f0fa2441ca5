package io.yingji.monitoring.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.shared.PageOf;
import io.yingji.shared.PlainText;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import io.yingji.shared.Spreadsheet;
import io.yingji.monitoring.DeviceType;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@Tag(name = "监测预警 Monitoring")
class DeviceController {

    record Imported(int imported) {
    }

    record Key(String key) {
    }

    /** The columns of the import file, in order. */
    static final List<String> COLUMNS = List.of("code", "name", "type", "enterpriseId", "regionCode", "longitude", "latitude",
            "expectedIntervalSeconds", "unit", "streamUrl");

    private final DeviceRegistry registry;
    private final CallerContext callers;

    DeviceController(DeviceRegistry registry, CallerContext callers) {
        this.registry = registry;
        this.callers = callers;
    }

    @GetMapping("/api/devices")
    @Operation(summary = "Devices in scope; filters: region subtree, type, enterprise, code or name; "
            + "sort=name|code|type|enterprise|region|openAlarms|lastSeenAt|createdAt[,asc|desc]")
    PageOf<DeviceRegistry.DeviceView> list(@RequestParam(required = false) @Nullable String regionCode,
                                           @RequestParam(required = false) @Nullable String type,
                                           @RequestParam(required = false) @Nullable Long enterpriseId,
                                           @RequestParam(required = false) @Nullable String q,
                                           @RequestParam(required = false) @Nullable String sort,
                                           @RequestParam(defaultValue = "0") int page,
                                           @RequestParam(defaultValue = "20") int size) {
        return registry.search(new DeviceRegistry.DeviceSearch(regionCode, type, enterpriseId, q, sort), page, size);
    }

    /** The export's columns: what the list shows, in Chinese. */
    private static final List<Spreadsheet.Column<DeviceRegistry.DeviceView>> EXPORT = List.of(
            new Spreadsheet.Column<>("设备编码", 18, DeviceRegistry.DeviceView::code),
            new Spreadsheet.Column<>("设备名称", 30, DeviceRegistry.DeviceView::name),
            new Spreadsheet.Column<>("设备类型", 14, d -> DeviceType.valueOf(d.type()).nameZh()),
            new Spreadsheet.Column<>("所属企业", 30, DeviceRegistry.DeviceView::enterpriseName),
            new Spreadsheet.Column<>("所在区划", 16, DeviceRegistry.DeviceView::regionName),
            new Spreadsheet.Column<>("行政区划代码", 14, DeviceRegistry.DeviceView::regionCode),
            new Spreadsheet.Column<>("状态", 8, d -> !d.enabled() ? "已停用" : d.online() ? "在线" : "离线"),
            new Spreadsheet.Column<>("未处理报警", 10, DeviceRegistry.DeviceView::openAlarms),
            new Spreadsheet.Column<>("最后上报", 20, DeviceRegistry.DeviceView::lastSeenAt),
            new Spreadsheet.Column<>("经度", 12, DeviceRegistry.DeviceView::longitude),
            new Spreadsheet.Column<>("纬度", 12, DeviceRegistry.DeviceView::latitude));

    @GetMapping("/api/devices/export")
    @Operation(summary = "The filtered device list (within scope, in the list's order) as an Excel file")
    void export(@RequestParam(required = false) @Nullable String regionCode,
                @RequestParam(required = false) @Nullable String type,
                @RequestParam(required = false) @Nullable Long enterpriseId,
                @RequestParam(required = false) @Nullable String q,
                @RequestParam(required = false) @Nullable String sort,
                HttpServletResponse response) throws IOException {
        List<DeviceRegistry.DeviceView> rows = registry.export(new DeviceRegistry.DeviceSearch(regionCode, type, enterpriseId, q, sort));
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Spreadsheet.attachment("监测设备.xlsx"));
        response.setContentType(Spreadsheet.CONTENT_TYPE);
        Spreadsheet.write("监测设备", EXPORT, rows, response.getOutputStream());
    }

    @GetMapping("/api/devices/map")
    @Operation(summary = "Devices in scope for the one map by column (id, code, name, type, longitude, latitude, online, "
            + "openAlarms), device i at index i")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = DeviceRegistry.DeviceLayer.class)))
    org.springframework.http.ResponseEntity<byte[]> map(@RequestParam(required = false) @Nullable String regionCode,
            @org.springframework.web.bind.annotation.RequestHeader(value = org.springframework.http.HttpHeaders.ACCEPT_ENCODING, required = false)
            @Nullable String acceptEncoding) {
        return io.yingji.shared.MapLayerResponse.of(registry.mapLayer(regionCode), acceptEncoding);
    }

    @GetMapping("/api/devices/{id}")
    @Operation(summary = "One device")
    DeviceRegistry.DeviceView get(@PathVariable long id) {
        callers.requirePermission(Permissions.MONITORING_READ);
        return registry.find(id).orElseThrow(() -> Problem.notFound("device", id));
    }

    @PostMapping("/api/devices")
    @Operation(summary = "Register a device; the answer carries its HTTP key, shown this once")
    ResponseEntity<DeviceRegistry.Registered> register(@RequestBody DeviceDraft draft) {
        DeviceRegistry.Registered registered = registry.register(draft);
        return ResponseEntity.created(URI.create("/api/devices/" + registered.device().id())).body(registered);
    }

    @PutMapping("/api/devices/{id}")
    @Operation(summary = "Change a device (its code stays)")
    DeviceRegistry.DeviceView change(@PathVariable long id, @RequestBody DeviceDraft draft) {
        return registry.change(id, draft);
    }

    /** The body of a key rotation: the device version the caller saw (optional; 409 when it changed since). */
    record KeyRequest(@Nullable Integer version) {
    }

    @PostMapping("/api/devices/{id}/key")
    @Operation(summary = "Issue a new HTTP key for the device; the old one stops working")
    Key rotateKey(@PathVariable long id, @RequestBody(required = false) @Nullable KeyRequest request) {
        return new Key(registry.rotateKey(id, request == null ? null : request.version()));
    }

    @PostMapping(path = "/api/devices/import", consumes = "multipart/form-data")
    @Operation(summary = "Register devices from a UTF-8 CSV file (other encodings are refused) (columns: " + "code,name,type,enterpriseId,regionCode,longitude,latitude,"
            + "expectedIntervalSeconds,unit,streamUrl), all or none, with every wrong line and field reported")
    Imported importFile(@RequestParam("file") MultipartFile file) throws IOException {
        callers.requirePermission(Permissions.MONITORING_MANAGE);
        String text = PlainText.decodeUtf8(file.getBytes(), "file");
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw Problem.invalid("file", "device.import.empty");
        }
        List<String> header = split(lines.get(0)).stream().map(String::strip).toList();
        if (!header.equals(COLUMNS)) {
            throw Problem.invalid("file", "device.import.header", String.join(",", COLUMNS));
        }
        List<DeviceDraft> drafts = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            int line = i + 1;
            List<String> cells = split(lines.get(i));
            if (cells.size() != COLUMNS.size()) {
                problems.add(new FieldProblem(line, "file", "device.import.columns", COLUMNS.size(), cells.size()));
                drafts.add(new DeviceDraft(null, null, null, null, null, null, null, null, null, null, null, null, null));
                continue;
            }
            for (int c = 0; c < cells.size(); c++) {
                FieldProblem forbidden = PlainText.problemOf(line, COLUMNS.get(c), cells.get(c));
                if (forbidden != null) {
                    problems.add(forbidden);
                }
            }
            drafts.add(new DeviceDraft(cell(cells, 0), cell(cells, 1), cell(cells, 2), cell(cells, 8), cell(cells, 4),
                    number(cells, 3, line, "enterpriseId", problems, Long::valueOf), null,
                    number(cells, 5, line, "longitude", problems, Double::valueOf),
                    number(cells, 6, line, "latitude", problems, Double::valueOf),
                    number(cells, 7, line, "expectedIntervalSeconds", problems, Integer::valueOf), cell(cells, 9), true, null));
        }
        return new Imported(registry.registerAll(drafts, problems));
    }

    private static @Nullable String cell(List<String> cells, int index) {
        String value = cells.get(index).strip();
        return value.isEmpty() ? null : value;
    }

    private static <T> @Nullable T number(List<String> cells, int index, int line, String field, List<FieldProblem> problems,
                                          java.util.function.Function<String, T> parse) {
        String value = cell(cells, index);
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(line, field, "device.import.number", value));
            return null;
        }
    }

    /** Splits one CSV line: commas, with double quotes around cells that hold commas or quotes. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
