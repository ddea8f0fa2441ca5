package io.yingji.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.Enterprises;
import io.yingji.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AuditIntegrationTests extends ApiTest {

    private long renameAnEnterpriseAsGongshu(String newName) {
        Response created = api.post("gongshu", "/api/enterprises", Enterprises.inGongshu());
        long id = created.body().path("id").asLong();
        Map<String, Object> body = api.editable(created.body());
        body.put("name", newName);
        assertThat(api.put("gongshu", "/api/enterprises/" + id, body).status()).isEqualTo(200);
        return id;
    }

    @Test
    void recordsWhoChangedWhatFromWhere() {
        long id = renameAnEnterpriseAsGongshu("杭州审计测试更名有限公司");
        Response found = api.get("shenji", "/api/audit?entityType=enterprise&entityId=" + id);
        assertThat(found.status()).isEqualTo(200);
        List<JsonNode> entries = found.body().path("content").valueStream().toList();
        assertThat(entries).extracting(e -> e.path("action").asString()).containsExactly("enterprise.update", "enterprise.create");
        JsonNode update = entries.get(0);
        assertThat(update.path("actorUsername").asString()).isEqualTo("gongshu");
        assertThat(update.path("remoteAddress").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(update.path("regionCode").asString()).isEqualTo("330105001");
        JsonNode changes = api.json().readTree(update.path("changes").asString());
        assertThat(changes.path("name").get(1).asString()).isEqualTo("杭州审计测试更名有限公司");
        assertThat(changes.properties()).hasSize(1);
    }

    @Test
    void onlyAuditorsMaySearchAndOnlyWithinTheirRegion() {
        renameAnEnterpriseAsGongshu("杭州审计范围测试有限公司");
        assertThat(api.get("gongshu", "/api/audit").status()).isEqualTo(403);
        assertThat(api.get("qiye", "/api/audit").status()).isEqualTo(403);
        Response byActor = api.get("admin", "/api/audit?actor=gongshu&action=enterprise.update");
        assertThat(byActor.body().path("totalElements").asLong()).isPositive();
        assertThat(byActor.body().path("content").valueStream().map(e -> e.path("actorUsername").asString()))
                .allMatch("gongshu"::equals);
    }

    @Test
    void anAuditorOfAnotherDistrictDoesNotSeeGongshusChanges() {
        long id = renameAnEnterpriseAsGongshu("杭州审计辖区测试有限公司");
        Response created = api.post("admin", "/api/users", Map.of("username", "xihu-auditor", "password", Api.PASSWORD,
                "displayName", "西湖区审计员", "regionCode", "330106", "roles", List.of("AUDITOR")));
        assertThat(created.status()).isEqualTo(201);
        Response theirs = api.get("xihu-auditor", "/api/audit?entityType=enterprise&entityId=" + id);
        assertThat(theirs.status()).isEqualTo(200);
        assertThat(theirs.body().path("totalElements").asLong()).isZero();
        assertThat(api.get("shenji", "/api/audit?entityType=enterprise&entityId=" + id).body().path("totalElements").asLong())
                .isEqualTo(2);
    }

    @Test
    void badSearchParametersAreRefused() {
        assertThat(api.get("shenji", "/api/audit?from=yesterday").status()).isEqualTo(400);
        Response reversed = api.get("shenji", "/api/audit?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.detail()).isEqualTo("结束时间必须晚于开始时间");
    }

    @Test
    void theDatabaseRefusesToEditOrDeleteHistory() {
        renameAnEnterpriseAsGongshu("杭州审计不可篡改有限公司");
        long before = jdbc.sql("select count(*) from audit_event").query(Long.class).single();
        assertThatThrownBy(() -> jdbc.sql("update audit_event set actor_username = 'someone-else'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event").update()).hasMessageContaining("append-only");
        assertThat(jdbc.sql("select count(*) from audit_event").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void failedLoginsAreRecordedToo() {
        api.login("mishixiang", "wrong");
        Response found = api.get("shenji", "/api/audit?actor=mishixiang&action=login.failed");
        assertThat(found.body().path("totalElements").asLong()).isPositive();
    }

    @Test
    void showsWhoByNameAndOfficeWhatInChineseAndTheChangeAsBeforeAndAfter() {
        long id = renameAnEnterpriseAsGongshu("杭州审计可读测试有限公司");
        JsonNode update = api.get("shenji", "/api/audit?entityType=enterprise&entityId=" + id).body().path("content").get(0);
        assertThat(update.path("actorName").asString()).contains("王丽华");
        assertThat(update.path("actorOffice").asString()).isEqualTo("拱墅区应急管理局");
        assertThat(update.path("actionName").asString()).isEqualTo("修改企业信息");
        assertThat(update.path("entityName").asString()).isEqualTo("企业");
        JsonNode change = update.path("changeList").get(0);
        assertThat(change.path("label").asString()).isEqualTo("名称");
        assertThat(change.path("after").asString()).isEqualTo("杭州审计可读测试有限公司");
        assertThat(change.path("before").asString()).isNotBlank();
        assertThat(change.path("update").asBoolean()).isTrue();
        JsonNode english = api.send(org.springframework.http.HttpMethod.GET, "/api/audit?entityType=enterprise&entityId=" + id,
                api.token("shenji"), null, Map.of("Accept-Language", "en")).body().path("content").get(0);
        assertThat(english.path("actionName").asString()).isEqualTo("Enterprise changed");
    }

    @Test
    void showsCodedValuesAndReferencesByTheirNamesButProperDataAsWritten() {
        Response created = api.post("gongshu", "/api/enterprises", Enterprises.inGongshu());
        long enterprise = created.body().path("id").asLong();
        JsonNode registered = api.get("shenji", "/api/audit?action=enterprise.create&entityId=" + enterprise).body()
                .path("content").get(0);
        assertThat(after(registered, "industry")).isEqualTo("工贸制造");
        assertThat(after(registered, "regionCode")).isEqualTo("米市巷街道（330105001）");
        assertThat(after(registered, "address")).isEqualTo("杭州市测试路 1 号");
        assertThat(after(registered, "aboveScale")).isEqualTo("是");

        Response hazard = api.post("gongshu", "/api/hazards", Map.of("title", "审计可读性测试隐患",
                "description", "仓库门口堆放杂物", "enterpriseId", enterprise, "source", "GOVERNMENT_INSPECTION"));
        long id = hazard.body().path("id").asLong();
        assertThat(api.post("gongshu", "/api/hazards/" + id + "/verify", Map.of("grade", "GENERAL", "category", "MANAGEMENT",
                "responsibleUnit", "测试责任单位", "deadline", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
                        .plusDays(5).toString(), "comment", "属实")).status()).isEqualTo(200);
        List<JsonNode> steps = api.get("shenji", "/api/audit?entityType=hazard&entityId=" + id).body().path("content")
                .valueStream().toList();
        JsonNode verified = steps.get(0);
        JsonNode status = verified.path("changeList").get(0);
        assertThat(status.path("label").asString()).isEqualTo("状态");
        assertThat(status.path("before").asString()).isEqualTo("待核实");
        assertThat(status.path("after").asString()).isEqualTo("已核实");
        assertThat(after(steps.get(1), "source")).isEqualTo("政府检查");
        assertThat(after(steps.get(1), "title")).isEqualTo("审计可读性测试隐患");

        JsonNode english = api.send(org.springframework.http.HttpMethod.GET, "/api/audit?entityType=hazard&entityId=" + id,
                api.token("shenji"), null, Map.of("Accept-Language", "en")).body().path("content").get(0);
        assertThat(english.path("changeList").get(0).path("after").asString()).isEqualTo("Verified");
    }

    private static String after(JsonNode entry, String field) {
        return entry.path("changeList").valueStream().filter(c -> c.path("field").asString().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no change of " + field + " in " + entry)).path("after").asString();
    }

    @Test
    void searchesByPartOfAPersonsNameAndByPeriod() {
        long id = renameAnEnterpriseAsGongshu("杭州审计按人查询有限公司");
        Response byName = api.get("shenji", "/api/audit?actor=王丽华&entityType=enterprise&entityId=" + id);
        assertThat(byName.body().path("totalElements").asLong()).isEqualTo(2);
        assertThat(api.get("shenji", "/api/audit?actor=不存在的人&entityId=" + id).body().path("totalElements").asLong()).isZero();
        java.time.Instant now = java.time.Instant.now();
        assertThat(api.get("shenji", "/api/audit?entityId=" + id + "&from=" + now.minusSeconds(3600) + "&to=" + now.plusSeconds(3600))
                .body().path("totalElements").asLong()).isEqualTo(2);
        assertThat(api.get("shenji", "/api/audit?entityId=" + id + "&to=" + now.minusSeconds(3600))
                .body().path("totalElements").asLong()).isZero();
        assertThat(api.get("shenji", "/api/audit?sort=changes").status()).isEqualTo(400);
    }

    @Test
    void theActionPickerNamesEveryActionInChinese() {
        List<JsonNode> actions = api.get("shenji", "/api/audit/actions").body().valueStream().toList();
        assertThat(actions).extracting(a -> a.path("code").asString()).contains("enterprise.update", "hazard.accept", "login.failed");
        assertThat(actions).allMatch(a -> !a.path("name").asString().equals(a.path("code").asString()));
        assertThat(api.get("gongshu", "/api/audit/actions").status()).isEqualTo(403);
    }

    @Test
    void exportsTheSearchAsExcelOnlyWithinTheAuditorsRegion() throws Exception {
        long id = renameAnEnterpriseAsGongshu("杭州审计导出测试有限公司");
        List<List<String>> mine = rows(api.download("shenji", "/api/audit/export?entityType=enterprise&entityId=" + id));
        assertThat(mine.get(0)).startsWith("时间", "操作人", "登录名", "所在单位", "操作");
        assertThat(mine).hasSize(3);
        assertThat(mine.get(1).get(4)).isEqualTo("修改企业信息");
        assertThat(mine.get(1).get(6)).contains("名称：").contains("→ 杭州审计导出测试有限公司");
        assertThat(mine.get(1).get(0)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(api.get("gongshu", "/api/audit/export").status()).isEqualTo(403);

        Response created = api.post("admin", "/api/users", Map.of("username", "xihu-exporter", "password", Api.PASSWORD,
                "displayName", "西湖区审计员乙", "regionCode", "330106", "roles", List.of("AUDITOR")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(rows(api.download("xihu-exporter", "/api/audit/export?entityType=enterprise&entityId=" + id))).hasSize(1);
    }

    private static List<List<String>> rows(byte[] workbook) throws Exception {
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(workbook))) {
            var sheet = book.getSheetAt(0);
            List<List<String>> rows = new java.util.ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                List<String> cells = new java.util.ArrayList<>();
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
