package io.yingji.warning;

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

    static final String MISHIXIANG = "330105001";

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
        assertThat(group(audience, "STAFF", WarningContacts.BROADCAST)).isEqualTo(1);
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
        // a region outside the caller's own is refused as an area
        Response outside = api.post("xihu", "/api/warnings/audience", Map.of("areas", List.of(Map.of("kind", "REGION", "regionCode", MISHIXIANG))));
        assertThat(outside.status()).isEqualTo(400);
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
        assertThat(api.delete("xihu", "/api/warning-contacts/" + id).status()).isEqualTo(403);
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
        Map<String, String> client = from("203.0.113." + (1 + (int) (Math.random() * 200)));
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
        Response sixth = api.send(HttpMethod.POST, "/public/warning-subscriptions", null,
                Map.of("mobile", "13912340000", "regionCode", MISHIXIANG), client);
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.body().path("detail").asString()).contains("登记过于频繁");
        assertThat(count("select count(*) from warning_contact where mobile = '13912340000'")).isZero();
        assertThat(api.send(HttpMethod.POST, "/public/warning-subscriptions", null,
                Map.of("mobile", "13912340000", "regionCode", MISHIXIANG), from("198.51.100.7")).status()).isEqualTo(201);
    }
}
