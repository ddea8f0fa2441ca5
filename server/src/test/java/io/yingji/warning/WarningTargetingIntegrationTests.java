package io.yingji.warning;

import io.yingji.support.DemoPlaces;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.MutableClock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * Targeting: a published warning reaches the staff (到岗到人) and, for an Actual public warning, the
 * registered public of its areas — regions by subtree, polygons and circles by location — recorded per
 * group and queued for delivery; the compose page's live count; the contact directory and the public's
 * registration, with scope and bad input.
 */
class WarningTargetingIntegrationTests extends ApiTest {

    static final String MISHIXIANG = DemoPlaces.MISHIXIANG;

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    Map<String, Object> warning(String status, List<Map<String, Object>> areas) {
        Map<String, Object> body = new HashMap<>();
        body.put("level", "ORANGE");
        body.put("status", status);
        body.put("scope", "Public");
        body.put("category", "Met");
        body.put("event", "暴雨");
        body.put("urgency", "Expected");
        body.put("certainty", "Likely");
        body.put("headline", "米市巷街道暴雨橙色预警");
        body.put("description", "预计未来3小时内将出现50毫米以上降水。");
        body.put("instruction", "请远离低洼地带，地下车库车辆及时转移。");
        body.put("expires", OffsetDateTime.now(clock).plusHours(6).truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("areas", areas);
        return body;
    }

    long publish(Map<String, Object> body) {
        return publish("mishixiang", "gongshu", body);
    }

    long publish(String drafter, String approver, Map<String, Object> body) {
        Response created = api.post(drafter, "/api/warnings", body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        long id = created.body().path("id").asLong();
        assertThat(api.post(drafter, "/api/warnings/" + id + "/submit", Map.of()).status()).isEqualTo(200);
        Response approved = api.post(approver, "/api/warnings/" + id + "/approve", Map.of());
        assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);
        return id;
    }

    /** Waits for the listener (after the publishing commit) to record the targeting. */
    void awaitTargeted(long id) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (count("select count(*) from warning_targeting where warning_id = " + id) == 0) {
            assertThat(System.nanoTime()).as("warning %d targeted in time", id).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    int group(JsonNode audience, String which, String group) {
        return audience.path("groups").valueStream()
                .filter(g -> g.path("audience").asString().equals(which) && g.path("group").asString().equals(group))
                .mapToInt(g -> g.path("targeted").asInt()).sum();
    }

    long campaignTargets(String source) {
        return count("select coalesce(sum(targets), 0) from delivery_campaign where source = '" + source + "'");
    }

    @Test
    void anActualPublicWarningReachesTheStaffAndThePublicOfItsRegionsSubtree() throws Exception {
        long villages = count("select count(*) from warning_contact where grp = '村级责任人' and region_code like '" + MISHIXIANG + "%'");
        long citizens = count("select count(*) from warning_contact where grp = '公众' and region_code like '" + MISHIXIANG + "%'");
        assertThat(villages).as("demo village responsible persons").isPositive();
        assertThat(citizens).as("demo registered public").isPositive();

        // live count while composing
        Response preview = api.post("mishixiang", "/api/warnings/audience", warning("Actual", List.of(Map.of("kind", "REGION", "regionCode", MISHIXIANG))));
        assertThat(preview.status()).as(preview.body().toString()).isEqualTo(200);
        assertThat(preview.body().path("recorded").asBoolean()).isFalse();
        assertThat(group(preview.body(), "STAFF", WarningContacts.VILLAGE_RESPONSIBLE)).isEqualTo(villages);
        assertThat(group(preview.body(), "PUBLIC", WarningContacts.PUBLIC)).isEqualTo(citizens);

        long id = publish(warning("Actual", List.of(Map.of("kind", "REGION", "regionCode", MISHIXIANG))));
        awaitTargeted(id);
        JsonNode audience = api.get("gongshu", "/api/warnings/" + id + "/audience").body();
        assertThat(audience.path("recorded").asBoolean()).isTrue();
        assertThat(group(audience, "STAFF", WarningContacts.VILLAGE_RESPONSIBLE)).isEqualTo(villages);
        assertThat(group(audience, "STAFF", WarningContacts.SCHOOL)).isPositive();
        // the demo's terminal of the township by name (other tests add terminals of their own)
        assertThat(staffNames(id)).contains("米市巷街道应急广播");
        assertThat(group(audience, "STAFF", "乡镇(街道)责任人")).as("the township station's accounts").isPositive();
        assertThat(group(audience, "PUBLIC", WarningContacts.PUBLIC)).isEqualTo(citizens);
        assertThat(audience.path("staff").asInt() + audience.path("publicTargets").asInt())
                .isEqualTo(campaignTargets("warning:" + id + ":staff") + campaignTargets("warning:" + id + ":public"));

        // queued: the staff asked to acknowledge, the public not; the township account is among the staff
        assertThat(count("select count(*) from delivery_campaign where source = 'warning:" + id + ":staff' and ack_required")).isEqualTo(1);
        assertThat(count("select count(*) from delivery_campaign where source = 'warning:" + id + ":public' and not ack_required")).isEqualTo(1);
        long mishixiang = api.get("mishixiang", "/api/me").body().path("id").asLong();
        assertThat(count("select count(*) from delivery_target t join delivery_campaign c on c.id = t.campaign_id where c.source = 'warning:"
                + id + ":staff' and t.user_id = " + mishixiang)).isEqualTo(1);
        // nobody of another district
        assertThat(count("select count(*) from delivery_target t join delivery_campaign c on c.id = t.campaign_id where c.source like 'warning:"
                + id + ":%' and t.region_code not like '" + MISHIXIANG + "%'")).isZero();
        // and the bell
        assertThat(api.get("mishixiang", "/api/notifications?size=50").body().path("content").valueStream()
                .anyMatch(n -> n.path("link").asString().equals("/warnings/" + id))).isTrue();

        // coverage rolled up from villages to the township, and to the county: the same people, fewer rows
        String coverage = "/api/notifications/campaigns/warning:" + id + ":staff/coverage";
        JsonNode byVillage = api.get("gongshu", coverage).body();
        JsonNode byTownship = api.get("gongshu", coverage + "?by=township").body();
        JsonNode byCounty = api.get("gongshu", coverage + "?by=county").body();
        assertThat(byVillage.path("regions").size()).isGreaterThan(1);
        assertThat(byTownship.path("regions").valueStream().map(r -> r.path("regionCode").asString())).containsExactly(MISHIXIANG);
        assertThat(byCounty.path("regions").valueStream().map(r -> r.path("regionCode").asString())).containsExactly("330105");
        long targeted = byVillage.path("total").path("targeted").asLong();
        assertThat(byTownship.path("regions").get(0).path("figures").path("targeted").asLong()).isEqualTo(targeted);
        assertThat(byTownship.path("channels").valueStream().mapToLong(ch -> ch.path("targeted").asLong()).sum())
                .isEqualTo(byVillage.path("channels").valueStream().mapToLong(ch -> ch.path("targeted").asLong()).sum());
        Response badRollUp = api.get("gongshu", coverage + "?by=province");
        assertThat(badRollUp.status()).isEqualTo(400);
        assertThat(badRollUp.body().toString()).contains("汇总层级“province”无效");

        // another district's bureau does not know the warning
        assertThat(api.get("xihu", "/api/warnings/" + id + "/audience").status()).isEqualTo(404);
    }

    @Test
    void cancellingAWarningEndsItsDeliveryAndTellsTheSamePeople() throws Exception {
        long id = publish(warning("Actual", List.of(Map.of("kind", "REGION", "regionCode", MISHIXIANG))));
        awaitTargeted(id);
        long queued = count("select count(*) from delivery_task t join delivery_campaign c on c.id = t.campaign_id where c.source like 'warning:"
                + id + ":%' and t.status = 'QUEUED'");
        assertThat(queued).as("the tests' dispatcher is off: all still queued").isPositive();
        Response cancel = api.post("gongshu", "/api/warnings/" + id + "/cancel", Map.of("reason", "降雨已减弱"));
        assertThat(cancel.status()).as(cancel.body().toString()).isEqualTo(201);
        long cancelId = cancel.body().path("id").asLong();
        awaitTargeted(cancelId);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (count("select count(*) from delivery_campaign where source like 'warning:" + id + ":%' and closed_at is null") > 0) {
            assertThat(System.nanoTime()).as("old campaigns closed in time").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(count("select count(*) from delivery_task t join delivery_campaign c on c.id = t.campaign_id where c.source like 'warning:"
                + id + ":%' and t.status = 'CANCELLED'")).isEqualTo(queued);
        // the Cancel goes to the same people, and asks nobody to acknowledge
        assertThat(campaignTargets("warning:" + cancelId + ":staff") + campaignTargets("warning:" + cancelId + ":public"))
                .isEqualTo(campaignTargets("warning:" + id + ":staff") + campaignTargets("warning:" + id + ":public"));
        assertThat(count("select count(*) from delivery_campaign where source = 'warning:" + cancelId + ":staff' and title like '【解除·%' and not ack_required"))
                .isEqualTo(1);
    }

    List<Long> targetAccounts(long warningId) {
        return jdbc.sql("select t.user_id from delivery_target t join delivery_campaign c on c.id = t.campaign_id where c.source like :s"
                        + " and t.user_id is not null order by t.user_id")
                .param("s", "warning:" + warningId + ":%").query(Long.class).list();
    }

    long userId(String username) {
        return jdbc.sql("select id from app_user where username = :u").param("u", username).query(Long.class).single();
    }

    @Test
    void aTestMessageReachesOnlyTheIssuingOfficeAndWhoeverDraftedAndApprovedIt() throws Exception {
        // the township station's own accounts (placed at 米市巷街道 itself, not its villages' grid workers) and the approver
        List<Long> office = jdbc.sql("""
                select distinct u.id from app_user u join user_role ur on ur.user_id = u.id
                 where u.region_code = :r and u.enabled and u.enterprise_id is null and ur.role_code in ('BUREAU', 'TOWNSHIP')""")
                .param("r", MISHIXIANG).query(Long.class).list();
        assertThat(office).contains(userId("mishixiang"));
        Response preview = api.post("mishixiang", "/api/warnings/audience", warning("Test", List.of(Map.of("kind", "REGION", "regionCode", MISHIXIANG))));
        assertThat(preview.body().path("staff").asInt()).isEqualTo(office.size());
        assertThat(preview.body().path("publicTargets").asInt()).isZero();

        long id = publish(warning("Test", List.of(Map.of("kind", "REGION", "regionCode", MISHIXIANG))));
        awaitTargeted(id);
        List<Long> expected = new java.util.ArrayList<>(office);
        expected.add(userId("gongshu"));
        assertThat(targetAccounts(id)).containsExactlyInAnyOrderElementsOf(expected).doesNotContain(userId("wangge"));
        // nobody else: no directory entry, no safety manager, no public
        assertThat(names(id)).hasSize(expected.size());
        assertThat(count("select count(*) from delivery_campaign where source = 'warning:" + id + ":public'")).isZero();
        assertThat(count("select count(*) from delivery_campaign where source = 'warning:" + id + ":staff' and title like '【测试·%'"))
                .isEqualTo(1);
    }

    @Test
    void aPrivateMessageReachesOnlyItsAddressees() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String school = "13700" + (100000 + (int) (Math.random() * 899999));
        String citizen = "13701" + (100000 + (int) (Math.random() * 899999));
        assertThat(api.post("mishixiang", "/api/warning-contacts", Map.of("group", "学校", "name", "定向小学" + tag, "regionCode", MISHIXIANG,
                "mobile", school)).status()).isEqualTo(201);
        assertThat(api.post("mishixiang", "/api/warning-contacts", Map.of("group", "公众", "name", "居民" + tag, "regionCode", MISHIXIANG,
                "mobile", citizen)).status()).isEqualTo(201);
        Map<String, Object> body = warning("Actual", List.of(Map.of("kind", "REGION", "regionCode", MISHIXIANG)));
        body.put("scope", "Private");
        // a grid worker by username, a school by mobile; another district's account, a member of the public and a
        // free-text address reach nobody
        body.put("addresses", List.of("wangge", school, "xihu", citizen, "米市巷 值班室"));
        Response preview = api.post("mishixiang", "/api/warnings/audience", body);
        assertThat(preview.body().path("staff").asInt()).isEqualTo(2);
        assertThat(preview.body().path("publicTargets").asInt()).isZero();

        long id = publish(body);
        awaitTargeted(id);
        assertThat(names(id)).containsExactlyInAnyOrder("大塘巷社区网格员 孙海涛", "定向小学" + tag);
        assertThat(targetAccounts(id)).containsExactly(userId("wangge"));
        assertThat(count("select count(*) from delivery_campaign where source = 'warning:" + id + ":public'")).isZero();
    }

    @Test
    void anExerciseReachesExactlyTheStaffAnActualWarningWouldAndNeverThePublic() throws Exception {
        long actual = publish(warning("Actual", List.of(Map.of("kind", "REGION", "regionCode", MISHIXIANG))));
        long id = publish(warning("Exercise", List.of(Map.of("kind", "REGION", "regionCode", MISHIXIANG))));
        awaitTargeted(actual);
        awaitTargeted(id);
        assertThat(staffNames(id)).isNotEmpty().containsExactlyInAnyOrderElementsOf(staffNames(actual));
        assertThat(campaignTargets("warning:" + actual + ":public")).isPositive();
        JsonNode audience = api.get("gongshu", "/api/warnings/" + id + "/audience").body();
        assertThat(audience.path("staff").asInt()).isPositive();
        assertThat(audience.path("publicTargets").asInt()).isZero();
        assertThat(count("select count(*) from delivery_campaign where source = 'warning:" + id + ":public'")).isZero();
        assertThat(count("select count(*) from delivery_campaign where source = 'warning:" + id + ":staff' and title like '【演练·%'")
                ).isEqualTo(1);
    }

    @Test
    void circlesAndPolygonsTakeThePlacesInsideThemAndNotThoseOutside() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        // two schools 0.5 km and 3 km east of a point in 米市巷街道 (lat 30.30, lon 120.16; 0.01° lon ≈ 0.96 km there)
        assertThat(api.post("mishixiang", "/api/warning-contacts", Map.of("group", "学校", "name", "近处小学" + tag, "regionCode", MISHIXIANG,
                "mobile", "13900" + (100000 + (int) (Math.random() * 899999)), "longitude", 120.1652, "latitude", 30.30)).status()).isEqualTo(201);
        assertThat(api.post("mishixiang", "/api/warning-contacts", Map.of("group", "学校", "name", "远处小学" + tag, "regionCode", MISHIXIANG,
                "mobile", "13900" + (100000 + (int) (Math.random() * 899999)), "longitude", 120.1913, "latitude", 30.30)).status()).isEqualTo(201);

        long circle = publish(warning("Actual", List.of(Map.of("kind", "CIRCLE", "circle", "30.30,120.16 1", "areaDesc", "化工厂周边1公里"))));
        awaitTargeted(circle);
        assertThat(names(circle)).contains("近处小学" + tag).doesNotContain("远处小学" + tag);

        // east of 米市巷街道's extent: the district draws it
        long polygon = publish("gongshu", "hangzhou", warning("Actual", List.of(Map.of("kind", "POLYGON", "areaDesc", "运河以东",
                "polygon", "30.29,120.18 30.29,120.20 30.31,120.20 30.31,120.18 30.29,120.18"))));
        awaitTargeted(polygon);
        assertThat(names(polygon)).contains("远处小学" + tag).doesNotContain("近处小学" + tag);
    }

    /**
     * A neighbourhood of 米市巷街道 whose every person, place and terminal carries the same unique tag, so a test can
     * say by name exactly who of them a warning reaches. Its two drawn areas lie in different villages:
     * <ul>
     *   <li>{@link #NORTH_WEST_TRIANGLE} in 大塘巷社区 (the north-west village), a right triangle whose long side
     *       cuts its bounding box in two — a place in the box but across that side is outside;</li>
     *   <li>{@link #SOUTH_EAST_CIRCLE}, 200 m around a point of 夹城巷社区 (the south-east village) — a place 220 m
     *       away, still in the circle's box, is outside.</li>
     * </ul>
     * The people without a location are found by their region: their village when the area touches its extent,
     * the township's own (the issuing region) for any area drawn in it. Outside the township: 湖墅街道 next door and
     * 西湖区.
     */
    record Neighbourhood(String tag,
                         String nursingHomeInTriangle, String nursingHomeJustOutsideTriangle, String safetyManagerInTriangle,
                         String citizenInTriangle, String villageResponsibleOfDatangxiang, String villageResponsibleOfZhuertan,
                         String schoolInCircle, String schoolJustOutsideCircle, String constructionSiteInCircle,
                         String safetyManagerInCircle, String citizenInCircle, String broadcastOfJiachengxiang,
                         String rescueLeaderOfTheTownship, String citizenOfZuojiaxincun,
                         String rescueLeaderOfXihu, String nursingHomeOfHushu, String safetyManagerOfHushu, String citizenOfHushu) {

        /** Everyone of the neighbourhood, by name. */
        List<String> names() {
            return List.of(nursingHomeInTriangle, nursingHomeJustOutsideTriangle, safetyManagerInTriangle, citizenInTriangle,
                    villageResponsibleOfDatangxiang, villageResponsibleOfZhuertan, schoolInCircle, schoolJustOutsideCircle,
                    constructionSiteInCircle, safetyManagerInCircle, citizenInCircle, broadcastOfJiachengxiang,
                    rescueLeaderOfTheTownship, citizenOfZuojiaxincun, rescueLeaderOfXihu, nursingHomeOfHushu, safetyManagerOfHushu,
                    citizenOfHushu);
        }
    }

    /** CAP polygon (lat,lon pairs): corners 30.289,120.156 · 30.289,120.159 · 30.294,120.156 in 大塘巷社区. */
    static final String NORTH_WEST_TRIANGLE = "30.2890,120.1560 30.2890,120.1590 30.2940,120.1560 30.2890,120.1560";
    /** CAP circle: 200 m around 30.2835,120.1625 in 夹城巷社区 (its box touches no other village). */
    static final String SOUTH_EAST_CIRCLE = "30.2835,120.1625 0.2";

    static final String DATANGXIANG = DemoPlaces.DATANGXIANG;
    static final String ZUOJIAXINCUN = DemoPlaces.MISHI;
    static final String ZHUERTAN = DemoPlaces.SHENTANGQIAO;
    static final String JIACHENGXIANG = DemoPlaces.JIACHENGXIANG;
    static final String HUSHU = DemoPlaces.HUSHU;
    static final String XIHU = DemoPlaces.XIHU;

    /** The demo accounts a 米市巷街道 warning may reach, or must not: the township station, a grid worker, the district bureau. */
    static final String TOWNSHIP_STATION = "米市巷街道应急管理站 赵晓燕";
    static final String DATANGXIANG_GRID_WORKER = "大塘巷社区网格员 孙海涛";
    static final String DISTRICT_BUREAU = "拱墅区应急管理局 王丽华";
    static final String TOWNSHIP_GROUP = "乡镇(街道)责任人";
    static final String GRID_GROUP = "村(社区)网格员";
    static final String SAFETY_MANAGER_GROUP = "企业安全管理员";

    /** Mobile numbers no demo entry uses (the demo's are 1990000xxxx), distinct within the run: nobody is merged with anyone. */
    static final java.util.concurrent.atomic.AtomicInteger MOBILES = new java.util.concurrent.atomic.AtomicInteger((int) (Math.random() * 900_000));

    static String freshMobile() {
        return String.format("19911%06d", MOBILES.incrementAndGet());
    }

    Neighbourhood neighbourhood() {
        String t = UUID.randomUUID().toString().substring(0, 6);
        String citizensClient = io.yingji.support.ClientAddresses.fresh();
        return new Neighbourhood(t,
                placeAt("mishixiang", WarningContacts.NURSING_HOME, "颐养院甲" + t, DATANGXIANG, 120.1570, 30.2905),
                placeAt("mishixiang", WarningContacts.NURSING_HOME, "颐养院乙" + t, DATANGXIANG, 120.1585, 30.2930),
                safetyManagerOfEnterpriseAt("安全员甲" + t, "三角区机械厂" + t, MISHIXIANG, 120.1565, 30.2895),
                citizenRegisteredAt(citizensClient, "居民甲" + t, DATANGXIANG, 120.1575, 30.2900),
                personIn("mishixiang", WarningContacts.VILLAGE_RESPONSIBLE, "大塘巷社区责任人" + t, DATANGXIANG),
                personIn("mishixiang", WarningContacts.VILLAGE_RESPONSIBLE, "珠儿潭社区责任人" + t, ZHUERTAN),
                placeAt("mishixiang", WarningContacts.SCHOOL, "小学甲" + t, JIACHENGXIANG, 120.1630, 30.2840),
                placeAt("mishixiang", WarningContacts.SCHOOL, "小学乙" + t, JIACHENGXIANG, 120.1640, 30.2850),
                placeAt("mishixiang", WarningContacts.CONSTRUCTION_SITE, "夹城巷工地" + t, JIACHENGXIANG, 120.1620, 30.2830),
                safetyManagerOfEnterpriseAt("安全员乙" + t, "圆区电子厂" + t, MISHIXIANG, 120.1630, 30.2830),
                citizenRegisteredAt(citizensClient, "居民乙" + t, JIACHENGXIANG, 120.1615, 30.2838),
                broadcastTerminalIn("夹城巷应急广播" + t, JIACHENGXIANG),
                personIn("mishixiang", WarningContacts.RESCUE_LEADER, "米市巷救援队长" + t, MISHIXIANG),
                citizenRegisteredAt(citizensClient, "居民丙" + t, ZUOJIAXINCUN, 120.1630, 30.2900),
                personIn("xihu", WarningContacts.RESCUE_LEADER, "西湖区救援队长" + t, XIHU),
                placeAt("gongshu", WarningContacts.NURSING_HOME, "湖墅颐养院" + t, HUSHU, 120.1500, 30.2900),
                safetyManagerOfEnterpriseAt("安全员丙" + t, "湖墅制衣厂" + t, HUSHU, 120.1500, 30.2900),
                citizenRegisteredAt(citizensClient, "居民丁" + t, HUSHU, 120.1500, 30.2900));
    }

    /** A place with a location (school, nursing home, construction site), entered by {@code keeper}; answers its name. */
    String placeAt(String keeper, String group, String name, String regionCode, double longitude, double latitude) {
        return entry(keeper, Map.of("group", group, "name", name, "regionCode", regionCode, "mobile", freshMobile(),
                "longitude", longitude, "latitude", latitude));
    }

    /** A person without a location, found by their region; answers the name. */
    String personIn(String keeper, String group, String name, String regionCode) {
        return entry(keeper, Map.of("group", group, "name", name, "regionCode", regionCode, "mobile", freshMobile()));
    }

    /** An emergency broadcast terminal (no mobile, no location). */
    String broadcastTerminalIn(String name, String regionCode) {
        return entry("mishixiang", Map.of("group", WarningContacts.BROADCAST, "name", name, "regionCode", regionCode,
                "broadcastTerminal", "GB-" + name.hashCode()));
    }

    private String entry(String keeper, Map<String, Object> body) {
        Response added = api.post(keeper, "/api/warning-contacts", body);
        assertThat(added.status()).as(added.body().toString()).isEqualTo(201);
        return (String) body.get("name");
    }

    /** A member of the public registering themselves (no login) where they live; answers the name. */
    String citizenRegisteredAt(String client, String name, String regionCode, double longitude, double latitude) {
        Response registered = api.send(HttpMethod.POST, "/public/warning-subscriptions", null, Map.of("name", name, "mobile", freshMobile(),
                "regionCode", regionCode, "longitude", longitude, "latitude", latitude), from(client));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        return name;
    }

    /** An enterprise registered by the district at a spot; answers its safety manager as a target is named. */
    String safetyManagerOfEnterpriseAt(String manager, String enterprise, String regionCode, double longitude, double latitude) {
        Map<String, Object> body = io.yingji.support.Enterprises.enterprise(regionCode, longitude, latitude, enterprise);
        body.put("name", enterprise);
        body.put("safetyManager", manager);
        body.put("safetyManagerPhone", freshMobile());
        Response created = api.post("gongshu", "/api/enterprises", body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return manager + "（" + enterprise + "）";
    }

    static String staff(String group, String name) {
        return "STAFF " + group + " " + name;
    }

    static String citizen(String name) {
        return "PUBLIC " + WarningContacts.PUBLIC + " " + name;
    }

    /** Who of the neighbourhood and of the watched demo accounts a warning's delivery campaigns hold, with audience and group. */
    List<String> reachedOf(Neighbourhood n, long warningId) {
        Set<String> watched = new java.util.HashSet<>(n.names());
        watched.addAll(List.of(TOWNSHIP_STATION, DATANGXIANG_GRID_WORKER, DISTRICT_BUREAU));
        return jdbc.sql("""
                        select c.source, t.grp, t.name from delivery_target t join delivery_campaign c on c.id = t.campaign_id
                         where c.source like :s""")
                .param("s", "warning:" + warningId + ":%")
                .query((rs, i) -> List.of(rs.getString(1).endsWith(":public") ? "PUBLIC" : "STAFF", rs.getString(2), rs.getString(3)))
                .list().stream().filter(row -> watched.contains(row.get(2))).map(row -> String.join(" ", row)).toList();
    }

    @Test
    void aRegionAreaReachesEveryKindOfPersonPlacedInItsSubtreeWhereverTheyStandAndNobodyOutsideIt() throws Exception {
        Neighbourhood n = neighbourhood();

        long id = publish(warning("Actual", List.of(Map.of("kind", "REGION", "regionCode", MISHIXIANG))));
        awaitTargeted(id);

        assertThat(reachedOf(n, id)).containsExactlyInAnyOrder(
                staff(TOWNSHIP_GROUP, TOWNSHIP_STATION),
                staff(GRID_GROUP, DATANGXIANG_GRID_WORKER),
                staff(WarningContacts.VILLAGE_RESPONSIBLE, n.villageResponsibleOfDatangxiang()),
                staff(WarningContacts.VILLAGE_RESPONSIBLE, n.villageResponsibleOfZhuertan()),
                staff(WarningContacts.RESCUE_LEADER, n.rescueLeaderOfTheTownship()),
                staff(SAFETY_MANAGER_GROUP, n.safetyManagerInTriangle()),
                staff(SAFETY_MANAGER_GROUP, n.safetyManagerInCircle()),
                staff(WarningContacts.NURSING_HOME, n.nursingHomeInTriangle()),
                staff(WarningContacts.NURSING_HOME, n.nursingHomeJustOutsideTriangle()),
                staff(WarningContacts.SCHOOL, n.schoolInCircle()),
                staff(WarningContacts.SCHOOL, n.schoolJustOutsideCircle()),
                staff(WarningContacts.CONSTRUCTION_SITE, n.constructionSiteInCircle()),
                staff(WarningContacts.BROADCAST, n.broadcastOfJiachengxiang()),
                citizen(n.citizenInTriangle()),
                citizen(n.citizenInCircle()),
                citizen(n.citizenOfZuojiaxincun()));
        // not reached, though in the same district or the same city: 湖墅街道's nursing home, enterprise and citizen,
        // 西湖区's rescue team leader, and the district bureau that approved the warning
    }

    @Test
    void aPolygonReachesThePlacesInsideItAndThePeopleOfTheVillagesAndTownshipItTouches() throws Exception {
        Neighbourhood n = neighbourhood();

        long id = publish(warning("Actual", List.of(Map.of("kind", "POLYGON", "areaDesc", "大塘巷西北三角地块", "polygon", NORTH_WEST_TRIANGLE))));
        awaitTargeted(id);

        assertThat(reachedOf(n, id)).containsExactlyInAnyOrder(
                staff(TOWNSHIP_GROUP, TOWNSHIP_STATION),
                staff(GRID_GROUP, DATANGXIANG_GRID_WORKER),
                staff(WarningContacts.VILLAGE_RESPONSIBLE, n.villageResponsibleOfDatangxiang()),
                staff(WarningContacts.RESCUE_LEADER, n.rescueLeaderOfTheTownship()),
                staff(SAFETY_MANAGER_GROUP, n.safetyManagerInTriangle()),
                staff(WarningContacts.NURSING_HOME, n.nursingHomeInTriangle()),
                citizen(n.citizenInTriangle()));
        // not reached: the nursing home across the triangle's long side (inside its box), 珠儿潭社区's responsible person
        // (a village the triangle does not touch), everything of 夹城巷社区, 左家新村社区 and outside the township
    }

    @Test
    void aCircleReachesThePlacesWithinItsRadiusAndThePeopleOfTheVillagesAndTownshipItTouches() throws Exception {
        Neighbourhood n = neighbourhood();

        long id = publish(warning("Actual", List.of(Map.of("kind", "CIRCLE", "areaDesc", "夹城巷工地周边200米", "circle", SOUTH_EAST_CIRCLE))));
        awaitTargeted(id);

        assertThat(reachedOf(n, id)).containsExactlyInAnyOrder(
                staff(TOWNSHIP_GROUP, TOWNSHIP_STATION),
                staff(WarningContacts.RESCUE_LEADER, n.rescueLeaderOfTheTownship()),
                staff(WarningContacts.BROADCAST, n.broadcastOfJiachengxiang()),
                staff(SAFETY_MANAGER_GROUP, n.safetyManagerInCircle()),
                staff(WarningContacts.SCHOOL, n.schoolInCircle()),
                staff(WarningContacts.CONSTRUCTION_SITE, n.constructionSiteInCircle()),
                citizen(n.citizenInCircle()));
        // not reached: the school 220 m from the centre (inside the circle's box), 大塘巷社区's grid worker and
        // responsible person (a village the circle does not touch), everything of the triangle and outside the township
    }

    List<String> staffNames(long warningId) {
        return jdbc.sql("select t.name from delivery_target t join delivery_campaign c on c.id = t.campaign_id where c.source = :s")
                .param("s", "warning:" + warningId + ":staff").query(String.class).list();
    }

    List<String> names(long warningId) {
        return jdbc.sql("select t.name from delivery_target t join delivery_campaign c on c.id = t.campaign_id where c.source like :s")
                .param("s", "warning:" + warningId + ":%").query(String.class).list();
    }

    @Test
    void theLiveCountExplainsBadAreasAndNeedsTheDraftPermission() {
        Response bad = api.post("mishixiang", "/api/warnings/audience", Map.of("areas", List.of(Map.of("kind", "SQUARE")), "status", "Live"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorFields()).contains("areas[0].kind", "status");
        Response none = api.post("mishixiang", "/api/warnings/audience", Map.of());
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.errorFields()).contains("areas");
        assertThat(api.post("wangge", "/api/warnings/audience", Map.of("areas", List.of(Map.of("kind", "REGION", "regionCode", MISHIXIANG))))
                .status()).isEqualTo(403);
        assertThat(api.post("qiye", "/api/warnings/audience", Map.of()).status()).isEqualTo(403);
        // a region outside the caller's own is refused as an area (region codes are public: 403, not hidden)
        Response outside = api.post("xihu", "/api/warnings/audience", Map.of("areas", List.of(Map.of("kind", "REGION", "regionCode", MISHIXIANG))));
        assertThat(outside.status()).isEqualTo(403);
    }

    @Test
    void theDirectoryHoldsScopeAndExplainsBadInput() {
        Response added = api.post("gongshu", "/api/warning-contacts", Map.of("group", "救援队长", "name", "拱墅区蓝天救援队 周磊",
                "regionCode", "330105", "mobile", "13912345678"));
        assertThat(added.status()).as(added.body().toString()).isEqualTo(201);
        long id = added.body().path("id").asLong();
        assertThat(api.get("gongshu", "/api/warning-contacts?q=周磊").body().path("content").valueStream()
                .anyMatch(c -> c.path("id").asLong() == id)).isTrue();
        assertThat(api.get("xihu", "/api/warning-contacts?q=周磊").body().path("content").valueStream()
                .noneMatch(c -> c.path("id").asLong() == id)).isTrue();
        assertThat(api.delete("xihu", "/api/warning-contacts/" + id).status()).isEqualTo(404);
        assertThat(api.post("xihu", "/api/warning-contacts", Map.of("group", "救援队长", "name", "越界", "regionCode", "330105",
                "mobile", "13912345670")).status()).isEqualTo(403);
        assertThat(api.get("wangge", "/api/warning-contacts").status()).isEqualTo(403);

        Response bad = api.post("gongshu", "/api/warning-contacts", Map.of("group", "路人", "name", "", "regionCode", "999999",
                "mobile", "12345", "email", "not-mail", "longitude", 10.0, "latitude", 10.0));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorFields()).containsExactlyInAnyOrder("group", "name", "regionCode", "mobile", "email", "longitude");
        assertThat(bad.body().toString()).contains("手机号“12345”格式不正确");
        Response noAddress = api.send(HttpMethod.POST, "/api/warning-contacts", api.token("gongshu"),
                Map.of("group", "学校", "name", "无联系方式小学", "regionCode", "330105"), Map.of("Accept-Language", "en"));
        assertThat(noAddress.status()).isEqualTo(400);
        assertThat(noAddress.body().toString()).contains("at least one way to reach them");

        assertThat(api.delete("gongshu", "/api/warning-contacts/" + id).status()).isEqualTo(204);
        assertThat(api.delete("gongshu", "/api/warning-contacts/" + id).status()).isEqualTo(404);
    }

    /** Each registration test comes from its own client address (the tests run behind a simulated proxy). */
    static Map<String, String> from(String address) {
        return Map.of("X-Forwarded-For", address);
    }

    @Test
    void theGeneralPublicRegistersForTheirTownshipOnce() {
        String mobile = "1380" + (1000000 + (int) (Math.random() * 8999999));
        Map<String, String> client = from(io.yingji.support.ClientAddresses.fresh());
        Response first = api.send(HttpMethod.POST, "/public/warning-subscriptions", null,
                Map.of("mobile", mobile, "regionCode", MISHIXIANG), client);
        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
        assertThat(first.body().path("regionName").asString()).contains("米市巷街道");
        Response again = api.send(HttpMethod.POST, "/public/warning-subscriptions", null,
                Map.of("mobile", mobile, "regionCode", MISHIXIANG), client);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("alreadyRegistered").asBoolean()).isTrue();
        assertThat(count("select count(*) from warning_contact where grp = '公众' and mobile = '" + mobile + "'")).isEqualTo(1);

        Response district = api.send(HttpMethod.POST, "/public/warning-subscriptions", null,
                Map.of("mobile", mobile, "regionCode", "330105"), client);
        assertThat(district.status()).isEqualTo(400);
        assertThat(district.body().toString()).contains("乡镇（街道）或村（社区）");
        Response badMobile = api.send(HttpMethod.POST, "/public/warning-subscriptions", null,
                Map.of("mobile", "abc", "regionCode", MISHIXIANG, "longitude", 120.1), client);
        assertThat(badMobile.status()).isEqualTo(400);
        assertThat(badMobile.errorFields()).containsExactlyInAnyOrder("mobile", "longitude");
        // five attempts an hour per address (these four and one more): the sixth is refused, another address is not
        assertThat(api.send(HttpMethod.POST, "/public/warning-subscriptions", null,
                Map.of("mobile", "1381234" + String.valueOf(System.nanoTime()).substring(0, 4), "regionCode", MISHIXIANG), client)
                .status()).isIn(200, 201);
        String sixthMobile = freshMobile();
        Response sixth = api.send(HttpMethod.POST, "/public/warning-subscriptions", null,
                Map.of("mobile", sixthMobile, "regionCode", MISHIXIANG), client);
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.body().path("detail").asString()).contains("登记过于频繁");
        assertThat(count("select count(*) from warning_contact where mobile = '" + sixthMobile + "'")).isZero();
        assertThat(api.send(HttpMethod.POST, "/public/warning-subscriptions", null,
                Map.of("mobile", sixthMobile, "regionCode", MISHIXIANG), from(io.yingji.support.ClientAddresses.fresh())).status()).isEqualTo(201);
    }
}
