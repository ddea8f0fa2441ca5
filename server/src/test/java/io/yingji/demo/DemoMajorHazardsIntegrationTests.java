package io.yingji.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.enterprise.MajorHazardAssessment;
import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The demo city has major hazard sources (重大危险源) at its chemical plants, graded by GB 18218, with detectors on them. */
class DemoMajorHazardsIntegrationTests extends ApiTest {

    private static final String DEMO_SOURCES = "select s.id, s.enterprise_id, s.exposed_people, s.grade, s.r_value from major_hazard_source s "
            + "where exists (select 1 from audit_event a where a.entity_type = 'major_hazard_source' and a.entity_id = cast(s.id as varchar(64)) "
            + "and a.action = 'hazard-source.create' and a.actor_username = 'hangzhou')";

    @Test
    void theChemicalPlantsHaveSourcesOfEveryGradeAsTheAssessmentComputesThem() {
        Map<String, BigDecimal[]> catalogue = new HashMap<>();
        api.get("hangzhou", "/api/hazardous-chemicals").body().valueStream().forEach(c -> catalogue.put(c.path("code").asString(),
                new BigDecimal[] {c.path("criticalQuantity").decimalValue(), c.path("beta").decimalValue()}));
        List<Map<String, Object>> sources = jdbc.sql(DEMO_SOURCES).query().listOfRows();
        assertThat(sources).hasSizeGreaterThanOrEqualTo(10);
        Set<Integer> grades = new HashSet<>();
        Set<Long> majorEnterprises = new HashSet<>();
        boolean someNotMajor = false;
        for (Map<String, Object> source : sources) {
            long id = ((Number) source.get("id")).longValue();
            List<MajorHazardAssessment.Quantity> quantities = new ArrayList<>();
            jdbc.sql("select chemical_code, quantity from major_hazard_source_chemical where source_id = :id").param("id", id)
                    .query((rs, n) -> {
                        BigDecimal[] known = catalogue.get(rs.getString("chemical_code"));
                        return new MajorHazardAssessment.Quantity(rs.getBigDecimal("quantity"), known[0], known[1]);
                    }).list().forEach(quantities::add);
            assertThat(quantities).isNotEmpty();
            MajorHazardAssessment.Result expected = MajorHazardAssessment.assess(quantities, ((Number) source.get("exposed_people")).intValue());
            Integer grade = source.get("grade") == null ? null : ((Number) source.get("grade")).intValue();
            assertThat(grade).as("source %d", id).isEqualTo(expected.grade());
            assertThat((BigDecimal) source.get("r_value")).isEqualByComparingTo(expected.r().setScale(4, java.math.RoundingMode.HALF_UP));
            if (grade != null) {
                grades.add(grade);
                majorEnterprises.add(((Number) source.get("enterprise_id")).longValue());
            } else {
                someNotMajor = true;
            }
        }
        assertThat(grades).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(someNotMajor).isTrue();
        // the workbench's tile 涉重大危险源企业 counts them (the city sees them all)
        assertThat(api.get("hangzhou", "/api/enterprises/statistics").body().path("MAJOR_HAZARD").asLong())
                .isGreaterThanOrEqualTo(majorEnterprises.size());
        assertThat(api.get("admin", "/api/enterprises?majorHazard=true&size=1").body().path("totalElements").asLong())
                .isGreaterThanOrEqualTo(majorEnterprises.size());
    }

    @Test
    void qiyesPlantHasItsMethanolTankFarmAndAmmoniaStoreWithTheirDetectors() {
        long qiye = api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
        Response listed = api.get("qiye", "/api/enterprises/" + qiye + "/hazard-sources");
        assertThat(listed.status()).isEqualTo(200);
        Map<String, JsonNode> byName = new HashMap<>();
        listed.body().valueStream().forEach(s -> byName.put(s.path("name").asString(), s));
        JsonNode methanol = byName.get("甲醇储罐区（2号罐区）");
        JsonNode ammonia = byName.get("液氨储存区（制冷站）");
        // 甲醇 1,200 t (Q 500 t, β 1), 120 people (α 2.0): S 2.4, R 4.8 → 四级
        assertThat(methanol.path("s").decimalValue()).isEqualByComparingTo("2.4");
        assertThat(methanol.path("r").decimalValue()).isEqualByComparingTo("4.8");
        assertThat(methanol.path("grade").asInt()).isEqualTo(4);
        // 氨 40 t (Q 10 t, β 2): S 4, R 2.0 · 8 = 16 → 三级
        assertThat(ammonia.path("r").decimalValue()).isEqualByComparingTo("16");
        assertThat(ammonia.path("grade").asInt()).isEqualTo(3);
        assertThat(api.get("qiye", "/api/enterprises/" + qiye).body().path("majorHazard").asBoolean()).isTrue();

        Map<String, Long> watched = new HashMap<>();
        api.get("qiye", "/api/devices?enterpriseId=" + qiye + "&size=100").body().path("content").valueStream()
                .filter(d -> !d.path("hazardSourceId").isNull() && !d.path("hazardSourceId").isMissingNode())
                .forEach(d -> watched.put(d.path("code").asString(), d.path("hazardSourceId").asLong()));
        assertThat(watched).containsEntry("YJ-QY-LVL-01", methanol.path("id").asLong())
                .containsEntry("YJ-QY-GAS-01", methanol.path("id").asLong())
                .containsEntry("YJ-QY-TOX-01", ammonia.path("id").asLong())
                .doesNotContainKey("YJ-QY-PRS-01");
        // every demo source with detectors: a tank-level or gas detector of the plant watches it
        assertThat(count("select count(distinct d.hazard_source_id) from device d join major_hazard_source s on s.id = d.hazard_source_id"
                + " where d.enterprise_id = s.enterprise_id")).isGreaterThanOrEqualTo(9);
        // another district sees neither the plant nor its sources
        assertThat(api.get("xihu", "/api/enterprises/" + qiye + "/hazard-sources").status()).isEqualTo(404);
    }
}
