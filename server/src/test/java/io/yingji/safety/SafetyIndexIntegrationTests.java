package io.yingji.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import org.junit.jupiter.api.Test;

class SafetyIndexIntegrationTests extends ApiTest {

    @Test
    void eachStreetOfGongshuHasItsIndexFromWhatIsStored() {
        Response streets = api.get("gongshu", "/api/safety-index");
        assertThat(streets.status()).isEqualTo(200);
        assertThat(streets.body().size()).isEqualTo(18);
        long enterprises = streets.body().valueStream().mapToLong(s -> s.path("enterprises").asLong()).sum();
        assertThat(enterprises).isEqualTo(count("select count(*) from enterprise where region_code like '330105%'"));
        long open = streets.body().valueStream().mapToLong(s -> s.path("openHazards").asLong()).sum();
        assertThat(open).isEqualTo(count("select count(*) from hazard where region_code like '330105%' "
                + "and length(region_code) > 6 and status not in ('CLOSED', 'DISMISSED')"));
        assertThat(streets.body().valueStream().map(s -> s.path("index").asDouble())).allMatch(i -> i >= 0 && i <= 100);
        assertThat(streets.body().valueStream().map(s -> s.path("band").asString())).allMatch(b -> b.matches("RED|ORANGE|YELLOW|BLUE"));
    }

    @Test
    void theCityComparesItsDistrictsAndNobodyLooksSideways() {
        assertThat(api.get("hangzhou", "/api/safety-index").body().size()).isEqualTo(13);
        assertThat(api.get("hangzhou", "/api/safety-index?regionCode=330105").body().size()).isEqualTo(18);
        assertThat(api.get("xihu", "/api/safety-index?regionCode=330105").status()).isEqualTo(404);
        assertThat(api.get("qiye", "/api/safety-index").status()).isEqualTo(403);
        assertThat(api.get("gongshu", "/api/safety-index?regionCode=33x").status()).isEqualTo(400);
    }

    /**
     * Each figure counts only what the caller may read: the streets' sums equal the totals of the
     * caller's own scoped lists (an industry department sees its industry only, never an alarm of a
     * device without enterprise).
     */
    @Test
    void theIndexCountsOnlyWhatTheCallerMayRead() {
        for (String user : java.util.List.of("gongshu", "zhujian", "jiaotong")) {
            Response streets = api.get(user, "/api/safety-index?regionCode=330105");
            assertThat(streets.status()).as(user).isEqualTo(200);
            long alarms = streets.body().valueStream().mapToLong(s -> s.path("openAlarms").asLong()).sum();
            assertThat(alarms).as("open alarms of %s", user)
                    .isEqualTo(api.get(user, "/api/alarms?open=true&regionCode=330105&size=1").body().path("totalElements").asLong());
            long enterprises = streets.body().valueStream().mapToLong(s -> s.path("enterprises").asLong()).sum();
            assertThat(enterprises).as("enterprises of %s", user)
                    .isEqualTo(api.get(user, "/api/enterprises?regionCode=330105&size=1").body().path("totalElements").asLong());
            long red = streets.body().valueStream().mapToLong(s -> s.path("redRisk").asLong()).sum();
            assertThat(red).as("red-risk enterprises of %s", user)
                    .isEqualTo(api.get(user, "/api/risk/levels?regionCode=330105").body().valueStream()
                            .filter(level -> level.asString().equals("RED")).count());
        }
        // the bureau sees open alarms where zhujian sees none of them
        assertThat(api.get("gongshu", "/api/alarms?open=true&size=1").body().path("totalElements").asLong()).isPositive();
    }
}
