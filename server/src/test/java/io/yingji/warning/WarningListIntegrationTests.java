package io.yingji.warning;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** The warning list sorts by its columns and exports what it shows, in Chinese, within scope only. */
class WarningListIntegrationTests extends ApiTest {

    private static final List<String> SEVERITY = List.of("RED", "ORANGE", "YELLOW", "BLUE");

    @Test
    void sortsByLevelFromRedDownAndRefusesAnUnknownColumn() {
        List<String> levels = api.get("hangzhou", "/api/warnings?sort=level&size=500").body().path("content").valueStream()
                .map(w -> w.path("level").isNull() ? "NONE" : w.path("level").asString()).toList();
        assertThat(levels).isNotEmpty();
        assertThat(levels).isSortedAccordingTo((a, b) -> Integer.compare(rank(a), rank(b)));
        Response unknown = api.get("hangzhou", "/api/warnings?sort=description");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorFields()).containsExactly("sort");
    }

    private static int rank(String level) {
        int i = SEVERITY.indexOf(level);
        return i < 0 ? SEVERITY.size() : i;
    }

    @Test
    void exportsOnlyTheCallersWarningsInChinese() throws Exception {
        Response answer = api.send(HttpMethod.GET, "/api/warnings/export", api.token("xihu"), null, Map.of());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().getContentDisposition().getFilename()).isEqualTo("预警信息.xlsx");
        List<List<String>> xihu = rows(api.download("xihu", "/api/warnings/export"));
        assertThat(xihu.get(0)).startsWith("预警级别", "标题", "事件", "状态");
        long visible = api.get("xihu", "/api/warnings?size=500").body().path("totalElements").asLong();
        assertThat(xihu).hasSize((int) visible + 1);
        assertThat(xihu.stream().skip(1).map(r -> r.get(6))).allMatch(code -> code.startsWith("330106"));
        assertThat(xihu.stream().skip(1).map(r -> r.get(3))).noneMatch(state -> state.matches("[A-Z]+"));
        // 西湖区 asking for 拱墅区's gets nothing of theirs
        assertThat(rows(api.download("xihu", "/api/warnings/export?regionCode=330105"))).hasSize(1);
    }

    private static List<List<String>> rows(byte[] workbook) throws Exception {
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            var sheet = book.getSheetAt(0);
            List<List<String>> rows = new ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < sheet.getRow(r).getLastCellNum(); c++) {
                    var cell = sheet.getRow(r).getCell(c);
                    cells.add(cell == null ? "" : cell.toString());
                }
                rows.add(cells);
            }
            return rows;
        }
    }
}
