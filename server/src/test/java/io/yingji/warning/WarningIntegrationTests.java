package io.yingji.warning;

import io.yingji.support.DemoPlaces;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.ModuleEvents;
import io.yingji.support.MutableClock;
import io.yingji.warning.internal.WarningExpiry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/** The warning workflow over HTTP: drafting, four-eyes approval, Update/Cancel chains, CAP output, feed and expiry. */
class WarningIntegrationTests extends ApiTest {

    static final String GONGSHU = "330105";
    static final String MISHIXIANG = DemoPlaces.MISHIXIANG;

    @Autowired
    MutableClock clock;

    @Autowired
    WarningExpiry expiry;


    @RegisterExtension
    final ModuleEvents events = new ModuleEvents();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    // fixtures

    static Map<String, Object> region(String code) {
        return Map.of("kind", "REGION", "regionCode", code);
    }

    static Map<String, Object> polygon(String desc, String points) {
        return Map.of("kind", "POLYGON", "polygon", points, "areaDesc", desc);
    }

    static Map<String, Object> circle(String desc, String circle) {
        return Map.of("kind", "CIRCLE", "circle", circle, "areaDesc", desc);
    }

    static final String CANAL_POLYGON = "30.31,120.14 30.31,120.16 30.33,120.16 30.33,120.14 30.31,120.14";
    /** Inside 米市巷街道 (lon 120.155–120.165, lat 30.280–30.295). */
    static final String MISHIXIANG_POLYGON = "30.284,120.157 30.284,120.163 30.292,120.163 30.292,120.157 30.284,120.157";
    /** Over 西湖区's 翠苑街道 only, west of 米市巷街道. */
    static final String XIHU_POLYGON = "30.286,120.131 30.286,120.144 30.294,120.144 30.294,120.131 30.286,120.131";

    /** A rainstorm warning of the given level and status, expiring in six hours, over the given areas. */
    Map<String, Object> rainstorm(String level, String status, List<Map<String, Object>> areas) {
        Map<String, Object> body = new HashMap<>();
        body.put("level", level);
        body.put("status", status);
        body.put("scope", "Public");
        body.put("category", "Met");
        body.put("event", "暴雨");
        body.put("responseType", "Prepare");
        body.put("urgency", "Expected");
        body.put("certainty", "Likely");
        body.put("headline", "拱墅区暴雨" + level + "预警");
        body.put("description", "预计未来6小时内拱墅区将出现50毫米以上降水，局部伴有雷电和短时大风。");
        body.put("instruction", "请远离低洼地带和河道，地下车库车辆及时转移。");
        body.put("effective", OffsetDateTime.now(clock).plusMinutes(1).truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("expires", OffsetDateTime.now(clock).plusHours(6).truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("senderName", "拱墅区应急管理局");
        body.put("web", "https://yingji.example.cn/warnings");
        body.put("contact", "0571-12350");
        body.put("areas", areas);
        return body;
    }

    Map<String, Object> rainstorm(String level, String status) {
        return rainstorm(level, status, List.of(region(MISHIXIANG)));
    }

    long draft(String user, Map<String, Object> body) {
        Response created = api.post(user, "/api/warnings", body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    Response act(String user, long id, String action, Map<String, Object> body) {
        return api.post(user, "/api/warnings/" + id + "/" + action, body);
    }

    /** Drafted by {@code drafter}, submitted, approved by {@code approver}; answers the published warning. */
    Response publish(String drafter, String approver, Map<String, Object> body) {
        long id = draft(drafter, body);
        assertThat(act(drafter, id, "submit", Map.of()).status()).isEqualTo(200);
        Response approved = act(approver, id, "approve", Map.of());
        assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);
        return approved;
    }

    String cap(String user, long id) {
        Response cap = api.get(user, "/api/warnings/" + id + "/cap");
        assertThat(cap.status()).isEqualTo(200);
        assertThat(cap.headers().getContentType().toString()).startsWith("application/cap+xml");
        String xml = cap.body().asString();
        assertValidCap(xml);
        return xml;
    }

    static void assertValidCap(String xml) {
        try (InputStream xsd = WarningIntegrationTests.class.getResourceAsStream("/cap/cap-1.2.xsd")) {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            Schema schema = factory.newSchema(new StreamSource(xsd));
            schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new AssertionError("not valid CAP 1.2: " + e.getMessage() + "\n" + xml, e);
        }
    }

    static String element(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        return m.find() ? m.group(1) : "";
    }

    static List<String> elements(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        List<String> all = new ArrayList<>();
        while (m.find()) {
            all.add(m.group(1));
        }
        return all;
    }

    // the workflow

    @Test
    void aTownshipDraftApprovedByTheDistrictIsPublishedAsValidCap() {
        long id = draft("mishixiang", rainstorm("ORANGE", "Actual", List.of(region(MISHIXIANG),
                polygon("运河沿岸低洼区", MISHIXIANG_POLYGON), circle("米市巷街道办事处周边", "30.29,120.16 1.5"))));
        String preview = cap("mishixiang", id);
        assertThat(element(preview, "status")).isEqualTo("Draft");
        assertThat(act("mishixiang", id, "submit", Map.of()).body().path("state").asString()).isEqualTo("SUBMITTED");
        // a township station drafts but does not approve
        assertThat(act("mishixiang", id, "approve", Map.of()).status()).isEqualTo(403);
        Response approved = act("gongshu", id, "approve", Map.of());
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.body().path("state").asString()).isEqualTo("PUBLISHED");
        assertThat(approved.body().path("active").asBoolean()).isTrue();
        assertThat(approved.body().path("severity").asString()).isEqualTo("Severe");
        assertThat(approved.body().path("approvedBy").asString()).contains("王丽华");

        String xml = cap("gongshu", id);
        assertThat(element(xml, "identifier")).isEqualTo(approved.body().path("identifier").asString()).startsWith("YJ-330105001-");
        assertThat(element(xml, "sender")).isEqualTo("330105001@yingji.local");
        assertThat(element(xml, "sent")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00");
        assertThat(element(xml, "status")).isEqualTo("Actual");
        assertThat(element(xml, "msgType")).isEqualTo("Alert");
        assertThat(element(xml, "severity")).isEqualTo("Severe");
        assertThat(element(xml, "valueName")).isEqualTo("预警级别");
        assertThat(xml).contains("<value>橙色预警（II级）</value>", "<valueName>GB/T 2260</valueName>", "<value>330105001</value>",
                "<polygon>" + MISHIXIANG_POLYGON + "</polygon>", "<circle>30.29,120.16 1.5</circle>");
        assertThat(elements(xml, "areaDesc")).contains("运河沿岸低洼区", "米市巷街道办事处周边")
                .anyMatch(desc -> desc.contains("米市巷街道"));
        assertThat(elements(xml, "expires").get(0)).endsWith("+08:00");

        assertThat(api.get("gongshu", "/api/warnings/" + id).body().path("history").valueStream()
                .map(h -> h.path("action").asString() + ":" + h.path("actor").asString()))
                .containsExactly("draft:mishixiang", "submit:mishixiang", "approve:gongshu");
        assertThat(count("select count(*) from audit_event where entity_type = 'warning' and entity_id = '" + id + "'")).isEqualTo(3);
        assertThat(events.of(WarningPublished.class)).singleElement().satisfies(e -> {
            assertThat(e.warningId()).isEqualTo(id);
            assertThat(e.msgType()).isEqualTo("Alert");
            assertThat(e.status()).isEqualTo("Actual");
            assertThat(e.level()).isEqualTo("ORANGE");
            assertThat(e.regionCode()).isEqualTo(MISHIXIANG);
        });
    }

    @Test
    void everyLevelAndStatusGivesValidCapWithTheMappedSeverity() {
        Map<String, String> severities = Map.of("RED", "Extreme", "ORANGE", "Severe", "YELLOW", "Moderate", "BLUE", "Minor");
        for (String level : List.of("RED", "ORANGE", "YELLOW", "BLUE")) {
            for (String status : List.of("Actual", "Exercise", "Test")) {
                long id = publish("gongshu", "hangzhou", rainstorm(level, status, List.of(region(GONGSHU)))).body().path("id").asLong();
                String xml = cap("gongshu", id);
                assertThat(element(xml, "severity")).isEqualTo(severities.get(level));
                assertThat(element(xml, "status")).isEqualTo(status);
            }
        }
    }

    @Test
    void restrictedAndPrivateScopesCarryTheirRecipients() {
        Map<String, Object> restricted = rainstorm("YELLOW", "Actual");
        restricted.put("scope", "Restricted");
        restricted.put("restriction", "仅限拱墅区防汛责任人");
        String xml = cap("gongshu", publish("mishixiang", "gongshu", restricted).body().path("id").asLong());
        assertThat(element(xml, "restriction")).isEqualTo("仅限拱墅区防汛责任人");

        Map<String, Object> direct = rainstorm("YELLOW", "Actual");
        direct.put("scope", "Private");
        direct.put("addresses", List.of("13800000001", "米市巷 值班室"));
        xml = cap("gongshu", publish("mishixiang", "gongshu", direct).body().path("id").asLong());
        assertThat(element(xml, "addresses")).isEqualTo("13800000001 \"米市巷 值班室\"");
    }

    @Test
    void theDrafterCannotApproveTheirOwnWarningAndOtherRegionsCannotTouchIt() {
        long id = draft("gongshu", rainstorm("RED", "Actual", List.of(region(GONGSHU))));
        act("gongshu", id, "submit", Map.of());
        Response own = act("gongshu", id, "approve", Map.of());
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.detail()).isEqualTo("不能审批自己起草的预警（须由他人审核）");
        Response ownEn = api.send(HttpMethod.POST, "/api/warnings/" + id + "/reject", api.token("gongshu"), Map.of("reason", "x"),
                Map.of("Accept-Language", "en"));
        assertThat(ownEn.detail()).isEqualTo("You cannot approve or reject a warning you drafted (someone else must review it)");
        // another district: it does not exist for them, to read or to act on
        assertThat(api.get("xihu", "/api/warnings/" + id).status()).isEqualTo(404);
        assertThat(api.get("xihu", "/api/warnings/" + id + "/cap").status()).isEqualTo(404);
        assertThat(act("xihu", id, "approve", Map.of()).status()).isEqualTo(404);
        assertThat(act("xihu", id, "reject", Map.of("reason", "不属实")).status()).isEqualTo(404);
        assertThat(api.get("xihu", "/api/warnings").body().path("content").valueStream().map(w -> w.path("id").asLong()))
                .doesNotContain(id);
        // read-only and enterprise accounts
        assertThat(act("wangge", id, "approve", Map.of()).status()).isEqualTo(403);
        assertThat(api.get("qiye", "/api/warnings/" + id).status()).isEqualTo(403);
        // the city bureau is above the district: it approves
        assertThat(act("hangzhou", id, "approve", Map.of()).body().path("state").asString()).isEqualTo("PUBLISHED");
        assertThat(count("select count(*) from warning where id = " + id + " and state = 'PUBLISHED'")).isEqualTo(1);
    }

    @Test
    void aDistrictCannotApproveTheCitysWarning() {
        long id = draft("hangzhou", rainstorm("BLUE", "Actual", List.of(region("330100"))));
        act("hangzhou", id, "submit", Map.of());
        // the district does not see the city's warning, so to it there is nothing to approve
        assertThat(act("gongshu", id, "approve", Map.of()).status()).isEqualTo(404);
        assertThat(api.get("gongshu", "/api/warnings/" + id).status()).isEqualTo(404);
        assertThat(api.get("admin", "/api/warnings/" + id).status()).isEqualTo(200);
        assertThat(act("admin", id, "approve", Map.of()).body().path("state").asString()).isEqualTo("PUBLISHED");
    }

    @Test
    void aRejectedDraftNeedsAReasonAndCanBeEditedAndSubmittedAgain() {
        long id = draft("mishixiang", rainstorm("YELLOW", "Actual"));
        act("mishixiang", id, "submit", Map.of());
        Response noReason = act("gongshu", id, "reject", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.detail()).isEqualTo("退回时请说明原因");
        Response rejected = act("gongshu", id, "reject", Map.of("reason", "影响范围写得不准确"));
        assertThat(rejected.body().path("state").asString()).isEqualTo("REJECTED");
        assertThat(rejected.body().path("rejectReason").asString()).isEqualTo("影响范围写得不准确");
        assertThat(act("gongshu", id, "approve", Map.of()).status()).isEqualTo(409);
        Map<String, Object> corrected = rainstorm("YELLOW", "Actual", List.of(region(MISHIXIANG), polygon("运河沿岸低洼区", MISHIXIANG_POLYGON)));
        Response edited = api.put("mishixiang", "/api/warnings/" + id, corrected);
        assertThat(edited.body().path("state").asString()).isEqualTo("DRAFT");
        assertThat(edited.body().path("areas").size()).isEqualTo(2);
        act("mishixiang", id, "submit", Map.of());
        assertThat(act("gongshu", id, "approve", Map.of()).body().path("state").asString()).isEqualTo("PUBLISHED");
        // a published warning is never edited: it is updated or cancelled
        assertThat(api.put("mishixiang", "/api/warnings/" + id, corrected).status()).isEqualTo(409);
        assertThat(api.delete("mishixiang", "/api/warnings/" + id).status()).isEqualTo(409);
    }

    @Test
    void aDraftCanBeDiscarded() {
        long id = draft("mishixiang", rainstorm("BLUE", "Test"));
        assertThat(api.delete("mishixiang", "/api/warnings/" + id).status()).isEqualTo(204);
        assertThat(count("select count(*) from warning where id = " + id)).isZero();
        assertThat(api.get("mishixiang", "/api/warnings/" + id).status()).isEqualTo(404);
    }

    @Test
    void updatesAndTheCancelReferenceTheWholeChain() {
        Response alert = publish("mishixiang", "gongshu", rainstorm("YELLOW", "Actual"));
        long alertId = alert.body().path("id").asLong();
        String alertRef = "330105001@yingji.local," + alert.body().path("identifier").asString() + "," + element(cap("gongshu", alertId), "sent");

        Response update = api.post("mishixiang", "/api/warnings/" + alertId + "/update", rainstorm("ORANGE", "Actual"));
        assertThat(update.status()).isEqualTo(201);
        long updateId = update.body().path("id").asLong();
        assertThat(update.body().path("msgType").asString()).isEqualTo("Update");
        assertThat(update.body().path("state").asString()).isEqualTo("DRAFT");
        act("mishixiang", updateId, "submit", Map.of());
        assertThat(act("gongshu", updateId, "approve", Map.of()).body().path("state").asString()).isEqualTo("PUBLISHED");
        String updateXml = cap("gongshu", updateId);
        assertThat(element(updateXml, "msgType")).isEqualTo("Update");
        assertThat(element(updateXml, "references")).isEqualTo(alertRef);
        assertThat(element(updateXml, "identifier")).isNotEqualTo(alert.body().path("identifier").asString());
        Response replaced = api.get("gongshu", "/api/warnings/" + alertId);
        assertThat(replaced.body().path("warning").path("state").asString()).isEqualTo("UPDATED");
        assertThat(replaced.body().path("warning").path("active").asBoolean()).isFalse();
        // the replaced alert cannot be updated or cancelled again
        assertThat(api.post("mishixiang", "/api/warnings/" + alertId + "/update", rainstorm("RED", "Actual")).status()).isEqualTo(409);
        assertThat(act("gongshu", alertId, "cancel", Map.of("reason", "误报")).status()).isEqualTo(409);

        String updateRef = "330105001@yingji.local," + element(updateXml, "identifier") + "," + element(updateXml, "sent");
        Response second = api.post("mishixiang", "/api/warnings/" + updateId + "/update", rainstorm("RED", "Actual"));
        long secondId = second.body().path("id").asLong();
        act("mishixiang", secondId, "submit", Map.of());
        act("hangzhou", secondId, "approve", Map.of());
        String secondXml = cap("gongshu", secondId);
        assertThat(element(secondXml, "references")).isEqualTo(alertRef + " " + updateRef);

        Response noReason = act("gongshu", secondId, "cancel", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(act("mishixiang", secondId, "cancel", Map.of("reason", "降雨已减弱")).status()).isEqualTo(403);
        Response cancel = act("gongshu", secondId, "cancel", Map.of("reason", "降雨已减弱，预警解除"));
        assertThat(cancel.status()).isEqualTo(201);
        long cancelId = cancel.body().path("id").asLong();
        assertThat(cancel.body().path("msgType").asString()).isEqualTo("Cancel");
        assertThat(cancel.body().path("state").asString()).isEqualTo("PUBLISHED");
        assertThat(cancel.body().path("active").asBoolean()).isFalse();
        String cancelXml = cap("gongshu", cancelId);
        String secondRef = "330105001@yingji.local," + element(secondXml, "identifier") + "," + element(secondXml, "sent");
        assertThat(element(cancelXml, "references")).isEqualTo(alertRef + " " + updateRef + " " + secondRef);
        assertThat(element(cancelXml, "note")).isEqualTo("降雨已减弱，预警解除");
        assertThat(element(cancelXml, "responseType")).isEqualTo("AllClear");
        assertThat(api.get("gongshu", "/api/warnings/" + secondId).body().path("warning").path("state").asString()).isEqualTo("CANCELLED");
        assertThat(events.of(WarningCancelled.class)).singleElement()
                .satisfies(e -> assertThat(e.warningId()).isEqualTo(secondId))
                .satisfies(e -> assertThat(e.cancelWarningId()).isEqualTo(cancelId));
        assertThat(events.of(WarningUpdated.class).stream().map(WarningUpdated::warningId)).containsExactly(alertId, updateId);
        assertThat(events.of(WarningPublished.class).stream().map(e -> e.msgType() + ":" + e.replacesWarningId()))
                .containsExactly("Alert:null", "Update:" + alertId, "Update:" + updateId, "Cancel:" + secondId);
    }

    @Test
    void aRiskZoneIsAnArea() {
        String zones = """
                {"type":"FeatureCollection","features":[
                  {"type":"Feature","properties":{"name":"运河沿岸低洼区","grade":1},
                   "geometry":{"type":"Polygon","coordinates":[[[120.14,30.31],[120.16,30.31],[120.16,30.33],[120.14,30.33],[120.14,30.31]]]}}]}""";
        Response layer = api.upload("gongshu", "/api/risk/zones", "洪涝.geojson", zones.getBytes(StandardCharsets.UTF_8),
                Map.of("name", "拱墅区洪涝风险区划", "hazardType", "FLOOD"));
        long zoneId = api.get("gongshu", "/api/risk/zones/" + layer.body().path("id").asLong() + "/geojson").body()
                .path("features").get(0).path("id").asLong();
        long id = publish("mishixiang", "gongshu", rainstorm("RED", "Exercise", List.of(Map.of("kind", "ZONE", "zoneId", zoneId))))
                .body().path("id").asLong();
        String xml = cap("gongshu", id);
        assertThat(element(xml, "areaDesc")).isEqualTo("拱墅区洪涝风险区划 运河沿岸低洼区");
        assertThat(element(xml, "polygon")).isEqualTo(CANAL_POLYGON);
        // another district's zone is not theirs to use: answered like a zone that does not exist
        Response foreign = api.post("xihu", "/api/warnings", rainstorm("RED", "Exercise", List.of(Map.of("kind", "ZONE", "zoneId", zoneId))));
        Response missing = api.post("xihu", "/api/warnings", rainstorm("RED", "Exercise", List.of(Map.of("kind", "ZONE", "zoneId", 987654321))));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(foreign.detail().replace(String.valueOf(zoneId), "#")).isEqualTo(missing.detail().replace("987654321", "#"));
    }

    // scope: 404 for what the caller cannot see, 403 for what it sees but may not do

    @Test
    void anotherRegionGetsNotFoundForEveryActionOnAWarningItCannotSee() {
        long draft = draft("gongshu", rainstorm("YELLOW", "Actual", List.of(region(GONGSHU))));
        long submitted = draft("gongshu", rainstorm("YELLOW", "Actual", List.of(region(GONGSHU))));
        act("gongshu", submitted, "submit", Map.of());
        long published = publish("gongshu", "hangzhou", rainstorm("ORANGE", "Actual", List.of(region(GONGSHU)))).body().path("id").asLong();
        long before = count("select count(*) from warning");
        String ours = "(" + draft + ", " + submitted + ", " + published + ")";
        long history = count("select count(*) from warning_event where warning_id in " + ours);
        for (String stranger : List.of("xihu", "mishixiang")) {
            assertThat(api.put(stranger, "/api/warnings/" + draft, rainstorm("RED", "Actual", List.of(region(GONGSHU)))).status())
                    .as(stranger + " PUT").isEqualTo(404);
            assertThat(api.delete(stranger, "/api/warnings/" + draft).status()).as(stranger + " DELETE").isEqualTo(404);
            assertThat(act(stranger, draft, "submit", Map.of()).status()).as(stranger + " submit").isEqualTo(404);
            assertThat(act(stranger, published, "update", rainstorm("RED", "Actual")).status()).as(stranger + " update").isEqualTo(404);
        }
        // approving, rejecting and cancelling: the bureau of another district has the permission but not the warning
        assertThat(act("xihu", submitted, "approve", Map.of()).status()).isEqualTo(404);
        assertThat(act("xihu", submitted, "reject", Map.of("reason", "不属实")).status()).isEqualTo(404);
        Response cancel = act("xihu", published, "cancel", Map.of("reason", "误报"));
        assertThat(cancel.status()).isEqualTo(404);
        assertThat(cancel.detail()).as("the same answer as for no warning at all")
                .isEqualTo(act("xihu", 999999999, "cancel", Map.of("reason", "误报")).detail().replace("999999999", String.valueOf(published)));
        // a township below the district may not approve at all: 403 whatever the warning
        assertThat(act("mishixiang", submitted, "approve", Map.of()).status()).isEqualTo(403);
        assertThat(count("select count(*) from warning")).isEqualTo(before);
        assertThat(count("select count(*) from warning_event where warning_id in " + ours)).isEqualTo(history);
        assertThat(jdbc.sql("select state from warning where id in (:ids) order by id").param("ids", List.of(draft, submitted, published))
                .query(String.class).list()).containsExactly("DRAFT", "SUBMITTED", "PUBLISHED");
    }

    @Test
    void enterpriseAndIndustryDepartmentAccountsMayNeitherApproveNorCancel() {
        long submitted = draft("gongshu", rainstorm("YELLOW", "Actual", List.of(region(GONGSHU))));
        act("gongshu", submitted, "submit", Map.of());
        long published = publish("gongshu", "hangzhou", rainstorm("ORANGE", "Actual", List.of(region(GONGSHU)))).body().path("id").asLong();
        // the district's construction bureau reads the district's warnings: it sees them, and is refused acting on them
        assertThat(api.get("zhujian", "/api/warnings/" + published).status()).isEqualTo(200);
        assertThat(act("zhujian", submitted, "approve", Map.of()).status()).isEqualTo(403);
        assertThat(act("zhujian", published, "cancel", Map.of("reason", "误报")).status()).isEqualTo(403);
        // an enterprise holds no warning permission at all
        assertThat(act("qiye", submitted, "approve", Map.of()).status()).isEqualTo(403);
        assertThat(act("qiye", published, "cancel", Map.of("reason", "误报")).status()).isEqualTo(403);
        assertThat(jdbc.sql("select state from warning where id in (:ids) order by id").param("ids", List.of(submitted, published))
                .query(String.class).list()).containsExactly("SUBMITTED", "PUBLISHED");
        assertThat(count("select count(*) from warning where predecessor_id = " + published)).isZero();
    }

    @Test
    void badEditsAndUpdatesAreRefusedFieldByFieldAndChangeNothing() {
        long id = draft("mishixiang", rainstorm("YELLOW", "Actual"));
        Map<String, Object> wrongLevel = rainstorm("PURPLE", "Actual");
        Response edit = api.put("mishixiang", "/api/warnings/" + id, wrongLevel);
        assertThat(edit.status()).isEqualTo(400);
        assertThat(edit.errorFields()).containsExactly("level");
        assertThat(edit.body().path("errors").get(0).path("message").asString())
                .isEqualTo("预警级别“PURPLE”无效，应为 RED（红色）、ORANGE（橙色）、YELLOW（黄色）或 BLUE（蓝色）");
        Map<String, Object> wrongArea = rainstorm("RED", "Actual", List.of(region("330106")));
        // a region outside the scope alone is refused (403); with other wrong fields it is named among them (above)
        assertThat(api.put("mishixiang", "/api/warnings/" + id, wrongArea).status()).isEqualTo(403);
        Response stored = api.get("mishixiang", "/api/warnings/" + id);
        assertThat(stored.body().path("warning").path("level").asString()).isEqualTo("YELLOW");
        assertThat(stored.body().path("warning").path("version").asInt()).isZero();
        assertThat(stored.body().path("warning").path("areas").get(0).path("regionCode").asString()).isEqualTo(MISHIXIANG);
        assertThat(stored.body().path("history").size()).isEqualTo(1);

        long published = publish("mishixiang", "gongshu", rainstorm("YELLOW", "Actual")).body().path("id").asLong();
        long before = count("select count(*) from warning");
        Map<String, Object> wrongUrgency = rainstorm("ORANGE", "Actual");
        wrongUrgency.put("urgency", "Soon");
        Response update = api.send(HttpMethod.POST, "/api/warnings/" + published + "/update", api.token("mishixiang"), wrongUrgency,
                Map.of("Accept-Language", "en"));
        assertThat(update.status()).isEqualTo(400);
        assertThat(update.errorFields()).containsExactly("urgency");
        assertThat(update.body().path("errors").get(0).path("message").asString())
                .isEqualTo("\"Soon\" is not a valid value; use one of: Expected, Future, Immediate, Past, Unknown");
        assertThat(count("select count(*) from warning")).isEqualTo(before);
        assertThat(count("select count(*) from warning where id = " + published + " and state = 'PUBLISHED'")).isEqualTo(1);
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        long id = draft("mishixiang", rainstorm("YELLOW", "Actual"));
        Map<String, Object> first = rainstorm("ORANGE", "Actual");
        first.put("version", 0);
        Response edited = api.put("mishixiang", "/api/warnings/" + id, first);
        assertThat(edited.status()).as(edited.body().toString()).isEqualTo(200);
        assertThat(edited.body().path("version").asInt()).isEqualTo(1);
        // someone who read version 0 edits, submits or approves: refused
        Map<String, Object> stale = rainstorm("RED", "Actual");
        stale.put("version", 0);
        Response conflict = api.put("mishixiang", "/api/warnings/" + id, stale);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(act("mishixiang", id, "submit", Map.of("version", 0)).status()).isEqualTo(409);
        assertThat(act("mishixiang", id, "submit", Map.of("version", 1)).status()).isEqualTo(200);
        assertThat(act("gongshu", id, "approve", Map.of("version", 1)).status()).isEqualTo(409);
        assertThat(act("gongshu", id, "reject", Map.of("reason", "范围不准", "version", 1)).status()).isEqualTo(409);
        Response current = api.get("mishixiang", "/api/warnings/" + id);
        assertThat(current.body().path("warning").path("level").asString()).isEqualTo("ORANGE");
        assertThat(current.body().path("warning").path("state").asString()).isEqualTo("SUBMITTED");
        assertThat(act("gongshu", id, "approve", Map.of("version", 2)).status()).isEqualTo(200);
    }

    // drawn areas stay in the drafter's jurisdiction

    @Test
    void aTownshipCannotDrawAnAreaOutsideItsJurisdiction() {
        long before = count("select count(*) from warning");
        Response polygon = api.post("mishixiang", "/api/warnings", rainstorm("YELLOW", "Actual",
                List.of(region(MISHIXIANG), polygon("翠苑街道低洼区", XIHU_POLYGON))));
        assertThat(polygon.status()).isEqualTo(400);
        assertThat(polygon.errorFields()).containsExactly("areas[1].polygon");
        assertThat(polygon.body().path("errors").get(0).path("message").asString())
                .isEqualTo("第 2 个区域完全在您的管辖范围（浙江省 杭州市 拱墅区 米市巷街道）之外：绘制的多边形或圆形须与辖区有重叠");
        Response english = api.send(HttpMethod.POST, "/api/warnings", api.token("mishixiang"),
                rainstorm("YELLOW", "Actual", List.of(circle("西溪周边", "30.28,120.14 0.5"))), Map.of("Accept-Language", "en"));
        assertThat(english.status()).isEqualTo(400);
        assertThat(english.errorFields()).containsExactly("areas[0].circle");
        assertThat(english.body().path("errors").get(0).path("message").asString()).isEqualTo(
                "Area 1 lies entirely outside your jurisdiction (浙江省 杭州市 拱墅区 米市巷街道): a drawn polygon or circle must overlap it");
        // the live count and an update check the same
        assertThat(api.post("mishixiang", "/api/warnings/audience", Map.of("areas", List.of(polygon("翠苑", XIHU_POLYGON))))
                .errorFields()).containsExactly("areas[0].polygon");
        assertThat(count("select count(*) from warning")).isEqualTo(before);

        // inside the township, and a circle reaching into it from outside, are fine
        assertThat(api.post("mishixiang", "/api/warnings", rainstorm("YELLOW", "Actual",
                List.of(polygon("米市巷低洼区", MISHIXIANG_POLYGON), circle("跨界周边", "30.29,120.17 1")))).status()).isEqualTo(201);
        // the city's jurisdiction covers 西湖区 as well
        assertThat(api.post("hangzhou", "/api/warnings", rainstorm("YELLOW", "Actual", List.of(polygon("翠苑", XIHU_POLYGON)))).status())
                .isEqualTo(201);
    }

    // bad input

    @Test
    void badDraftsAreRefusedFieldByFieldAndNothingIsWritten() {
        long before = count("select count(*) from warning");
        Map<String, Object> bad = rainstorm("PURPLE", "Actual", List.of(region("330106"),
                polygon("缺口", "30.31,120.14 30.31,120.16 30.33,120.16 30.33,120.14"),
                circle("零半径", "30.29,120.16 0"), Map.of("kind", "POLYGON", "polygon", "30.31,120.14 30.31,120.16 30.31,120.14")));
        bad.put("expires", OffsetDateTime.now(clock).minusHours(1).toString());
        bad.put("scope", "Private");
        bad.remove("headline");
        bad.put("web", "not a url");
        bad.put("urgency", "Soon");
        Response refused = api.post("mishixiang", "/api/warnings", bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactlyInAnyOrder("level", "addresses", "urgency", "headline", "web", "expires",
                "areas[0].regionCode", "areas[1].polygon", "areas[2].circle", "areas[3].polygon");
        Map<String, String> messages = new HashMap<>();
        refused.body().path("errors").forEach(e -> messages.put(e.path("field").asString(), e.path("message").asString()));
        assertThat(messages.get("areas[1].polygon")).isEqualTo("多边形须闭合：第一个坐标点须与最后一个相同");
        assertThat(messages.get("areas[2].circle")).isEqualTo("圆形区域半径须大于 0 千米");
        assertThat(messages.get("areas[3].polygon")).isEqualTo("多边形至少需要 4 个坐标点（首尾相同）");
        assertThat(messages.get("areas[0].regionCode")).isEqualTo("行政区划“330106”不在您的管辖范围内");
        assertThat(messages.get("expires")).isEqualTo("失效时间须晚于当前时间");
        assertThat(messages.get("urgency")).isEqualTo("“Soon”不是有效值，应为：Expected, Future, Immediate, Past, Unknown");

        Response english = api.send(HttpMethod.POST, "/api/warnings", api.token("mishixiang"),
                rainstorm("YELLOW", "Actual", List.of(circle("零半径", "30.29,120.16 0"))), Map.of("Accept-Language", "en"));
        assertThat(english.detail()).isEqualTo("The circle's radius must be greater than 0 km");
        assertThat(api.post("mishixiang", "/api/warnings", Map.of("levle", "RED")).status()).isEqualTo(400);
        assertThat(api.post("mishixiang", "/api/warnings", "{not json").status()).isEqualTo(400);
        Map<String, Object> noAreas = rainstorm("YELLOW", "Actual", List.of());
        assertThat(api.post("mishixiang", "/api/warnings", noAreas).detail()).isEqualTo("请至少选择一个预警区域");
        Map<String, Object> restrictedWithout = rainstorm("YELLOW", "Actual");
        restrictedWithout.put("scope", "Restricted");
        assertThat(api.post("mishixiang", "/api/warnings", restrictedWithout).detail())
                .isEqualTo("发布范围为 Restricted（限定）时须说明限定对象");
        Map<String, Object> draftStatus = rainstorm("YELLOW", "Draft");
        assertThat(api.post("mishixiang", "/api/warnings", draftStatus).errorFields()).containsExactly("status");
        assertThat(count("select count(*) from warning")).isEqualTo(before);
    }

    @Test
    void badListFiltersAndUnknownWarningsAreExplained() {
        assertThat(api.get("gongshu", "/api/warnings?level=PURPLE").detail())
                .isEqualTo("预警级别“PURPLE”无效，应为 RED（红色）、ORANGE（橙色）、YELLOW（黄色）或 BLUE（蓝色）");
        assertThat(api.get("gongshu", "/api/warnings?state=LIVE").status()).isEqualTo(400);
        assertThat(api.get("gongshu", "/api/warnings?regionCode=33").status()).isEqualTo(400);
        assertThat(api.get("gongshu", "/api/warnings?size=0").status()).isEqualTo(400);
        assertThat(api.get("gongshu", "/api/warnings/999999999").status()).isEqualTo(404);
        assertThat(act("gongshu", 999999999, "approve", Map.of()).status()).isEqualTo(404);
        assertThat(api.get("gongshu", "/api/warnings/999999999/cap").status()).isEqualTo(404);
        long published = publish("mishixiang", "gongshu", rainstorm("BLUE", "Actual")).body().path("id").asLong();
        assertThat(api.get("gongshu", "/api/warnings?active=true&level=BLUE&regionCode=" + GONGSHU).body().path("content")
                .valueStream().map(w -> w.path("id").asLong())).contains(published);
        assertThat(api.get("gongshu", "/api/warnings?state=DRAFT").body().path("content").valueStream()
                .map(w -> w.path("id").asLong())).doesNotContain(published);
        Response stale = act("gongshu", published, "cancel", Map.of("reason", "x".repeat(501)));
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.detail()).isEqualTo("长度不能超过 500 个字符");
    }

    // public page, feed and expiry

    @Test
    void theFeedListsPublicActualWarningsInForceUntilTheyExpire() {
        Map<String, Object> soon = rainstorm("RED", "Actual");
        soon.put("expires", OffsetDateTime.now(clock).plusHours(2).truncatedTo(ChronoUnit.SECONDS).toString());
        Response published = publish("mishixiang", "gongshu", soon);
        long id = published.body().path("id").asLong();
        String identifier = published.body().path("identifier").asString();
        String exercise = publish("mishixiang", "gongshu", rainstorm("RED", "Exercise")).body().path("identifier").asString();
        Map<String, Object> restricted = rainstorm("RED", "Actual");
        restricted.put("scope", "Restricted");
        restricted.put("restriction", "防汛责任人");
        String internal = publish("mishixiang", "gongshu", restricted).body().path("identifier").asString();

        Response feed = api.send(HttpMethod.GET, "/public/cap/feed.atom", null, null, Map.of());
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.headers().getContentType().toString()).startsWith("application/atom+xml");
        String atom = feed.body().asString();
        assertThat(atom).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"", "/public/cap/" + identifier + ".xml",
                "type=\"application/cap+xml\"", "拱墅区暴雨RED预警").doesNotContain(exercise).doesNotContain(internal);
        Response capDoc = api.send(HttpMethod.GET, "/public/cap/" + identifier + ".xml", null, null, Map.of());
        assertThat(capDoc.status()).isEqualTo(200);
        assertValidCap(capDoc.body().asString());
        assertThat(api.send(HttpMethod.GET, "/public/cap/" + exercise + ".xml", null, null, Map.of()).status()).isEqualTo(404);
        assertThat(api.send(HttpMethod.GET, "/public/warnings/" + internal, null, null, Map.of()).status()).isEqualTo(404);
        Response page = api.send(HttpMethod.GET, "/public/warnings", null, null, Map.of());
        assertThat(page.body().valueStream().map(w -> w.path("identifier").asString())).contains(identifier).doesNotContain(exercise);
        Response detail = api.send(HttpMethod.GET, "/public/warnings/" + identifier, null, null, Map.of());
        assertThat(detail.body().path("level").asString()).isEqualTo("RED");
        assertThat(detail.body().has("draftedBy")).isFalse();

        clock.advance(Duration.ofHours(3));
        assertThat(api.send(HttpMethod.GET, "/public/cap/feed.atom", null, null, Map.of()).body().asString()).doesNotContain(identifier);
        assertThat(expiry.run()).isGreaterThanOrEqualTo(1);
        assertThat(api.get("gongshu", "/api/warnings/" + id).body().path("warning").path("state").asString()).isEqualTo("EXPIRED");
        assertThat(api.send(HttpMethod.GET, "/public/warnings/" + identifier, null, null, Map.of()).body().path("state").asString())
                .isEqualTo("EXPIRED");
        assertThat(act("gongshu", id, "cancel", Map.of("reason", "已过期")).status()).isEqualTo(409);
        assertThat(events.of(WarningExpired.class).stream().map(WarningExpired::warningId)).contains(id);
        assertThat(expiry.run()).isZero();
    }

    /** A GET with a Host header of the client's choosing, over a plain socket (HTTP clients refuse to forge it). */
    String getWithHost(String path, String host) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200");
            return answer;
        }
    }

    @Test
    void theFeedsIdAndLinksComeFromTheConfiguredBaseUrlWhateverTheRequestSays() throws Exception {
        String identifier = publish("mishixiang", "gongshu", rainstorm("ORANGE", "Actual")).body().path("identifier").asString();
        String plain = api.send(HttpMethod.GET, "/public/cap/feed.atom", null, null, Map.of()).body().asString();
        assertThat(element(plain, "id")).isEqualTo("https://warnings.example.cn/public/cap/feed.atom");
        assertThat(plain).contains("href=\"https://warnings.example.cn/public/cap/feed.atom\"",
                "href=\"https://warnings.example.cn/public/cap/" + identifier + ".xml\"",
                "href=\"https://warnings.example.cn/public/warnings/" + identifier + "\"");
        String forgedHost = getWithHost("/public/cap/feed.atom", "evil.example");
        String forwarded = api.send(HttpMethod.GET, "/public/cap/feed.atom", null, null,
                Map.of("X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "http")).body().asString();
        for (String atom : List.of(forgedHost, forwarded)) {
            assertThat(atom).doesNotContain("evil.example").contains("<id>https://warnings.example.cn/public/cap/feed.atom</id>");
        }
        // every href of the feed starts with the base
        assertThat(Pattern.compile("href=\"([^\"]*)\"").matcher(plain).results().map(m -> m.group(1)))
                .isNotEmpty().allMatch(href -> href.startsWith("https://warnings.example.cn/"));
        Response detail = api.send(HttpMethod.GET, "/public/warnings/" + identifier, null, null, Map.of("X-Forwarded-Host", "evil.example"));
        assertThat(detail.body().path("capUrl").asString()).isEqualTo("https://warnings.example.cn/public/cap/" + identifier + ".xml");
    }

    @Test
    void aCancelStaysInTheFeedForADaySoSubscribersLearnTheWarningEnded() {
        Response published = publish("mishixiang", "gongshu", rainstorm("RED", "Actual"));
        String identifier = published.body().path("identifier").asString();
        Response cancelled = act("gongshu", published.body().path("id").asLong(), "cancel", Map.of("reason", "暴雨已停，预警解除"));
        assertThat(cancelled.status()).as(cancelled.body().toString()).isEqualTo(201);
        String cancel = cancelled.body().path("identifier").asString();

        String atom = api.send(HttpMethod.GET, "/public/cap/feed.atom", null, null, Map.of()).body().asString();
        assertThat(atom).contains("/public/cap/" + cancel + ".xml", "【解除】拱墅区暴雨RED预警", "<summary>暴雨已停，预警解除</summary>")
                .doesNotContain("/public/cap/" + identifier + ".xml");
        // the entry's document is the Cancel, referencing the warning it ends
        Response capDoc = api.send(HttpMethod.GET, "/public/cap/" + cancel + ".xml", null, null, Map.of());
        assertThat(element(capDoc.body().asString(), "msgType")).isEqualTo("Cancel");
        assertThat(element(capDoc.body().asString(), "references")).contains(identifier);

        clock.advance(Duration.ofHours(23));
        assertThat(api.send(HttpMethod.GET, "/public/cap/feed.atom", null, null, Map.of()).body().asString()).contains(cancel);
        clock.advance(Duration.ofHours(2));
        assertThat(api.send(HttpMethod.GET, "/public/cap/feed.atom", null, null, Map.of()).body().asString()).doesNotContain(cancel);
    }

    @Test
    void anUpdateKeepsTheStatusOfTheWarningItUpdates() {
        long exercise = publish("mishixiang", "gongshu", rainstorm("YELLOW", "Exercise")).body().path("id").asLong();
        Response actual = act("mishixiang", exercise, "update", rainstorm("ORANGE", "Actual"));
        assertThat(actual.status()).isEqualTo(400);
        assertThat(actual.errorFields()).containsExactly("status");
        assertThat(actual.detail()).isEqualTo("同一预警链中的信息须保持同一状态：被更新或解除的预警为 Exercise，不能改为 Actual");
        Response english = api.send(HttpMethod.POST, "/api/warnings/" + exercise + "/update", api.token("mishixiang"),
                rainstorm("ORANGE", "Test"), Map.of("Accept-Language", "en"));
        assertThat(english.detail()).isEqualTo("Messages of one alert chain keep one status: the alert updated or cancelled is Exercise and cannot become Test");

        // nor can the Update's draft be edited into another status
        Response update = act("mishixiang", exercise, "update", rainstorm("ORANGE", "Exercise"));
        assertThat(update.status()).as(update.body().toString()).isEqualTo(201);
        long updateId = update.body().path("id").asLong();
        Response edited = api.put("mishixiang", "/api/warnings/" + updateId, rainstorm("ORANGE", "Actual"));
        assertThat(edited.status()).isEqualTo(400);
        assertThat(edited.errorFields()).containsExactly("status");
        assertThat(api.get("gongshu", "/api/warnings/" + updateId).body().path("warning").path("status").asString()).isEqualTo("Exercise");
    }

    @Test
    void exerciseMessagesCarryANoteNamingTheExercise() {
        long id = publish("mishixiang", "gongshu", rainstorm("BLUE", "Exercise")).body().path("id").asLong();
        assertThat(element(cap("gongshu", id), "note")).isEqualTo("演练：拱墅区暴雨BLUE预警（演练信息，非真实预警）");
        Map<String, Object> named = rainstorm("BLUE", "Exercise");
        named.put("note", "2026年拱墅区防汛应急演练");
        long namedId = publish("mishixiang", "gongshu", named).body().path("id").asLong();
        assertThat(element(cap("gongshu", namedId), "note")).isEqualTo("2026年拱墅区防汛应急演练");
        Response cancelled = act("gongshu", namedId, "cancel", Map.of("reason", "演练结束"));
        assertThat(element(cap("gongshu", cancelled.body().path("id").asLong()), "note")).isEqualTo("演练解除：演练结束");
        // an Actual warning carries no note unless its drafter wrote one
        long actual = publish("mishixiang", "gongshu", rainstorm("BLUE", "Actual")).body().path("id").asLong();
        assertThat(cap("gongshu", actual)).doesNotContain("<note>");
    }

    @Test
    void aSubmittedWarningThatExpiredMeanwhileIsNotPublished() {
        Map<String, Object> body = rainstorm("BLUE", "Actual");
        body.put("effective", null);
        body.put("expires", OffsetDateTime.now(clock).plusMinutes(30).withOffsetSameInstant(ZoneOffset.ofHours(8))
                .truncatedTo(ChronoUnit.SECONDS).toString());
        long id = draft("mishixiang", body);
        act("mishixiang", id, "submit", Map.of());
        clock.advance(Duration.ofHours(1));
        Response late = act("gongshu", id, "approve", Map.of());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.detail()).startsWith("预警已于 ").endsWith("+08:00 失效，不能再发布");
    }
}
