package io.yingji.enterprise.internal;

import io.yingji.enterprise.Enterprise;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Enterprises as an Excel sheet in the import template's columns, so an export can be edited and
 * imported again. Streams rows (SXSSF) so a city's registry does not sit in memory as cells.
 */
final class EnterpriseWorkbook {

    private record Column(String header, Function<Enterprise, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("统一社会信用代码", Enterprise::creditCode),
            new Column("企业名称", Enterprise::name),
            new Column("行业", e -> e.industry().nameZh()),
            new Column("规模以上", e -> yesNo(e.aboveScale())),
            new Column("地址", Enterprise::address),
            new Column("经度", Enterprise::longitude),
            new Column("纬度", Enterprise::latitude),
            new Column("行政区划代码", Enterprise::regionCode),
            new Column("监管部门编号", Enterprise::supervisingDepartmentId),
            new Column("法定代表人", Enterprise::legalRepresentative),
            new Column("法定代表人电话", Enterprise::legalRepresentativePhone),
            new Column("安全负责人", Enterprise::safetyManager),
            new Column("安全负责人电话", Enterprise::safetyManagerPhone),
            new Column("从业人数", Enterprise::employees),
            new Column("危化品生产", e -> yesNo(e.hazchemProduction())),
            new Column("危化品经营", e -> yesNo(e.hazchemOperation())),
            new Column("危化品储存", e -> yesNo(e.hazchemStorage())),
            new Column("危化品使用", e -> yesNo(e.hazchemUse())),
            new Column("三场所三企业", e -> yesNo(e.threePlacesThreeEnterprises())),
            new Column("小微企业园", e -> yesNo(e.microParkMember())));

    static {
        // every exported header is one the importer understands
        for (Column column : COLUMNS) {
            if (!ImportFile.HEADERS.containsKey(column.header())) {
                throw new IllegalStateException("export column not importable: " + column.header());
            }
        }
    }

    private EnterpriseWorkbook() {
    }

    static void write(Iterable<Enterprise> enterprises, OutputStream out) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
            Sheet sheet = workbook.createSheet("企业名录");
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row header = sheet.createRow(0);
            for (int c = 0; c < COLUMNS.size(); c++) {
                header.createCell(c).setCellValue(COLUMNS.get(c).header());
                header.getCell(c).setCellStyle(bold);
                sheet.setColumnWidth(c, c == 1 || c == 4 ? 40 * 256 : 16 * 256);
            }
            sheet.createFreezePane(0, 1);
            int r = 1;
            for (Enterprise enterprise : enterprises) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < COLUMNS.size(); c++) {
                    Object value = COLUMNS.get(c).value().apply(enterprise);
                    if (value instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else if (value != null) {
                        row.createCell(c).setCellValue(value.toString());
                    }
                }
            }
            workbook.write(out);
            workbook.dispose();
        }
    }

    private static String yesNo(boolean value) {
        return value ? "是" : "否";
    }

}
