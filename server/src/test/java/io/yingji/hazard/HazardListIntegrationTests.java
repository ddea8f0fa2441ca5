package io.yingji.hazard;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** The hazard list sorts by its columns, filters by enterprise and exports what it shows, within the caller's scope only. */
class HazardListIntegrationTests extends ApiTest {

    private long qiyeEnterprise() {
        return api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
    }

    /** Reports a hazard at qiye's enterprise and, with a deadline, verifies it as 拱墅区 with that deadline. */
    private String reportAtQiye(String title, LocalDate deadline, String grade) {
        Response created = api.post("qiye", "/api/hazards", Map.of("title", title, "description", "排序与导出测试：" + title,
                "enterpriseId", qiyeEnterprise(), "source", "SELF_INSPECTION"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        long id = created.body().path("id").asLong();
        Response verified = api.post("gongshu", "/api/hazards/" + id + "/verify", Map.of("grade", grade, "category", "HAZCHEM",
                "responsibleUnit", "杭州运河精细化工有限公司", "deadline", deadline.toString(), "comment", "现场核实属实"));
        assertThat(verified.status()).as(verified.body().toString()).isEqualTo(200);
        return created.body().path("trackingCode").asString();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    private List<JsonNode> list(String user, String query) {
        Response answer = api.get(user, "/api/hazards?size=500&" + query);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body().path("content").valueStream().toList();
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

    @Test
    void sortsByDeadlineAndStatusEitherWayAndRefusesAnUnknownColumn() {
        String late = reportAtQiye("排序测试 远期隐患 " + UUID.randomUUID(), today().plusDays(14), "GENERAL");
        String soon = reportAtQiye("排序测试 近期隐患 " + UUID.randomUUID(), today().plusDays(3), "MAJOR");
        String enterprise = "enterpriseId=" + qiyeEnterprise();

        List<JsonNode> ascending = list("gongshu", enterprise + "&sort=deadline,asc");
        List<JsonNode> descending = list("gongshu", enterprise + "&sort=deadline,desc");
        List<String> ascendingDays = ascending.stream().filter(h -> !h.path("deadline").isNull()).map(h -> h.path("deadline").asString()).toList();
        List<String> descendingDays = descending.stream().filter(h -> !h.path("deadline").isNull()).map(h -> h.path("deadline").asString()).toList();
        assertThat(ascendingDays).hasSizeGreaterThanOrEqualTo(2).isSorted();
        assertThat(descendingDays).isSortedAccordingTo(Comparator.reverseOrder());
        List<String> codesUp = ascending.stream().map(h -> h.path("trackingCode").asString()).toList();
        List<String> codesDown = descending.stream().map(h -> h.path("trackingCode").asString()).toList();
        assertThat(codesUp.indexOf(soon)).isLessThan(codesUp.indexOf(late));
        assertThat(codesDown.indexOf(late)).isLessThan(codesDown.indexOf(soon));
        // hazards without a deadline (not verified yet: qiye's own reports) come last either way
        for (List<JsonNode> sorted : List.of(ascending, descending)) {
            List<Boolean> missing = sorted.stream().map(h -> h.path("deadline").isNull()).toList();
            assertThat(missing).isSortedAccordingTo(Comparator.comparing(Boolean::booleanValue));
        }

        // status follows the loop, 待核实 before 已核实 … 已销号
        List<String> order = List.of("REPORTED", "VERIFIED", "ASSIGNED", "REMEDIATING", "REMEDIATED", "CLOSED", "DISMISSED");
        List<Integer> statuses = list("gongshu", enterprise + "&sort=status,asc").stream()
                .map(h -> order.indexOf(h.path("status").asString())).toList();
        assertThat(statuses).isSorted();
        // grade: 一般 before 重大 ascending, 重大 first descending
        assertThat(list("gongshu", enterprise + "&sort=grade,desc").get(0).path("grade").asString()).isEqualTo("MAJOR");

        Response unknown = api.get("gongshu", "/api/hazards?sort=reporter_phone");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorFields()).containsExactly("sort");
        assertThat(unknown.detail()).contains("reporter_phone");
        assertThat(api.get("gongshu", "/api/hazards?sort=deadline,sideways").status()).isEqualTo(400);
    }

    @Test
    void theEnterpriseFilterShowsOneEnterprisesHazardsAndNothingOutsideTheCallersScope() {
        String code = reportAtQiye("企业筛选测试隐患 " + UUID.randomUUID(), today().plusDays(10), "GENERAL");
        long qiye = qiyeEnterprise();
        List<JsonNode> theirs = list("gongshu", "enterpriseId=" + qiye);
        assertThat(theirs).isNotEmpty().allMatch(h -> h.path("enterpriseId").asLong() == qiye);
        assertThat(theirs).anyMatch(h -> h.path("trackingCode").asString().equals(code));
        // the enterprise itself sees its own
        assertThat(list("qiye", "enterpriseId=" + qiye)).anyMatch(h -> h.path("trackingCode").asString().equals(code));

        // another district asking for a Gongshu enterprise gets none of its hazards, not an error
        Response foreign = api.get("xihu", "/api/hazards?enterpriseId=" + qiye);
        assertThat(foreign.status()).isEqualTo(200);
        assertThat(foreign.body().path("totalElements").asLong()).isZero();
        // an enterprise asking for another enterprise's hazards gets none either
        long other = api.get("gongshu", "/api/enterprises?size=50").body().path("content").valueStream()
                .mapToLong(e -> e.path("id").asLong()).filter(id -> id != qiye).findFirst().orElseThrow();
        assertThat(api.get("qiye", "/api/hazards?enterpriseId=" + other).body().path("totalElements").asLong()).isZero();
    }

    @Test
    void exportsTheFilteredListInItsOrderInChineseAndAuditsIt() throws Exception {
        String soon = reportAtQiye("导出测试 近期隐患 " + UUID.randomUUID(), today().plusDays(2), "MAJOR");
        String late = reportAtQiye("导出测试 远期隐患 " + UUID.randomUUID(), today().plusDays(12), "GENERAL");
        String query = "enterpriseId=" + qiyeEnterprise() + "&sort=deadline,desc";

        Response answer = api.send(HttpMethod.GET, "/api/hazards/export?" + query, api.token("gongshu"), null, Map.of());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().getContentDisposition().getFilename()).isEqualTo("隐患清单.xlsx");
        long auditsBefore = count("select count(*) from audit_event where action = 'hazard.export' and actor_username = 'gongshu'");
        List<List<String>> sheet = rows(api.download("gongshu", "/api/hazards/export?" + query));
        assertThat(sheet.get(0)).startsWith("跟踪码", "隐患标题", "来源", "状态", "等级");
        List<JsonNode> shown = list("gongshu", query);
        assertThat(sheet.stream().skip(1).map(r -> r.get(0)).toList())
                .containsExactlyElementsOf(shown.stream().map(h -> h.path("trackingCode").asString()).toList());
        List<String> soonRow = sheet.stream().filter(r -> r.get(0).equals(soon)).findFirst().orElseThrow();
        assertThat(soonRow).contains("企业自查", "已核实", "重大隐患", "危险化学品", today().plusDays(2).toString());
        assertThat(sheet.stream().map(r -> r.get(0)).toList().indexOf(late))
                .isLessThan(sheet.stream().map(r -> r.get(0)).toList().indexOf(soon));

        // the export is audited: who, the filter and the rows
        assertThat(count("select count(*) from audit_event where action = 'hazard.export' and actor_username = 'gongshu'"))
                .isEqualTo(auditsBefore + 1);
        String changes = jdbc.sql("select changes from audit_event where action = 'hazard.export' and actor_username = 'gongshu'"
                + " order by id desc limit 1").query(String.class).single();
        assertThat(changes).contains("enterpriseId=" + qiyeEnterprise()).contains("sort=deadline,desc")
                .contains("\"count\":" + (sheet.size() - 1));

        // another district's export holds none of them
        assertThat(rows(api.download("xihu", "/api/hazards/export?enterpriseId=" + qiyeEnterprise()))).hasSize(1);
        assertThat(rows(api.download("xihu", "/api/hazards/export")).stream().skip(1).map(r -> r.get(8)))
                .allMatch(region -> region.startsWith("330106"));
        assertThat(api.get("gongshu", "/api/hazards/export?sort=nonsense").status()).isEqualTo(400);
        assertThat(api.get("gongshu", "/api/hazards/export?status=LOST").status()).isEqualTo(400);
    }
}
