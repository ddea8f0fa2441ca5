package io.yingji.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** The device list sorts by its columns and exports what it shows, within the caller's scope only. */
class DeviceListIntegrationTests extends ApiTest {

    private String registerInGongshu(String name) {
        String code = "SRT-" + UUID.randomUUID().toString().substring(0, 8);
        long enterprise = api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
        Map<String, Object> body = new HashMap<>(Map.of("code", code, "name", name + " " + code, "type", "COMBUSTIBLE_GAS",
                "enterpriseId", enterprise));
        Response created = api.post("gongshu", "/api/devices", body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return code;
    }

    private static List<List<String>> rows(byte[] workbook) throws Exception {
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            Sheet sheet = book.getSheetAt(0);
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

    @Test
    void sortsByNameEitherWayAndRefusesAnUnknownColumn() {
        registerInGongshu("甲号排序测试探测器");
        registerInGongshu("乙号排序测试探测器");
        List<String> ascending = api.get("gongshu", "/api/devices?q=排序测试&sort=code,asc&size=500").body().path("content")
                .valueStream().map(d -> d.path("code").asString()).toList();
        List<String> descending = api.get("gongshu", "/api/devices?q=排序测试&sort=code,desc&size=500").body().path("content")
                .valueStream().map(d -> d.path("code").asString()).toList();
        assertThat(ascending).hasSizeGreaterThanOrEqualTo(2).isSorted();
        assertThat(descending).containsExactlyInAnyOrderElementsOf(ascending).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        Response unknown = api.get("gongshu", "/api/devices?sort=key_hash");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorFields()).containsExactly("sort");
        assertThat(api.get("gongshu", "/api/devices?sort=name,sideways").status()).isEqualTo(400);
    }

    @Test
    void exportsTheFilteredListInChineseAndOnlyWithinScope() throws Exception {
        String code = registerInGongshu("导出测试探测器");
        Response answer = api.send(HttpMethod.GET, "/api/devices/export?q=" + code, api.token("gongshu"), null, Map.of());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().getContentDisposition().getFilename()).isEqualTo("监测设备.xlsx");
        List<List<String>> mine = rows(api.download("gongshu", "/api/devices/export?q=" + code));
        assertThat(mine.get(0)).startsWith("设备编码", "设备名称", "设备类型");
        assertThat(mine).hasSize(2);
        assertThat(mine.get(1)).startsWith(code).contains("可燃气体");

        // another district gets nothing of Gongshu's, filter or not
        assertThat(rows(api.download("xihu", "/api/devices/export?q=" + code))).hasSize(1);
        assertThat(rows(api.download("xihu", "/api/devices/export")).stream().skip(1).map(r -> r.get(5)))
                .allMatch(region -> region.startsWith("330106"));
        assertThat(rows(api.download("xihu", "/api/devices/export?regionCode=330105"))).hasSize(1);
        assertThat(api.get("gongshu", "/api/devices/export?sort=nonsense").status()).isEqualTo(400);
    }
}
