package io.yingji.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.ApiTest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The demo city says something true and interesting where a bureau looks first: hazards and commitments. */
class DemoCityIntegrationTests extends ApiTest {

    private static final String DEMO_TITLES = "title in ('消防通道被货物占用', '应急照明灯损坏', '涉氨制冷车间无报警', '防雷检测超期', '有限空间作业未审批')";

    @Test
    void hazardsLieInEveryDistrictOfHangzhouIncludingXihuAndInEveryStateOfTheLoop() {
        long cityWide = count("select count(*) from hazard where region_code like '3301%'");
        assertThat(cityWide).isGreaterThanOrEqualTo(40);
        List<String> districts = jdbc.sql("select distinct substring(region_code, 1, 6) from hazard where region_code like '3301%'")
                .query(String.class).list();
        assertThat(districts).hasSizeGreaterThanOrEqualTo(13).contains("330106", "330102", "330182");
        assertThat(jdbc.sql("select distinct status from hazard where region_code like '330106%'").query(String.class).list())
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql("select distinct status from hazard").query(String.class).list())
                .contains("REPORTED", "VERIFIED", "ASSIGNED", "REMEDIATING", "REMEDIATED", "CLOSED", "DISMISSED");
        // closed weeks ago, step by step: the history's times lie in the past and in order
        assertThat(count("select count(*) from hazard where status = 'CLOSED' and closed_at < reported_at + interval '30' day"
                + " and reported_at < current_timestamp - interval '13' day")).isGreaterThanOrEqualTo(10);
        assertThat(count("select count(*) from hazard_event e join hazard h on h.id = e.hazard_id where e.occurred_at < h.reported_at"))
                .isZero();
        // past their deadline (the supervision job escalates them on its pass)
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        assertThat(count("select count(*) from hazard where status in ('ASSIGNED', 'REMEDIATING') and deadline < date '" + today + "'"))
                .isGreaterThanOrEqualTo(5);
    }

    @Test
    void xihuSeesItsOwnHazardsAndTheCityItsDistrictsStatistics() {
        JsonNode xihu = api.get("xihu", "/api/hazards?size=50").body();
        assertThat(xihu.path("totalElements").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(xihu.path("content").valueStream().map(h -> h.path("regionCode").asString())).allMatch(c -> c.startsWith("330106"));
        JsonNode city = api.get("hangzhou", "/api/hazards/statistics").body();
        assertThat(city.path("counts").path("status").path("CLOSED").asLong()).isGreaterThanOrEqualTo(14);
        assertThat(count("select count(*) from hazard where " + DEMO_TITLES)).isEqualTo(5);
    }

    @Test
    void mostDemoEnterprisesThatMustCommitHaveCommittedTodayButNotAll() {
        JsonNode today = api.get("hangzhou", "/api/commitments").body();
        int required = today.path("required").asInt();
        int committed = today.path("committed").asInt();
        assertThat(required).isPositive();
        assertThat(committed).isGreaterThanOrEqualTo(required * 3 / 4);
        assertThat(committed).isLessThan(required);
        assertThat(today.path("missing").size()).isPositive();
        // the qiye account's enterprise makes its own commitment: the demo leaves it to its person
        long qiye = api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
        assertThat(count("select count(*) from daily_commitment where enterprise_id = " + qiye + " and committed_by = 'system'"))
                .isZero();
    }
}
