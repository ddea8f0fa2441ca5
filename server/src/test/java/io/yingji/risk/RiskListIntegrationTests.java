package io.yingji.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.Enterprises;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * The risk module's lists — risk points, zoning layers, the enterprises that have not committed — sort by
 * their columns (only those: another key is a field problem on {@code sort}) and export what they show, in
 * Chinese, in the list's order, within the caller's scope only, each export audited.
 */
class RiskListIntegrationTests extends ApiTest {

    private long enterpriseInGongshu() {
        Response created = api.post("gongshu", "/api/enterprises", Enterprises.inGongshu());
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    private void riskPoint(long enterprise, String name, int l, int e, int c) {
        Map<String, Object> point = new HashMap<>(Map.of("name", name, "category", "EQUIPMENT", "method", "LEC",
                "controlMeasures", "联锁与报警", "responsiblePerson", "李娜", "responsiblePhone", "13906812222"));
        point.put("l", l);
        point.put("e", e);
        point.put("c", c);
        Response created = api.post("gongshu", "/api/enterprises/" + enterprise + "/risk-points", point);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    }

    static List<List<String>> rows(byte[] workbook) throws Exception {
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

    private long exports(String action) {
        return count("select count(*) from audit_event where action = '" + action + "'");
    }

    @Test
    void riskPointsSortByScoreEitherWayAndRefuseAnUnknownColumn() {
        long enterprise = enterpriseInGongshu();
        riskPoint(enterprise, "排序测试反应釜", 3, 6, 15);   // 270 较大
        riskPoint(enterprise, "排序测试储罐区", 1, 3, 7);    // 21 低
        riskPoint(enterprise, "排序测试配电房", 6, 6, 15);   // 540 重大
        List<Double> ascending = api.get("gongshu", "/api/risk-points?regionCode=330105&sort=score,asc&size=500").body()
                .path("content").valueStream().map(p -> p.path("score").asDouble()).toList();
        List<Double> descending = api.get("gongshu", "/api/risk-points?regionCode=330105&sort=score,desc&size=500").body()
                .path("content").valueStream().map(p -> p.path("score").asDouble()).toList();
        assertThat(ascending).hasSizeGreaterThanOrEqualTo(3).isSorted();
        assertThat(descending).containsExactlyInAnyOrderElementsOf(ascending).isSortedAccordingTo(Comparator.reverseOrder());
        // by level: ascending from 低 to 重大
        List<String> levels = api.get("gongshu", "/api/risk-points?regionCode=330105&sort=level&size=500").body()
                .path("content").valueStream().map(p -> p.path("level").asString()).toList();
        assertThat(levels.indexOf("BLUE")).isLessThan(levels.lastIndexOf("RED"));
        assertThat(levels.lastIndexOf("BLUE")).isLessThan(levels.indexOf("RED"));

        Response unknown = api.get("gongshu", "/api/risk-points?sort=responsible_phone");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorFields()).containsExactly("sort");
        assertThat(unknown.detail()).contains("不能按“responsible_phone”排序");
        assertThat(api.get("gongshu", "/api/risk-points?sort=score,sideways").status()).isEqualTo(400);
    }

    @Test
    void riskPointsExportInChineseInTheListsOrderAndOnlyWithinScope() throws Exception {
        long enterprise = enterpriseInGongshu();
        String name = "导出测试" + UUID.randomUUID().toString().substring(0, 6);
        riskPoint(enterprise, name + "反应釜", 3, 6, 15);
        riskPoint(enterprise, name + "储罐区", 1, 3, 7);
        long audited = exports("risk-point.export");

        Response answer = api.send(HttpMethod.GET, "/api/risk-points/export?regionCode=330105001", api.token("gongshu"), null, Map.of());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().getContentDisposition().getFilename()).isEqualTo("风险清单.xlsx");
        List<List<String>> sheet = rows(api.download("gongshu", "/api/risk-points/export?regionCode=330105001&sort=score,desc"));
        assertThat(sheet.get(0)).startsWith("风险点名称", "所属企业", "行政区划代码");
        assertThat(sheet.stream().filter(r -> r.get(0).equals(name + "反应釜")).findFirst().orElseThrow())
                .contains("设备设施", "较大风险", "李娜");
        assertThat(sheet.stream().filter(r -> r.get(0).equals(name + "储罐区")).findFirst().orElseThrow()).contains("低风险");
        // the same rows in the same order as the list
        List<String> listed = api.get("gongshu", "/api/risk-points?regionCode=330105001&sort=score,desc&size=500").body()
                .path("content").valueStream().map(p -> p.path("name").asString()).toList();
        assertThat(sheet.stream().skip(1).map(r -> r.get(0)).toList()).isEqualTo(listed);
        assertThat(exports("risk-point.export")).isEqualTo(audited + 2);

        // another district gets nothing of Gongshu's, filtered or not
        assertThat(rows(api.download("xihu", "/api/risk-points/export?regionCode=330105"))).hasSize(1);
        assertThat(rows(api.download("xihu", "/api/risk-points/export")).stream().skip(1).map(r -> r.get(2)))
                .allMatch(region -> region.startsWith("330106"));
        assertThat(api.get("gongshu", "/api/risk-points/export?sort=nonsense").status()).isEqualTo(400);
    }

    private static final String ZONES = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"name":"运河沿岸低洼区","grade":1},
               "geometry":{"type":"Polygon","coordinates":[[[120.14,30.31],[120.16,30.31],[120.16,30.33],[120.14,30.33],[120.14,30.31]]]}}
            ]}""";

    private long importLayer(String user, String name, String hazardType) {
        Response imported = api.upload(user, "/api/risk/zones", "风险区划.geojson", ZONES.getBytes(StandardCharsets.UTF_8),
                Map.of("name", name, "hazardType", hazardType));
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(201);
        return imported.body().path("id").asLong();
    }

    @Test
    void zoningLayersSortAndExportWithinScope() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        importLayer("gongshu", "拱墅区洪涝风险区划 " + tag, "FLOOD");
        importLayer("gongshu", "拱墅区地质灾害风险区划 " + tag, "GEOLOGICAL");
        List<String> byType = api.get("gongshu", "/api/risk/zones?sort=hazardType,desc").body().valueStream()
                .map(l -> l.path("hazardType").asString()).toList();
        assertThat(byType).isSortedAccordingTo(Comparator.reverseOrder());
        List<Long> newestFirst = api.get("gongshu", "/api/risk/zones?sort=importedAt,desc").body().valueStream()
                .map(l -> l.path("id").asLong()).toList();
        assertThat(newestFirst).isSortedAccordingTo(Comparator.reverseOrder());
        Response unknown = api.get("gongshu", "/api/risk/zones?sort=geometry");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorFields()).containsExactly("sort");

        long audited = exports("risk-zone.export");
        List<List<String>> sheet = rows(api.download("gongshu", "/api/risk/zones/export?sort=name"));
        assertThat(sheet.get(0)).containsExactly("图层名称", "灾种", "所属区划代码", "分区数", "导入人", "导入时间");
        assertThat(sheet.stream().filter(r -> r.get(0).equals("拱墅区洪涝风险区划 " + tag)).findFirst().orElseThrow())
                .startsWith("拱墅区洪涝风险区划 " + tag, "洪涝", "330105");
        List<String> listed = api.get("gongshu", "/api/risk/zones?sort=name").body().valueStream().map(l -> l.path("name").asString()).toList();
        assertThat(sheet.stream().skip(1).map(r -> r.get(0)).toList()).isEqualTo(listed);
        assertThat(exports("risk-zone.export")).isEqualTo(audited + 1);

        assertThat(rows(api.download("xihu", "/api/risk/zones/export")).stream().map(r -> r.get(0))).noneMatch(n -> n.endsWith(tag));
        assertThat(rows(api.download("qiye", "/api/risk/zones/export"))).hasSize(1);
    }

    @Test
    void theMissingCommitmentsSortAndExportAsThePageNarrowsThem() throws Exception {
        long first = enterpriseInGongshu();
        riskPoint(first, "承诺导出测试反应釜", 3, 6, 15);
        long second = enterpriseInGongshu();
        riskPoint(second, "承诺导出测试反应釜", 3, 6, 15);
        List<String> byName = api.get("gongshu", "/api/commitments?sort=name,desc").body().path("missing").valueStream()
                .map(m -> m.path("name").asString()).toList();
        assertThat(byName).hasSizeGreaterThanOrEqualTo(2)
                .isSortedAccordingTo(java.text.Collator.getInstance(java.util.Locale.CHINA).reversed());
        List<String> byRegion = api.get("gongshu", "/api/commitments?sort=regionCode").body().path("missing").valueStream()
                .map(m -> m.path("regionCode").asString()).toList();
        assertThat(byRegion).isSorted();
        Response unknown = api.get("gongshu", "/api/commitments?sort=committedBy");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorFields()).containsExactly("sort");

        long audited = exports("commitment.export");
        Response answer = api.send(HttpMethod.GET, "/api/commitments/export", api.token("gongshu"), null, Map.of());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().getContentDisposition().getFilename()).endsWith("未承诺企业.xlsx");
        List<List<String>> sheet = rows(api.download("gongshu", "/api/commitments/export?regionCode=330105001&sort=name,desc"));
        assertThat(sheet.get(0)).containsExactly("企业名称", "行政区划代码", "承诺状态");
        List<String> missing = api.get("gongshu", "/api/commitments?sort=name,desc").body().path("missing").valueStream()
                .filter(m -> m.path("regionCode").asString().startsWith("330105001")).map(m -> m.path("name").asString()).toList();
        assertThat(sheet.stream().skip(1).map(r -> r.get(0)).toList()).isEqualTo(missing);
        assertThat(sheet.stream().skip(1).map(r -> r.get(2))).containsOnly("未承诺");
        String firstName = api.get("gongshu", "/api/enterprises/" + first).body().path("name").asString();
        assertThat(rows(api.download("gongshu", "/api/commitments/export?q=" + firstName)).stream().skip(1).map(r -> r.get(0)))
                .containsExactly(firstName);
        assertThat(exports("commitment.export")).isEqualTo(audited + 3);

        assertThat(rows(api.download("xihu", "/api/commitments/export")).stream().skip(1).map(r -> r.get(1)))
                .allMatch(region -> region.startsWith("330106"));
        assertThat(rows(api.download("xihu", "/api/commitments/export?q=" + firstName))).hasSize(1);
        assertThat(api.get("gongshu", "/api/commitments/export?regionCode=33x").status()).isEqualTo(400);
    }
}
