package io.yingji.enterprise.internal;

import io.yingji.enterprise.EnterpriseDraft;
import io.yingji.enterprise.EnterpriseRegistry.ImportLine;
import io.yingji.shared.PlainText;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;

/**
 * Reads the enterprise import template from CSV (strictly UTF-8, optional BOM, RFC 4180 quoting; see
 * {@link PlainText#decodeUtf8}) or Excel
 * (.xlsx, first sheet). Headers may be Chinese (统一社会信用代码) or the API's field names
 * (creditCode). Cells that cannot be parsed (a number that is not one) become line problems, so
 * the user gets every fault of the file in one answer.
 */
final class ImportFile {

    /** Header → field, Chinese first. */
    static final Map<String, String> HEADERS = Map.ofEntries(
            Map.entry("统一社会信用代码", "creditCode"), Map.entry("企业名称", "name"), Map.entry("行业", "industry"),
            Map.entry("规模以上", "aboveScale"), Map.entry("地址", "address"), Map.entry("经度", "longitude"),
            Map.entry("纬度", "latitude"), Map.entry("行政区划代码", "regionCode"),
            Map.entry("监管部门编号", "supervisingDepartmentId"), Map.entry("法定代表人", "legalRepresentative"),
            Map.entry("法定代表人电话", "legalRepresentativePhone"), Map.entry("安全负责人", "safetyManager"),
            Map.entry("安全负责人电话", "safetyManagerPhone"), Map.entry("从业人数", "employees"),
            Map.entry("危化品生产", "hazchemProduction"), Map.entry("危化品经营", "hazchemOperation"),
            Map.entry("危化品储存", "hazchemStorage"), Map.entry("危化品使用", "hazchemUse"),
            Map.entry("三场所三企业", "threePlacesThreeEnterprises"), Map.entry("小微企业园", "microParkMember"));

    /** The parsed lines and the faults found while parsing them. */
    record Parsed(List<ImportLine> lines, List<FieldProblem> problems) {
    }

    private ImportFile() {
    }

    static Parsed read(String filename, InputStream in) {
        String lower = filename.toLowerCase(Locale.ROOT);
        List<List<String>> table;
        try {
            if (lower.endsWith(".xlsx")) {
                table = readXlsx(in);
            } else if (lower.endsWith(".csv")) {
                table = readCsv(in);
            } else {
                throw Problem.invalid("file", "enterprise.import.type", filename);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Problem problem) {
                throw problem;
            }
            throw Problem.invalid("file", "enterprise.import.unreadable", filename);
        }
        return toLines(table);
    }

    static Parsed toLines(List<List<String>> table) {
        if (table.isEmpty()) {
            throw Problem.invalid("file", "enterprise.import.empty");
        }
        List<String> header = table.get(0);
        Map<Integer, String> fieldOfColumn = new HashMap<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c).strip();
            String field = HEADERS.containsKey(name) ? HEADERS.get(name)
                    : HEADERS.containsValue(name) ? name : null;
            if (field != null) {
                fieldOfColumn.put(c, field);
            } else if (!name.isEmpty()) {
                // a problem of the header, not of a line: no line number
                problems.add(new FieldProblem(name, "enterprise.import.unknown-column", name));
            }
        }
        for (String required : List.of("creditCode", "name", "industry", "address", "longitude", "latitude",
                "regionCode", "legalRepresentative", "safetyManager", "safetyManagerPhone")) {
            if (!fieldOfColumn.containsValue(required)) {
                problems.add(new FieldProblem(required, "enterprise.import.missing-column", headerOf(required)));
            }
        }
        if (!problems.isEmpty()) {
            throw new Problem(400, "enterprise.import.header-rejected", problems);
        }
        List<ImportLine> lines = new ArrayList<>();
        for (int r = 1; r < table.size(); r++) {
            List<String> cells = table.get(r);
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            int line = r + 1;
            Map<String, String> values = new HashMap<>();
            fieldOfColumn.forEach((column, field) -> values.put(field, column < cells.size() ? cells.get(column).strip() : ""));
            values.forEach((field, value) -> {
                FieldProblem forbidden = PlainText.problemOf(line, field, value);
                if (forbidden != null) {
                    problems.add(forbidden);
                }
            });
            lines.add(new ImportLine(line, draft(values, line, problems)));
        }
        return new Parsed(lines, problems);
    }

    /** The template's (Chinese) header of a field, as the user's file names its columns. */
    static String headerOf(String field) {
        return HEADERS.entrySet().stream().filter(e -> e.getValue().equals(field)).map(Map.Entry::getKey).findFirst().orElse(field);
    }

    private static EnterpriseDraft draft(Map<String, String> v, int line, List<FieldProblem> problems) {
        return new EnterpriseDraft(text(v, "creditCode"), text(v, "name"), text(v, "industry"),
                bool(v, "aboveScale", line, problems), text(v, "address"), number(v, "longitude", line, problems),
                number(v, "latitude", line, problems), text(v, "regionCode"),
                longValue(integer(v, "supervisingDepartmentId", line, problems)),
                text(v, "legalRepresentative"), text(v, "legalRepresentativePhone"), text(v, "safetyManager"),
                text(v, "safetyManagerPhone"), integer(v, "employees", line, problems),
                bool(v, "hazchemProduction", line, problems), bool(v, "hazchemOperation", line, problems),
                bool(v, "hazchemStorage", line, problems), bool(v, "hazchemUse", line, problems),
                bool(v, "threePlacesThreeEnterprises", line, problems), bool(v, "microParkMember", line, problems), null);
    }

    private static @Nullable Long longValue(@Nullable Integer value) {
        return value == null ? null : value.longValue();
    }

    private static @Nullable String text(Map<String, String> values, String field) {
        String value = values.get(field);
        return value == null || value.isEmpty() ? null : value;
    }

    private static @Nullable Double number(Map<String, String> values, String field, int line, List<FieldProblem> problems) {
        String value = text(values, field);
        if (value == null) {
            return null;
        }
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(line, field, "enterprise.import.not-a-number", value));
            return null;
        }
    }

    private static @Nullable Integer integer(Map<String, String> values, String field, int line, List<FieldProblem> problems) {
        String value = text(values, field);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.endsWith(".0") ? value.substring(0, value.length() - 2) : value);
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(line, field, "enterprise.import.not-an-integer", value));
            return null;
        }
    }

    private static @Nullable Boolean bool(Map<String, String> values, String field, int line, List<FieldProblem> problems) {
        String value = text(values, field);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "是", "y", "yes", "true", "1" -> true;
            case "否", "n", "no", "false", "0" -> false;
            default -> {
                problems.add(new FieldProblem(line, field, "enterprise.import.not-a-boolean", value));
                yield null;
            }
        };
    }

    static List<List<String>> readCsv(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new StringReader(PlainText.decodeUtf8(in.readAllBytes(), "file")));
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean first = true;
        int c;
        while ((c = reader.read()) != -1) {
            char ch = (char) c;
            if (first) {
                first = false;
                if (ch == '\uFEFF') {
                    continue;
                }
            }
            if (quoted) {
                if (ch == '"') {
                    reader.mark(1);
                    int next = reader.read();
                    if (next == '"') {
                        cell.append('"');
                    } else {
                        quoted = false;
                        if (next != -1) {
                            reader.reset();
                        }
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r') {
                    reader.mark(1);
                    if (reader.read() != '\n') {
                        reader.reset();
                    }
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(ch);
            }
        }
        if (!cell.isEmpty() || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> readXlsx(InputStream in) throws IOException {
        try (Workbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            DataFormatter formatter = new DataFormatter(Locale.ROOT);
            List<List<String>> rows = new ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        Cell cell = row.getCell(c);
                        cells.add(cell == null ? "" : formatter.formatCellValue(cell));
                    }
                }
                rows.add(cells);
            }
            return rows;
        }
    }
}
