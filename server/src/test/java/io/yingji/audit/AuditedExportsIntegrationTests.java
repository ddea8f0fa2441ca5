package io.yingji.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.ApiTest;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** Every list's export leaves an audit entry {@code <list>.export}: who exported, with which filter, how many rows. */
class AuditedExportsIntegrationTests extends ApiTest {

    private static int dataRows(byte[] workbook) throws Exception {
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            return book.getSheetAt(0).getLastRowNum();
        }
    }

    private JsonNode lastEntry(String action, String user) {
        String changes = jdbc.sql("select changes from audit_event where action = :action and actor_username = :user order by id desc limit 1")
                .param("action", action).param("user", user).query(String.class).single();
        return api.json().readTree(changes);
    }

    private long entries(String action, String user) {
        return jdbc.sql("select count(*) from audit_event where action = :action and actor_username = :user")
                .param("action", action).param("user", user).query(Long.class).single();
    }

    private void assertAudited(String user, String path, String action, String filter) throws Exception {
        long before = entries(action, user);
        int rows = dataRows(api.download(user, path));
        assertThat(entries(action, user)).as(action).isEqualTo(before + 1);
        JsonNode entry = lastEntry(action, user);
        assertThat(entry.path("count").asInt()).as(action).isEqualTo(rows);
        assertThat(entry.path("filter").asString()).as(action).isEqualTo(filter);
    }

    @Test
    void everyExportIsAuditedWithItsFilterAndRowCount() throws Exception {
        assertAudited("gongshu", "/api/enterprises/export?regionCode=330105&sort=name,asc", "enterprise.export",
                "regionCode=330105; sort=name,asc");
        assertAudited("gongshu", "/api/devices/export?type=COMBUSTIBLE_GAS", "device.export", "type=COMBUSTIBLE_GAS");
        assertAudited("gongshu", "/api/warnings/export?sort=sent,desc", "warning.export", "sort=sent,desc");
        assertAudited("gongshu", "/api/hazards/export?status=REPORTED", "hazard.export", "status=REPORTED");
        assertAudited("gongshu", "/api/alarms/export?open=true&level=2", "alarm.export", "open=true; level=2");
        assertAudited("gongshu", "/api/alarms/export", "alarm.export", "");
        assertAudited("shenji", "/api/audit/export?action=hazard.export", "audit.export", "action=hazard.export");
    }

    @Test
    void anExportEntryReadsInChineseInTheAuditLog() throws Exception {
        api.download("gongshu", "/api/hazards/export?grade=MAJOR");
        JsonNode entry = api.get("shenji", "/api/audit?action=hazard.export&size=1").body().path("content").get(0);
        assertThat(entry.path("actionName").asString()).isEqualTo("导出隐患清单");
        assertThat(entry.path("entityName").asString()).isEqualTo("隐患");
        assertThat(entry.path("changeList").valueStream().map(c -> c.path("label").asString() + "=" + c.path("after").asString()))
                .contains("筛选条件=grade=MAJOR");
        assertThat(api.get("shenji", "/api/audit/actions").body().valueStream().map(a -> a.path("code").asString()))
                .contains("hazard.export", "alarm.export", "warning.export", "device.export", "enterprise.export", "audit.export");
        // a refused export (an unknown sort) writes nothing
        long before = entries("hazard.export", "gongshu");
        assertThat(api.send(HttpMethod.GET, "/api/hazards/export?sort=nonsense", api.token("gongshu"), null, Map.of()).status()).isEqualTo(400);
        assertThat(entries("hazard.export", "gongshu")).isEqualTo(before);
    }
}
