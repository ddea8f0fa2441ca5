package io.yingji.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import tools.jackson.databind.JsonNode;

/** The alarm list sorts by its columns, filters by enterprise and exports what it shows, within the caller's scope only. */
class AlarmListIntegrationTests extends ApiTest {

    record Registered(long id, String code, String key) {
    }

    private long qiyeEnterprise() {
        return api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
    }

    private Registered gasDetectorAtQiye() {
        String code = "ALS-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new HashMap<>(Map.of("code", code, "name", "报警列表测试探测器 " + code, "type", "COMBUSTIBLE_GAS",
                "enterpriseId", qiyeEnterprise()));
        Response created = api.post("gongshu", "/api/devices", body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return new Registered(created.body().path("device").path("id").asLong(), code, created.body().path("key").asString());
    }

    /** Sends one combustible-gas reading and waits until the device has an alarm. */
    private void breach(Registered device, double lel, Instant at) throws InterruptedException {
        Response answer = api.send(HttpMethod.POST, "/api/telemetry", null,
                "{\"readings\":[{\"device\":\"" + device.code() + "\",\"ts\":\"" + at + "\",\"values\":{\"lel\":" + lel + "}}]}",
                Map.of("Authorization", "Device " + device.code() + ":" + device.key()));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (list("gongshu", "deviceId=" + device.id()).isEmpty()) {
            assertThat(System.nanoTime()).as("an alarm of %s within 20 s", device.code()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private List<JsonNode> list(String user, String query) {
        Response answer = api.get(user, "/api/alarms?size=500&" + query);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body().path("content").valueStream().toList();
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

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void sortsByPeakAndTimeEitherWayFiltersByEnterpriseAndRefusesAnUnknownColumn() throws InterruptedException {
        Registered low = gasDetectorAtQiye();
        Registered high = gasDetectorAtQiye();
        breach(low, 31, now().minusSeconds(30));
        breach(high, 44, now().minusSeconds(10));
        String enterprise = "enterpriseId=" + qiyeEnterprise();

        List<JsonNode> upward = list("gongshu", enterprise + "&sort=peakValue,asc");
        List<JsonNode> downward = list("gongshu", enterprise + "&sort=peakValue,desc");
        assertThat(upward).allMatch(a -> a.path("enterpriseId").asLong() == qiyeEnterprise());
        assertThat(upward.stream().filter(a -> !a.path("peakValue").isNull()).map(a -> a.path("peakValue").asDouble()).toList())
                .hasSizeGreaterThanOrEqualTo(2).isSorted();
        assertThat(downward.stream().filter(a -> !a.path("peakValue").isNull()).map(a -> a.path("peakValue").asDouble()).toList())
                .isSortedAccordingTo(Comparator.reverseOrder());
        List<String> codesUp = upward.stream().map(a -> a.path("deviceCode").asString()).toList();
        List<String> codesDown = downward.stream().map(a -> a.path("deviceCode").asString()).toList();
        assertThat(codesUp.indexOf(low.code())).isLessThan(codesUp.indexOf(high.code()));
        assertThat(codesDown.indexOf(high.code())).isLessThan(codesDown.indexOf(low.code()));

        assertThat(list("gongshu", enterprise + "&sort=raisedAt,asc").stream().map(a -> Instant.parse(a.path("raisedAt").asString())).toList())
                .isSorted();
        List<String> order = List.of("RAISED", "ACKNOWLEDGED", "HANDLED", "CLEARED");
        assertThat(list("gongshu", enterprise + "&sort=status,asc").stream().map(a -> order.indexOf(a.path("status").asString())).toList())
                .isSorted();

        Response unknown = api.get("gongshu", "/api/alarms?sort=open_key");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorFields()).containsExactly("sort");
        assertThat(api.get("gongshu", "/api/alarms?sort=level,up").status()).isEqualTo(400);

        // the enterprise sees its own; another district none of them, and no error
        assertThat(list("qiye", enterprise).stream().map(a -> a.path("deviceCode").asString())).contains(low.code(), high.code());
        Response foreign = api.get("xihu", "/api/alarms?" + enterprise);
        assertThat(foreign.status()).isEqualTo(200);
        assertThat(foreign.body().path("totalElements").asLong()).isZero();
    }

    @Test
    void exportsTheFilteredListInItsOrderInChineseOnlyWithinScope() throws Exception {
        Registered device = gasDetectorAtQiye();
        breach(device, 38, now().minusSeconds(5));
        String query = "deviceId=" + device.id() + "&sort=raisedAt,desc";

        Response answer = api.send(HttpMethod.GET, "/api/alarms/export?" + query, api.token("gongshu"), null, Map.of());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().getContentDisposition().getFilename()).isEqualTo("报警记录.xlsx");
        List<List<String>> sheet = rows(api.download("gongshu", "/api/alarms/export?" + query));
        assertThat(sheet.get(0)).startsWith("报警时间", "设备编码", "设备名称", "设备类型", "指标", "报警类型", "级别", "状态");
        List<JsonNode> shown = list("gongshu", query);
        assertThat(sheet).hasSize(shown.size() + 1);
        assertThat(sheet.get(1)).containsSequence(device.code(), "报警列表测试探测器 " + device.code(), "可燃气体", "可燃气体浓度", "超上限",
                "一级", "新报警");
        assertThat(sheet.get(1)).contains("38.0");

        // another district's export of that enterprise holds nothing
        assertThat(rows(api.download("xihu", "/api/alarms/export?enterpriseId=" + qiyeEnterprise()))).hasSize(1);
        assertThat(rows(api.download("xihu", "/api/alarms/export?" + query))).hasSize(1);
        assertThat(api.get("gongshu", "/api/alarms/export?sort=nonsense").status()).isEqualTo(400);
        assertThat(api.get("gongshu", "/api/alarms/export?status=LOST").status()).isEqualTo(400);
    }
}
