package io.yingji.resource;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.AtOnce;
import io.yingji.support.DemoPlaces;
import io.yingji.support.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The nearest available help, against hand-computed distances and arrival times: a degree of latitude is
 * 6,371,008.8 m × π / 180 = 111,195 m on the mean sphere; road = straight × 1.4; teams drive at 40 km/h, supplies at
 * 35 km/h, people walk to a shelter at 4 km/h; minutes rounded, at least 1.
 */
class NearbyHelpIntegrationTests extends ApiTest {

    // a point in 米市巷街道; the resources stand due north of it, so distances are latitude differences alone
    private static final double LON = 120.1650;
    private static final double LAT = 30.2700;

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private long team(String name, double north, String status, List<String> capabilities) {
        Response created = api.post("gongshu", "/api/resources/teams", new HashMap<>(Map.of("name", name, "kind", "GRASSROOTS",
                "regionCode", DemoPlaces.MISHIXIANG, "longitude", LON, "latitude", LAT + north, "headcount", 25, "leader", "周队长",
                "leaderPhone", "13900139001", "status", status, "capabilities", capabilities)));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    private long shelter(String name, double north, int capacity, int occupancy, boolean open) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "level", "TOWNSHIP", "kind", "SCHOOL",
                "regionCode", DemoPlaces.MISHIXIANG, "address", "米市巷街道" + name, "longitude", LON, "latitude", LAT + north,
                "capacity", capacity, "occupancy", occupancy, "open", open));
        body.put("manager", "吴管理");
        body.put("managerPhone", "13900139002");
        Response created = api.post("gongshu", "/api/resources/shelters", body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    private long warehouse(String name, double north) {
        Response created = api.post("gongshu", "/api/resources/warehouses", new HashMap<>(Map.of("name", name, "level", "TOWNSHIP",
                "regionCode", DemoPlaces.MISHIXIANG, "ownership", "GOVERNMENT", "longitude", LON, "latitude", LAT + north,
                "keeper", "郑保管", "keeperPhone", "13900139003")));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    private long type(String code) {
        return jdbc.sql("select id from resource_supply_type where code = :c").param("c", code).query(Long.class).single();
    }

    private JsonNode nearby(String who, String query) {
        Response answer = api.get(who, "/api/resources/nearby?lon=" + LON + "&lat=" + LAT + "&limit=50&" + query);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body();
    }

    private static List<Long> ids(JsonNode answer, Set<Long> ours) {
        return answer.path("matches").valueStream().map(m -> m.path("id").asLong()).filter(ours::contains).toList();
    }

    @Test
    void theNearestStandbyTeamsWithTheCapabilityComeFirstWithTheirDistanceAndArrival() {
        long near = team("米市巷街道水上救援队", 0.009, "STANDBY", List.of("WATER_RESCUE"));
        long far = team("拱墅区防汛抢险队", 0.027, "STANDBY", List.of("WATER_RESCUE", "FLOOD"));
        long deployed = team("拱墅区冲锋舟分队", 0.0045, "DEPLOYED", List.of("WATER_RESCUE"));
        long medical = team("社区医疗救护队", 0.018, "STANDBY", List.of("MEDICAL"));
        Set<Long> ours = Set.of(near, far, deployed, medical);

        JsonNode answer = nearby("gongshu", "kind=team&need=WATER_RESCUE");
        assertThat(ids(answer, ours)).containsExactly(near, far);
        JsonNode first = answer.path("matches").valueStream().filter(m -> m.path("id").asLong() == near).findFirst().orElseThrow();
        // 0.009° of latitude = 1,000.75 m; by road 1,401 m; at 40 km/h 2.1 minutes → 2
        assertThat(first.path("distanceMetres").asLong()).isEqualTo(1001);
        assertThat(first.path("roadMetres").asLong()).isEqualTo(1401);
        assertThat(first.path("minutes").asLong()).isEqualTo(2);
        JsonNode second = answer.path("matches").valueStream().filter(m -> m.path("id").asLong() == far).findFirst().orElseThrow();
        // 0.027° = 3,002.26 m; by road 4,203 m; 6.3 minutes → 6
        assertThat(second.path("distanceMetres").asLong()).isEqualTo(3002);
        assertThat(second.path("minutes").asLong()).isEqualTo(6);
        assertThat(answer.path("estimate").asString()).isEqualTo("直线距离×绕行系数1.4，按40公里/小时估算（非实际路线）");
        // without a need every standby team counts
        assertThat(ids(nearby("gongshu", "kind=team"), ours)).containsExactly(near, medical, far);

        // sent out, a team is no longer suggested; ten dispatchers at once: one status change wins
        int version = api.get("gongshu", "/api/resources/teams/" + near).body().path("version").asInt();
        api.token("gongshu");
        AtOnce.exactlyOneWins(() -> api.put("gongshu", "/api/resources/teams/" + near + "/status",
                Map.of("status", "DEPLOYED", "version", version)));
        assertThat(ids(nearby("gongshu", "kind=team&need=WATER_RESCUE"), ours)).containsExactly(far);

        // another district is told nothing of them
        assertThat(ids(nearby("xihu", "kind=team"), ours)).isEmpty();
        assertThat(api.get("xihu", "/api/resources/teams/" + far).status()).isEqualTo(404);
        assertThat(api.put("xihu", "/api/resources/teams/" + far + "/status", Map.of("status", "RESTING")).status()).isEqualTo(404);
    }

    @Test
    void warehousesMustHoldEnoughUsableStockAndExpiredStockDoesNotCount() {
        long plenty = warehouse("米市巷街道北仓", 0.018);
        long little = warehouse("米市巷街道南仓", 0.009);
        long stale = warehouse("米市巷街道临时仓", 0.0045);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
        receive(plenty, "1010101", 10, today.minusDays(10), today.plusDays(900));
        receive(little, "1010101", 3, today.minusDays(10), today.plusDays(900));
        receive(stale, "1020101", 100, today.minusDays(360), today.plusDays(2));
        receive(plenty, "1020101", 50, today.minusDays(10), today.plusDays(300));
        Set<Long> ours = Set.of(plenty, little, stale);

        JsonNode tents = nearby("gongshu", "kind=warehouse&need=" + type("1010101") + "&quantity=5");
        assertThat(ids(tents, ours)).containsExactly(plenty);
        JsonNode match = tents.path("matches").valueStream().filter(m -> m.path("id").asLong() == plenty).findFirst().orElseThrow();
        assertThat(match.path("available").decimalValue().intValue()).isEqualTo(10);
        assertThat(match.path("unit").asString()).isEqualTo("顶");
        // 0.018° = 2,001.5 m; road 2,802 m; at 35 km/h 4.8 minutes → 5
        assertThat(match.path("minutes").asLong()).isEqualTo(5);
        assertThat(ids(nearby("gongshu", "kind=warehouse&need=" + type("1010101")), ours)).containsExactly(little, plenty);
        assertThat(ids(nearby("gongshu", "kind=warehouse&need=" + type("1020101") + "&quantity=60"), ours)).containsExactly(stale);

        clock.advance(Duration.ofDays(3));
        api = new Api(port);
        // the temporary store's water has expired: the north store's 50 are what is left
        assertThat(ids(nearby("gongshu", "kind=warehouse&need=" + type("1020101") + "&quantity=60"), ours)).isEmpty();
        assertThat(ids(nearby("gongshu", "kind=warehouse&need=" + type("1020101") + "&quantity=50"), ours)).containsExactly(plenty);
    }

    private void receive(long warehouse, String code, int quantity, LocalDate produced, LocalDate expires) {
        Response received = api.post("gongshu", "/api/resources/warehouses/" + warehouse + "/receipts", Map.of("supplyTypeId", type(code),
                "batchNo", "N-" + warehouse + "-" + code, "quantity", quantity, "source", "PURCHASE", "producedOn", produced.toString(),
                "expiresOn", expires.toString()));
        assertThat(received.status()).as(received.body().toString()).isEqualTo(200);
    }

    @Test
    void openSheltersWithFreePlacesAreSuggestedToPeopleOnFoot() {
        long full = shelter("米市巷小学", 0.0045, 100, 100, true);
        long roomy = shelter("米市巷街道文体中心", 0.009, 200, 50, true);
        long closed = shelter("大塘巷社区文化家园", 0.0027, 80, 0, false);
        Set<Long> ours = Set.of(full, roomy, closed);
        JsonNode answer = nearby("gongshu", "kind=shelter&quantity=20");
        assertThat(ids(answer, ours)).containsExactly(roomy);
        JsonNode match = answer.path("matches").valueStream().filter(m -> m.path("id").asLong() == roomy).findFirst().orElseThrow();
        assertThat(match.path("free").asInt()).isEqualTo(150);
        // 1,401 m by road on foot at 4 km/h: 21.0 minutes
        assertThat(match.path("minutes").asLong()).isEqualTo(21);
        assertThat(answer.path("estimate").asString()).contains("按4公里/小时");

        // the officer at the door: more people than places, or closing with people inside, are refused
        assertThat(api.put("gongshu", "/api/resources/shelters/" + roomy + "/occupancy", Map.of("occupancy", 201)).status()).isEqualTo(400);
        Response closing = api.put("gongshu", "/api/resources/shelters/" + roomy + "/occupancy", Map.of("open", false));
        assertThat(closing.status()).isEqualTo(400);
        assertThat(closing.detail()).isNotBlank();
        assertThat(api.put("gongshu", "/api/resources/shelters/" + roomy + "/occupancy", Map.of("occupancy", 190)).body()
                .path("free").asInt()).isEqualTo(10);
        assertThat(ids(nearby("gongshu", "kind=shelter&quantity=20"), ours)).isEmpty();
        // shelters are the government's: an enterprise account neither sees nor changes them
        assertThat(api.get("qiye", "/api/resources/shelters/" + roomy).status()).isEqualTo(404);
        assertThat(api.put("qiye", "/api/resources/shelters/" + roomy + "/occupancy", Map.of("occupancy", 1)).status()).isEqualTo(403);
        assertThat(api.get("xihu", "/api/resources/shelters/" + roomy).status()).isEqualTo(404);
    }

    @Test
    void aQuestionWithoutAPlaceOrKindIsRefusedInChinese() {
        Response noPlace = api.get("gongshu", "/api/resources/nearby?kind=team");
        assertThat(noPlace.status()).isEqualTo(400);
        assertThat(noPlace.errorFields()).containsExactly("lon");
        assertThat(api.get("gongshu", "/api/resources/nearby?lon=200&lat=30&kind=team").errorFields()).containsExactly("lon");
        assertThat(api.get("gongshu", "/api/resources/nearby?lon=-74&lat=40.7&kind=team").errorFields()).containsExactly("lon");
        Response kind = api.get("gongshu", "/api/resources/nearby?lon=120.16&lat=30.27&kind=boat");
        assertThat(kind.errorFields()).containsExactly("kind");
        assertThat(kind.body().path("errors").get(0).path("message").asString()).startsWith("请选择要找的资源");
        assertThat(api.get("gongshu", "/api/resources/nearby?lon=120.16&lat=30.27&kind=warehouse").errorFields()).containsExactly("need");
        assertThat(api.get("gongshu", "/api/resources/nearby?lon=120.16&lat=30.27&kind=team&need=FLYING").errorFields()).containsExactly("need");
        assertThat(api.get("gongshu", "/api/resources/nearby?lon=120.16&lat=30.27&kind=team&limit=51").errorFields()).containsExactly("limit");
        Response badTeam = api.post("gongshu", "/api/resources/teams", Map.of("name", "", "kind", "ARMY", "capabilities", List.of("FLYING")));
        assertThat(badTeam.errorFields()).contains("name", "kind", "regionCode", "longitude", "headcount", "leader", "leaderPhone",
                "capabilities[0]");
    }
}
