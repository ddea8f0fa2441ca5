package io.yingji.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.MapLayers;
import io.yingji.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every aggregate counts only what the caller may read: for a district bureau, an industry department
 * of the district, one of the city and an enterprise account, each count, statistic and map equals the
 * total of the same caller's scoped list (the safety index has its own test).
 */
class ScopedCountsIntegrationTests extends ApiTest {

    private static final List<String> CALLERS = List.of("gongshu", "zhujian", "jiaotong", "qiye");

    private long total(String user, String path) {
        Response page = api.get(user, path);
        assertThat(page.status()).as("%s %s", user, path).isEqualTo(200);
        return page.body().path("totalElements").asLong();
    }

    private static long sum(JsonNode counts) {
        return counts.valueStream().mapToLong(JsonNode::asLong).sum();
    }

    @Test
    void enterpriseCountsAndTheMapShowWhatTheListShows() {
        for (String user : CALLERS) {
            long listed = total(user, "/api/enterprises?size=1");
            Response statistics = api.get(user, "/api/enterprises/statistics");
            assertThat(statistics.status()).as(user).isEqualTo(200);
            long byIndustry = statistics.body().properties().stream().filter(e -> !e.getKey().equals("MAJOR_HAZARD"))
                    .mapToLong(e -> e.getValue().asLong()).sum();
            assertThat(byIndustry).as("enterprises of %s by industry", user).isEqualTo(listed);
            assertThat(statistics.body().path("MAJOR_HAZARD").asLong()).as(user)
                    .isEqualTo(total(user, "/api/enterprises?majorHazard=true&size=1"));
            assertThat(MapLayers.rows(api.get(user, "/api/enterprises/map").body()).size()).as("map of %s", user).isEqualTo((int) listed);
        }
        assertThat(total("zhujian", "/api/enterprises?size=1")).isLessThan(total("gongshu", "/api/enterprises?size=1"));
        assertThat(total("qiye", "/api/enterprises?size=1")).isEqualTo(1);
    }

    @Test
    void hazardStatisticsAndTheMapShowWhatTheListShows() {
        // a report by each, so that none of the figures is trivially zero
        Map<String, Map<String, Object>> reports = Map.of(
                "gongshu", Map.of("regionCode", "330105001", "source", "GOVERNMENT_INSPECTION"),
                "zhujian", Map.of("regionCode", "330105001", "source", "GOVERNMENT_INSPECTION"),
                "jiaotong", Map.of("regionCode", "330105001", "source", "GOVERNMENT_INSPECTION"),
                "qiye", Map.of("enterpriseId", api.get("qiye", "/api/me").body().path("enterpriseId").asLong(), "source", "SELF_INSPECTION"));
        reports.forEach((user, where) -> {
            Map<String, Object> body = new java.util.HashMap<>(where);
            body.putAll(Map.of("title", "统计用隐患", "description", "用于核对统计口径", "longitude", 120.16, "latitude", 30.29));
            assertThat(api.post(user, "/api/hazards", body).status()).as(user).isEqualTo(201);
        });
        for (String user : CALLERS) {
            long listed = total(user, "/api/hazards?size=1");
            Response statistics = api.get(user, "/api/hazards/statistics?from=2000-01-01&to=2099-12-31");
            assertThat(statistics.status()).as(user).isEqualTo(200);
            assertThat(sum(statistics.body().path("counts").path("status"))).as("hazards of %s by status", user).isEqualTo(listed);
            assertThat(sum(statistics.body().path("counts").path("industry"))).as("hazards of %s by industry", user).isEqualTo(listed);
            assertThat(statistics.body().path("byIndustry").valueStream().mapToLong(i -> i.path("found").asLong()).sum())
                    .as(user).isEqualTo(listed);
            long open = listed - total(user, "/api/hazards?status=CLOSED&size=1") - total(user, "/api/hazards?status=DISMISSED&size=1");
            assertThat(MapLayers.rows(api.get(user, "/api/hazards/map").body()).size()).as("open hazards of %s on the map", user)
                    .isLessThanOrEqualTo((int) open);
            assertThat(MapLayers.rows(api.get(user, "/api/hazards/map").body()).stream().limit(20).map(h -> h.path("id").asLong()))
                    .as(user).allMatch(id -> api.get(user, "/api/hazards/" + id).status() == 200);
        }
    }

    @Test
    void riskLevelsDeviceMapsAndAlarmsShowWhatTheListsShow() {
        for (String user : CALLERS) {
            Response points = api.get(user, "/api/risk-points?size=500");
            assertThat(points.body().path("totalElements").asLong()).as(user).isLessThanOrEqualTo(500);
            long enterprisesWithPoints = points.body().path("content").valueStream().map(p -> p.path("enterpriseId").asLong())
                    .distinct().count();
            assertThat((long) api.get(user, "/api/risk/levels").body().size()).as("risk levels of %s", user)
                    .isEqualTo(enterprisesWithPoints);

            long devices = total(user, "/api/devices?size=1");
            Response map = api.get(user, "/api/devices/map");
            assertThat(MapLayers.rows(map.body())).as("device map of %s", user).hasSize((int) devices);
            long openOnMap = MapLayers.rows(map.body()).stream().mapToLong(d -> d.path("openAlarms").asLong()).sum();
            assertThat(openOnMap).as("open alarms of %s on the device map", user).isEqualTo(total(user, "/api/alarms?open=true&size=1"));
        }
    }
}
