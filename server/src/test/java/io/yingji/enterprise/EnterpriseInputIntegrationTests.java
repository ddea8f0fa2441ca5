package io.yingji.enterprise;

import static io.yingji.support.Enterprises.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.Enterprises;
import io.yingji.support.ApiTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** Bad input gets a precise problem in the caller's language, and nothing is written. */
class EnterpriseInputIntegrationTests extends ApiTest {

    private long enterprises() {
        return jdbc.sql("select count(*) from enterprise").query(Long.class).single();
    }

    private Response create(Map<String, Object> body) {
        return api.post("gongshu", "/api/enterprises", body);
    }

    @Test
    void registersAValidEnterpriseAndReadsItBack() {
        Map<String, Object> body = Enterprises.inGongshu();
        Response created = create(body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().getLocation().getPath()).isEqualTo("/api/enterprises/" + created.body().path("id").asLong());
        Response read = api.get("gongshu", "/api/enterprises/" + created.body().path("id").asLong());
        assertThat(read.body().path("creditCode").asString()).isEqualTo(body.get("creditCode"));
        assertThat(read.body().path("regionName").asString()).isEqualTo("米市巷街道");
    }

    @Test
    void refusesAnInvalidCreditCodeInChineseAndWritesNothing() {
        long before = enterprises();
        Response response = create(with(Enterprises.inGongshu(), "creditCode", "91330105MA2GHNG814"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.errorFields()).containsExactly("creditCode");
        assertThat(response.detail()).isEqualTo("统一社会信用代码“91330105MA2GHNG814”无效（应为 18 位且校验位正确，见 GB 32100）");
        assertThat(enterprises()).isEqualTo(before);
    }

    @Test
    void theSupervisingDepartmentMustCoverTheEnterprisesRegion() {
        long before = enterprises();
        long districtOwn = department("拱墅区住房和城乡建设局");
        long city = department("杭州市交通运输局");
        long otherDistrict = department("西湖区应急管理局");
        Response own = api.post("gongshu", "/api/enterprises", with(Enterprises.inGongshu(), "supervisingDepartmentId", districtOwn));
        Response above = api.post("gongshu", "/api/enterprises", with(Enterprises.inGongshu(), "supervisingDepartmentId", city));
        assertThat(own.status()).isEqualTo(201);
        assertThat(above.status()).isEqualTo(201);
        // 西湖区's bureau does not supervise 拱墅区: answered like an id that does not exist
        Response foreign = api.post("gongshu", "/api/enterprises", with(Enterprises.inGongshu(), "supervisingDepartmentId", otherDistrict));
        Response missing = api.post("gongshu", "/api/enterprises", with(Enterprises.inGongshu(), "supervisingDepartmentId", 987_654_321L));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.errorFields()).containsExactly("supervisingDepartmentId");
        assertThat(foreign.body().path("errors").get(0).path("message").asString().replace(String.valueOf(otherDistrict), "#"))
                .isEqualTo(missing.body().path("errors").get(0).path("message").asString().replace("987654321", "#"));
        assertThat(enterprises()).isEqualTo(before + 2);
    }

    private long department(String name) {
        return jdbc.sql("select id from department where name = :n").param("n", name).query(Long.class).single();
    }

    @Test
    void answersInEnglishWhenAsked() {
        Response response = api.send(HttpMethod.POST, "/api/enterprises", api.token("gongshu"),
                with(Enterprises.inGongshu(), "creditCode", "123"), Map.of("Accept-Language", "en"));
        assertThat(response.detail()).startsWith("Unified social credit code \"123\" is invalid");
        assertThat(response.body().path("title").asString()).isEqualTo("Bad request");
    }

    @Test
    void refusesADuplicateCreditCode() {
        Map<String, Object> first = Enterprises.inGongshu();
        assertThat(create(first).status()).isEqualTo(201);
        long before = enterprises();
        Response again = create(with(Enterprises.inGongshu(), "creditCode", first.get("creditCode")));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.detail()).contains("已被登记");
        assertThat(again.errorFields()).containsExactly("creditCode");
        assertThat(enterprises()).isEqualTo(before);
    }

    @Test
    void refusesCoordinatesOutsideChina() {
        long before = enterprises();
        Response response = create(with(with(Enterprises.inGongshu(), "longitude", 30.28), "latitude", 120.16));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.detail()).contains("不在中国境内");
        assertThat(enterprises()).isEqualTo(before);
    }

    @Test
    void refusesCoordinatesOutsideTheEnterprisesDistrict() {
        // Ningbo's coordinates for a Gongshu enterprise
        Response response = create(with(with(Enterprises.inGongshu(), "longitude", 121.55), "latitude", 29.87));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.detail()).contains("不在拱墅区范围内");
    }

    @Test
    void listsEveryMissingOrMalformedField() {
        Map<String, Object> body = Enterprises.inGongshu();
        body.remove("name");
        body.put("safetyManagerPhone", "12345");
        body.put("regionCode", "3301");
        body.put("industry", "FISHING");
        Response response = create(body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("name", "safetyManagerPhone", "regionCode", "industry");
        assertThat(response.detail()).isEqualTo("提交的数据有误，请检查标出的字段");
    }

    @Test
    void refusesUnknownFieldsMalformedJsonAndWrongTypes() {
        Response unknown = create(with(Enterprises.inGongshu(), "isMajor", true));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.detail()).isEqualTo("未知字段“isMajor”");
        Response malformed = api.post("gongshu", "/api/enterprises", "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.detail()).isEqualTo("请求体不是有效的 JSON");
        Response wrongType = create(with(Enterprises.inGongshu(), "longitude", "东经"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.errorFields()).containsExactly("longitude");
        assertThat(api.get("gongshu", "/api/enterprises/abc").status()).isEqualTo(400);
        assertThat(api.get("gongshu", "/api/enterprises?size=0").status()).isEqualTo(400);
        assertThat(api.get("gongshu", "/api/enterprises?industry=FISHING").status()).isEqualTo(400);
    }

    @Test
    void refusesOversizedBodies() {
        String huge = "{\"name\":\"" + "很".repeat(600_000) + "\"}";
        Response response = api.post("gongshu", "/api/enterprises", huge);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.detail()).isEqualTo("请求体过大");
    }

    @Test
    void refusesAStaleVersion() {
        Response created = create(Enterprises.inGongshu());
        long id = created.body().path("id").asLong();
        Map<String, Object> body = api.editable(created.body());
        assertThat(api.put("gongshu", "/api/enterprises/" + id, with(body, "name", "新名称有限公司")).status()).isEqualTo(200);
        Response stale = api.put("gongshu", "/api/enterprises/" + id, with(body, "name", "旧版本覆盖有限公司"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(api.get("gongshu", "/api/enterprises/" + id).body().path("name").asString()).isEqualTo("新名称有限公司");
    }

    // import

    private static String csvRow(Map<String, Object> e) {
        return String.join(",", (String) e.get("creditCode"), (String) e.get("name"), "工贸制造", "杭州市测试路1号",
                e.get("longitude").toString(), e.get("latitude").toString(), (String) e.get("regionCode"), "张伟", "李娜",
                "13906812222", "否") + "\n";
    }

    private static final String CSV_HEADER = "统一社会信用代码,企业名称,行业,地址,经度,纬度,行政区划代码,法定代表人,安全负责人,安全负责人电话,危化品使用\n";

    @Test
    void importsACsvFileCompletely() {
        long before = enterprises();
        String csv = CSV_HEADER + csvRow(Enterprises.inGongshu()) + csvRow(Enterprises.inGongshu());
        Response response = api.upload("gongshu", "/api/enterprises/import", "企业名录.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("imported").asInt()).isEqualTo(2);
        assertThat(enterprises()).isEqualTo(before + 2);
    }

    @Test
    void aFileWithBadRowsReportsEveryOneByLineAndImportsNothing() {
        long before = enterprises();
        Map<String, Object> good = Enterprises.inGongshu();
        Map<String, Object> badCode = with(Enterprises.inGongshu(), "creditCode", "91330105TE00000000");
        Map<String, Object> outsideChina = with(Enterprises.inGongshu(), "longitude", 10.0);
        String csv = CSV_HEADER + csvRow(good) + csvRow(badCode) + csvRow(outsideChina) + csvRow(good);
        Response response = api.upload("gongshu", "/api/enterprises/import", "企业名录.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.detail()).isEqualTo("导入文件有 3 行存在错误，未导入任何数据");
        assertThat(response.body().path("errors").valueStream().map(e -> e.path("line").asInt() + ":" + e.path("field").asString()))
                .containsExactly("3:creditCode", "4:longitude", "5:creditCode");
        assertThat(response.body().path("errors").get(2).path("message").asString()).isEqualTo(
                "统一社会信用代码“" + good.get("creditCode") + "”与第 2 行重复");
        assertThat(enterprises()).isEqualTo(before);
    }

    @Test
    void importsAnExcelWorkbookAndRefusesRowsOutsideTheCallersRegion() throws IOException {
        long before = enterprises();
        Map<String, Object> gongshu = Enterprises.inGongshu();
        Map<String, Object> xihu = Enterprises.inXihu(120.10, 30.25);
        byte[] workbook = workbook(List.of(gongshu, xihu));
        Response refused = api.upload("gongshu", "/api/enterprises/import", "企业.xlsx", workbook);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").get(0).path("line").asInt()).isEqualTo(3);
        assertThat(refused.body().path("errors").get(0).path("message").asString()).contains("不在您的管辖范围内");
        assertThat(enterprises()).isEqualTo(before);
        Response accepted = api.upload("hangzhou", "/api/enterprises/import", "企业.xlsx", workbook);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(enterprises()).isEqualTo(before + 2);
    }

    @Test
    void refusesFilesThatAreNotSpreadsheets() {
        Response wrongType = api.upload("gongshu", "/api/enterprises/import", "企业.pdf", new byte[] {37, 80, 68, 70});
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.detail()).contains("不支持的文件类型");
        Response broken = api.upload("gongshu", "/api/enterprises/import", "企业.xlsx", "不是表格".getBytes(StandardCharsets.UTF_8));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.detail()).contains("无法读取文件");
        Response noRows = api.upload("gongshu", "/api/enterprises/import", "企业.csv", CSV_HEADER.getBytes(StandardCharsets.UTF_8));
        assertThat(noRows.status()).isEqualTo(400);
        assertThat(noRows.detail()).isEqualTo("导入文件没有数据行");
    }

    @Test
    void importNeedsTheImportPermission() {
        String csv = CSV_HEADER + csvRow(Enterprises.inGongshu());
        Response response = api.upload("mishixiang", "/api/enterprises/import", "企业.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).isEqualTo(403);
    }

    private static byte[] workbook(List<Map<String, Object>> rows) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("企业");
            String[] header = {"统一社会信用代码", "企业名称", "行业", "地址", "经度", "纬度", "行政区划代码", "法定代表人", "安全负责人", "安全负责人电话", "从业人数"};
            Row head = sheet.createRow(0);
            for (int c = 0; c < header.length; c++) {
                head.createCell(c).setCellValue(header[c]);
            }
            for (int r = 0; r < rows.size(); r++) {
                Map<String, Object> e = rows.get(r);
                Row row = sheet.createRow(r + 1);
                row.createCell(0).setCellValue((String) e.get("creditCode"));
                row.createCell(1).setCellValue((String) e.get("name"));
                row.createCell(2).setCellValue("MANUFACTURING");
                row.createCell(3).setCellValue("杭州市测试路 2 号");
                row.createCell(4).setCellValue((Double) e.get("longitude"));
                row.createCell(5).setCellValue((Double) e.get("latitude"));
                row.createCell(6).setCellValue((String) e.get("regionCode"));
                row.createCell(7).setCellValue("王强");
                row.createCell(8).setCellValue("赵敏");
                row.createCell(9).setCellValue("13906813333");
                row.createCell(10).setCellValue(88);
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
