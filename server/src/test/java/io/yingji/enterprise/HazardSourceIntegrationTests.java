package io.yingji.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.Enterprises;
import io.yingji.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HazardSourceIntegrationTests extends ApiTest {

    private long newEnterprise() {
        return api.post("gongshu", "/api/enterprises", Enterprises.inGongshu()).body().path("id").asLong();
    }

    @Test
    void gradesASourceFromItsChemicalsAndMarksTheEnterprise() {
        long id = newEnterprise();
        // ammonia 25 t (Q 10, β 2) + chlorine 5 t (Q 5, β 4), 120 people: S = 3.5, R = 2.0 · (5 + 4) = 18 → 三级
        Response created = api.post("gongshu", "/api/enterprises/" + id + "/hazard-sources", Map.of(
                "name", "液氨液氯储罐区", "exposedPeople", 120, "chemicals", List.of(
                        Map.of("chemical", "AMMONIA", "quantity", 25), Map.of("chemical", "CHLORINE", "quantity", 5))));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("s").decimalValue()).isEqualByComparingTo("3.5");
        assertThat(created.body().path("r").decimalValue()).isEqualByComparingTo("18");
        assertThat(created.body().path("grade").asInt()).isEqualTo(3);
        assertThat(api.get("gongshu", "/api/enterprises/" + id).body().path("majorHazard").asBoolean()).isTrue();
        assertThat(api.get("gongshu", "/api/enterprises?majorHazard=true&q=" + created.body().path("enterpriseId").asLong()).status())
                .isEqualTo(200);
        assertThat(api.get("qiye", "/api/enterprises/" + id + "/hazard-sources").status()).isEqualTo(404);
    }

    @Test
    void belowCriticalQuantitiesIsRecordedButNotMajor() {
        long id = newEnterprise();
        Response created = api.post("gongshu", "/api/enterprises/" + id + "/hazard-sources", Map.of(
                "name", "甲醇中间罐", "exposedPeople", 0, "chemicals", List.of(Map.of("chemical", "METHANOL", "quantity", 100))));
        assertThat(created.body().path("major").asBoolean()).isFalse();
        assertThat(created.body().path("grade").isNull()).isTrue();
        assertThat(api.get("gongshu", "/api/enterprises/" + id).body().path("majorHazard").asBoolean()).isFalse();
    }

    @Test
    void badSourcesAreRefusedWithEveryReasonAndNothingWritten() {
        long id = newEnterprise();
        long before = jdbc.sql("select count(*) from major_hazard_source").query(Long.class).single();
        Response response = api.post("gongshu", "/api/enterprises/" + id + "/hazard-sources", Map.of(
                "name", "", "exposedPeople", -1, "chemicals", List.of(
                        Map.of("chemical", "UNOBTAINIUM", "quantity", 1), Map.of("chemical", "AMMONIA", "quantity", -3))));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("name", "exposedPeople", "chemicals[0].chemical",
                "chemicals[1].quantity");
        assertThat(jdbc.sql("select count(*) from major_hazard_source").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void theCatalogueListsCriticalQuantities() {
        Response chemicals = api.get("qiye", "/api/hazardous-chemicals");
        assertThat(chemicals.body().valueStream().filter(c -> c.path("code").asString().equals("PHOSGENE")).findFirst()
                .orElseThrow().path("criticalQuantity").decimalValue()).isEqualByComparingTo("0.3");
    }

    @Test
    void removingASourceNeedsScopeAndPermission() {
        long id = newEnterprise();
        long source = api.post("gongshu", "/api/enterprises/" + id + "/hazard-sources", Map.of(
                "name", "汽油储罐", "exposedPeople", 10, "chemicals", List.of(Map.of("chemical", "GASOLINE", "quantity", 300))))
                .body().path("id").asLong();
        assertThat(api.delete("xihu", "/api/enterprises/" + id + "/hazard-sources/" + source).status()).isEqualTo(404);
        assertThat(api.delete("wangge", "/api/enterprises/" + id + "/hazard-sources/" + source).status()).isIn(403, 404);
        assertThat(api.delete("gongshu", "/api/enterprises/" + id + "/hazard-sources/" + source).status()).isEqualTo(204);
        assertThat(api.delete("gongshu", "/api/enterprises/" + id + "/hazard-sources/" + source).status()).isEqualTo(404);
    }
}
