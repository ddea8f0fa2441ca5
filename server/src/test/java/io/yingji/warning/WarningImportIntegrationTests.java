package io.yingji.warning;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.ModuleEvents;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** CAP from other issuers: accepted when valid and sensible, refused with every reason (line and column) otherwise. */
class WarningImportIntegrationTests extends ApiTest {

    static final DateTimeFormatter CAP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    static final String SENDER = "hz-meteo@cma.gov.cn";

    static String at(long hoursFromNow) {
        return OffsetDateTime.now(ZoneOffset.ofHours(8)).plusHours(hoursFromNow).truncatedTo(ChronoUnit.SECONDS).format(CAP_TIME);
    }

    /** A weather service's rainstorm alert; {@code alertExtra} goes after scope, {@code area} inside info. */
    static String alert(String identifier, String sent, String msgType, String alertExtra, String expires, String area) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <identifier>%s</identifier>
                  <sender>%s</sender>
                  <sent>%s</sent>
                  <status>Actual</status>
                  <msgType>%s</msgType>
                  <scope>Public</scope>
                  %s
                  <info>
                    <language>zh-CN</language>
                    <category>Met</category>
                    <event>暴雨</event>
                    <urgency>Expected</urgency>
                    <severity>Severe</severity>
                    <certainty>Likely</certainty>
                    <expires>%s</expires>
                    <senderName>杭州市气象台</senderName>
                    <headline>杭州市气象台发布暴雨橙色预警</headline>
                    <description>预计未来3小时内拱墅区降水量将达50毫米以上。</description>
                    %s
                  </info>
                </alert>
                """.formatted(identifier, SENDER, sent, msgType, alertExtra, expires, area);
    }

    static final String GOOD_AREA = """
            <area>
                      <areaDesc>拱墅区</areaDesc>
                      <polygon>30.31,120.14 30.31,120.16 30.33,120.16 30.33,120.14 30.31,120.14</polygon>
                      <circle>30.29,120.16 5</circle>
                      <geocode><valueName>GB/T 2260</valueName><value>330105</value></geocode>
                    </area>""";

    Response importAs(String user, String xml, Map<String, String> headers) {
        return post(api.token(user), xml, headers);
    }

    Response importAs(String user, String xml) {
        return importAs(user, xml, Map.of());
    }

    /** A raw CAP document posted with the given token (null: anonymously); the answer read like {@link io.yingji.support.Api}'s. */
    Response post(@org.jspecify.annotations.Nullable String token, String xml, Map<String, String> headers) {
        return post(token, xml.getBytes(StandardCharsets.UTF_8), headers);
    }

    Response post(@org.jspecify.annotations.Nullable String token, byte[] document, Map<String, String> headers) {
        var request = RestClient.create("http://localhost:" + port).post().uri("/api/warnings/import")
                .contentType(MediaType.parseMediaType("application/cap+xml"));
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        headers.forEach(request::header);
        return request.body(document).exchange((req, res) -> {
            byte[] bytes = res.getBody().readAllBytes();
            JsonNode node = bytes.length == 0 ? api.json().missingNode() : api.json().readTree(bytes);
            return new Response(res.getStatusCode().value(), res.getHeaders(), node);
        });
    }

    static String id() {
        return "QX-" + UUID.randomUUID();
    }

    /** A sample document of src/test/resources/cap-samples as bytes, with {@code ${name}} placeholders replaced. */
    static byte[] sample(String file, java.nio.charset.Charset charset, Map<String, String> values) {
        try (var in = WarningImportIntegrationTests.class.getResourceAsStream("/cap-samples/" + file)) {
            String text = new String(in.readAllBytes(), charset);
            for (var value : values.entrySet()) {
                text = text.replace("${" + value.getKey() + "}", value.getValue());
            }
            return text.getBytes(charset);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The raw bytes an endpoint answers. */
    byte[] bytes(String user, String path) {
        return RestClient.create("http://localhost:" + port).get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + api.token(user))
                .retrieve().body(byte[].class);
    }


    @RegisterExtension
    final ModuleEvents events = new ModuleEvents();


    /** A warning of our own, drafted by {@code drafter} for its whole region and approved by {@code approver}; answers its CAP reference. */
    String publishedOwnWarning(String drafter, String approver, String regionCode) {
        Map<String, Object> body = new HashMap<>();
        body.put("level", "ORANGE");
        body.put("status", "Actual");
        body.put("scope", "Public");
        body.put("category", "Met");
        body.put("event", "暴雨");
        body.put("urgency", "Expected");
        body.put("certainty", "Likely");
        body.put("headline", "暴雨橙色预警");
        body.put("description", "预计未来6小时内将出现50毫米以上降水。");
        body.put("expires", OffsetDateTime.now(ZoneOffset.ofHours(8)).plusHours(6).truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("areas", List.of(Map.of("kind", "REGION", "regionCode", regionCode)));
        Response drafted = api.post(drafter, "/api/warnings", body);
        assertThat(drafted.status()).as(drafted.body().toString()).isEqualTo(201);
        long id = drafted.body().path("id").asLong();
        assertThat(api.post(drafter, "/api/warnings/" + id + "/submit", Map.of()).status()).isEqualTo(200);
        Response approved = api.post(approver, "/api/warnings/" + id + "/approve", Map.of());
        assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);
        String cap = api.get(approver, "/api/warnings/" + id + "/cap").body().asString();
        String sent = cap.replaceAll("(?s).*<sent>([^<]*)</sent>.*", "$1");
        return approved.body().path("sender").asString() + "," + approved.body().path("identifier").asString() + "," + sent;
    }

    String stateOf(String identifier) {
        return jdbc.sql("select state from warning where identifier = :i").param("i", identifier).query(String.class).single();
    }

    static String cancelOf(String reference) {
        return alert(id(), at(0), "Cancel", "<references>" + reference + "</references>", at(3), "");
    }

    @Test
    void anImportCannotCancelAnotherRegionsPublishedWarning() {
        String gongshus = publishedOwnWarning("gongshu", "hangzhou", "330105");
        String identifier = gongshus.split(",")[1];
        long before = count("select count(*) from warning");
        events.clear();

        Response refused = importAs("xihu", cancelOf(gongshus));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("alert.references");
        assertThat(refused.body().path("errors").get(0).path("message").asString()).isEqualTo("引用的“" + gongshus
                + "”是本平台发布的预警，不能通过导入更新或解除；请在本平台使用“更新”或“解除”（经审批）");
        Response english = importAs("xihu", cancelOf(gongshus), Map.of("Accept-Language", "en"));
        assertThat(english.body().path("errors").get(0).path("message").asString()).isEqualTo("The reference \"" + gongshus
                + "\" is a warning issued by this platform and cannot be updated or cancelled by an import; use the platform's update or cancel (with approval)");
        // not even its own issuer can end it by import: that goes through the workflow
        assertThat(importAs("gongshu", cancelOf(gongshus)).status()).isEqualTo(400);
        String update = alert(id(), at(0), "Update", "<references>" + gongshus + "</references>", at(3), GOOD_AREA);
        assertThat(importAs("hangzhou", update).errorFields()).containsExactly("alert.references");

        assertThat(stateOf(identifier)).isEqualTo("PUBLISHED");
        assertThat(count("select count(*) from warning")).isEqualTo(before);
        assertThat(events.all()).noneMatch(e -> e instanceof WarningCancelled || e instanceof WarningUpdated);
    }

    @Test
    void anImportersCancelOfItsOwnEarlierImportClosesItAndAnnouncesIt() {
        String identifier = id();
        String sent = at(0);
        long id = importAs("gongshu", alert(identifier, sent, "Alert", "", at(3), GOOD_AREA)).body().path("id").asLong();
        String updateIdentifier = id();
        String updateSent = at(0);
        String update = alert(updateIdentifier, updateSent, "Update", "<references>" + SENDER + "," + identifier + "," + sent + "</references>",
                at(4), GOOD_AREA);
        Response updated = importAs("gongshu", update);
        assertThat(updated.status()).as(updated.body().toString()).isEqualTo(201);
        assertThat(stateOf(identifier)).isEqualTo("UPDATED");
        assertThat(events.of(WarningUpdated.class)).singleElement().satisfies(e -> {
            assertThat(e.warningId()).isEqualTo(id);
            assertThat(e.updateWarningId()).isEqualTo(updated.body().path("id").asLong());
        });

        String updateRef = SENDER + "," + updateIdentifier + "," + updateSent;
        Response cancelled = importAs("gongshu", cancelOf(updateRef));
        assertThat(cancelled.status()).as(cancelled.body().toString()).isEqualTo(201);
        assertThat(stateOf(updateIdentifier)).isEqualTo("CANCELLED");
        assertThat(events.of(WarningCancelled.class)).singleElement().satisfies(e -> {
            assertThat(e.warningId()).isEqualTo(updated.body().path("id").asLong());
            assertThat(e.cancelWarningId()).isEqualTo(cancelled.body().path("id").asLong());
            assertThat(e.regionCode()).isEqualTo("330105");
        });
    }

    @Test
    void anImportCannotEndAnotherRegionsImportOrAnotherSendersAlert() {
        String identifier = id();
        String sent = at(0);
        importAs("gongshu", alert(identifier, sent, "Alert", "", at(3), GOOD_AREA));
        String reference = SENDER + "," + identifier + "," + sent;
        // 西湖区 does not know gongshu's import: as unknown as a reference to nothing at all — its Cancel is kept as a
        // message of its own (a chain 西湖区 joins in the middle) and ends nothing of 拱墅区's
        Response foreign = importAs("xihu", cancelOf(reference));
        assertThat(foreign.status()).as(foreign.body().toString()).isEqualTo(201);
        assertThat(foreign.body().path("predecessorId").isNull()).isTrue();
        assertThat(stateOf(identifier)).isEqualTo("RECEIVED");
        // another sender may not end it either
        String other = cancelOf(reference).replace("<sender>" + SENDER + "</sender>", "<sender>someone@else.example</sender>");
        Response otherSender = importAs("gongshu", other);
        assertThat(otherSender.status()).isEqualTo(400);
        assertThat(otherSender.body().path("errors").get(0).path("message").asString())
                .isEqualTo("引用的预警“" + reference + "”来自其他发送者：导入的更新或解除只能针对同一发送者此前导入的预警");
        assertThat(stateOf(identifier)).isEqualTo("RECEIVED");
        // the city above sees it and, as the same sender, may end it
        assertThat(importAs("hangzhou", cancelOf(reference)).status()).isEqualTo(201);
        assertThat(stateOf(identifier)).isEqualTo("CANCELLED");
    }

    @Test
    void anAlertClaimingThePlatformsOwnSenderIsRefused() {
        String forged = alert(id(), at(0), "Alert", "", at(3), GOOD_AREA).replace("<sender>" + SENDER + "</sender>",
                "<sender>330105@yingji.local</sender>");
        Response refused = importAs("gongshu", forged);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("alert.sender");
        assertThat(refused.body().path("errors").get(0).path("message").asString())
                .isEqualTo("发送者“330105@yingji.local”是本平台自己的发送者：本平台的预警不能作为外部预警导入");
    }


    @Test
    void aValidAlertIsStoredAsAnExternalWarningAndACancelEndsIt() {
        String identifier = id();
        String sent = at(0);
        Response imported = importAs("gongshu", alert(identifier, sent, "Alert", "", at(3), GOOD_AREA));
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(201);
        assertThat(imported.body().path("origin").asString()).isEqualTo("EXTERNAL");
        assertThat(imported.body().path("state").asString()).isEqualTo("RECEIVED");
        assertThat(imported.body().path("level").asString()).isEqualTo("ORANGE");
        assertThat(imported.body().path("areas").get(0).path("regionCode").asString()).isEqualTo("330105");
        long id = imported.body().path("id").asLong();
        // the original document is what we serve
        Response cap = api.get("gongshu", "/api/warnings/" + id + "/cap");
        assertThat(cap.body().asString()).contains("<identifier>" + identifier + "</identifier>", "杭州市气象台");
        // not ours to publish or change
        assertThat(api.post("gongshu", "/api/warnings/" + id + "/submit", Map.of()).status()).isEqualTo(409);

        String again = importAs("gongshu", alert(identifier, sent, "Alert", "", at(3), GOOD_AREA)).detail();
        assertThat(again).isEqualTo("发送者“" + SENDER + "”标识为“" + identifier + "”的预警已存在（重复导入）");

        String cancel = alert(id(), at(0), "Cancel", "<references>" + SENDER + "," + identifier + "," + sent + "</references>", at(3), "");
        Response cancelled = importAs("gongshu", cancel);
        assertThat(cancelled.status()).as(cancelled.body().toString()).isEqualTo(201);
        assertThat(cancelled.body().path("references").get(0).asString()).isEqualTo(SENDER + "," + identifier + "," + sent);
        assertThat(api.get("gongshu", "/api/warnings/" + id).body().path("warning").path("state").asString()).isEqualTo("CANCELLED");
        assertThat(count("select count(*) from audit_event where action = 'warning.import' and entity_id = '" + id + "'")).isEqualTo(1);
    }

    @Test
    void everySemanticErrorIsReportedWithLineAndColumnAndNothingIsWritten() {
        long before = count("select count(*) from warning");
        String badArea = """
                <area>
                          <areaDesc>错误区域</areaDesc>
                          <polygon>30.31,120.14 30.31,120.16 30.33,120.16</polygon>
                          <circle>30.29,120.16 -1</circle>
                          <geocode><valueName>GB/T 2260</valueName><value>339999</value></geocode>
                        </area>""";
        String xml = alert(id(), at(0), "Update", "<restriction>仅限内部</restriction>", at(-1), badArea);
        Response refused = importAs("gongshu", xml);
        assertThat(refused.status()).isEqualTo(400);
        List<JsonNode> errors = refused.body().path("errors").valueStream().toList();
        assertThat(errors).extracting(e -> e.path("field").asString()).containsExactlyInAnyOrder(
                "alert.restriction", "alert.references", "alert.info[0].expires", "alert.info[0].area[0].polygon[0]",
                "alert.info[0].area[0].circle[0]", "alert.info[0].area[0].geocode[0]");
        assertThat(errors).allSatisfy(e -> {
            assertThat(e.path("line").asInt()).isPositive();
            assertThat(e.path("column").asInt()).isPositive();
        });
        JsonNode polygon = errors.stream().filter(e -> e.path("field").asString().endsWith("polygon[0]")).findFirst().orElseThrow();
        assertThat(polygon.path("line").asInt()).isEqualTo(lineOf(xml, "<polygon>"));
        assertThat(polygon.path("message").asString()).isEqualTo("多边形至少需要 4 个坐标点（首尾相同）");
        JsonNode expires = errors.stream().filter(e -> e.path("field").asString().endsWith("expires")).findFirst().orElseThrow();
        assertThat(expires.path("message").asString()).isEqualTo("失效时间须晚于发送时间");
        assertThat(errors.stream().filter(e -> e.path("field").asString().equals("alert.references")).findFirst().orElseThrow()
                .path("message").asString()).isEqualTo("消息类型为 Update 时须在 references 中引用被替代的预警");

        Response english = importAs("gongshu", xml, Map.of("Accept-Language", "en"));
        assertThat(english.body().path("errors").valueStream().map(e -> e.path("message").asString()))
                .contains("The expiry time must be after the sent time", "Region code \"339999\" does not exist");
        JsonNode circle = errors.stream().filter(e -> e.path("field").asString().endsWith("circle[0]")).findFirst().orElseThrow();
        assertThat(circle.path("message").asString()).isEqualTo("圆形区域半径不能为负数");
        assertThat(count("select count(*) from warning")).isEqualTo(before);
    }

    static int lineOf(String xml, String text) {
        String[] lines = xml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        return -1;
    }

    @Test
    void aDocumentAgainstTheSchemaIsRefusedWithWhereItIsWrong() {
        String xml = alert(id(), at(0), "Alert", "", at(3), GOOD_AREA).replace("<urgency>Expected</urgency>", "<urgency>Soon</urgency>")
                .replace("<sent>", "<sent>x");
        Response refused = importAs("gongshu", xml);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").size()).isGreaterThanOrEqualTo(2);
        assertThat(refused.body().path("errors").valueStream().map(e -> e.path("message").asString()))
                .allMatch(m -> m.startsWith("不符合 CAP 1.2 模式："));
        assertThat(refused.body().path("errors").valueStream().map(e -> e.path("line").asInt()))
                .contains(lineOf(xml, "<urgency>"), lineOf(xml, "<sent>"));
        // a sent time in UTC "Z" is not CAP
        String zulu = alert(id(), "2026-11-23T06:00:00Z", "Alert", "", at(3), GOOD_AREA);
        assertThat(importAs("gongshu", zulu).status()).isEqualTo(400);
        Response notXml = importAs("gongshu", "this is not xml");
        assertThat(notXml.status()).isEqualTo(400);
        assertThat(notXml.body().path("errors").get(0).path("message").asString()).startsWith("XML 格式错误：");
    }

    @Test
    void externalEntitiesAreNeverResolved() {
        long before = count("select count(*) from warning");
        String xxe = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE alert [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
                """ + alert(id(), at(0), "Alert", "", at(3), GOOD_AREA).replaceFirst("<\\?xml[^>]*>\\s*", "")
                .replace("<event>暴雨</event>", "<event>&secret;</event>");
        Response refused = importAs("gongshu", xxe);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString()).doesNotContain("root:");
        assertThat(refused.body().path("errors").get(0).path("message").asString()).startsWith("不接受含 DOCTYPE");
        assertThat(count("select count(*) from warning")).isEqualTo(before);
    }

    static String geocodeArea(String desc, String code) {
        return "<area><areaDesc>" + desc + "</areaDesc><geocode><valueName>GB/T 2260</valueName><value>" + code + "</value></geocode></area>";
    }

    @Test
    void aRegionScopedImportOfAnAlertEntirelyOutsideTheRegionIsRefused() {
        long before = count("select count(*) from warning");
        Response refused = importAs("xihu", alert(id(), at(0), "Alert", "", at(3), geocodeArea("拱墅区", "330105")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("alert.info[0].area");
        assertThat(refused.body().path("errors").get(0).path("message").asString()).isEqualTo("预警区域全部位于您的管辖范围之外，不能导入到本辖区");
        assertThat(refused.body().path("errors").get(0).path("line").asInt()).isPositive();
        String farAway = "<area><areaDesc>宁波港</areaDesc><circle>29.87,121.55 5</circle></area>";
        Response english = importAs("xihu", alert(id(), at(0), "Alert", "", at(3), farAway), Map.of("Accept-Language", "en"));
        assertThat(english.body().path("errors").get(0).path("message").asString())
                .isEqualTo("All of the alert's areas lie outside your jurisdiction; it cannot be imported here");
        assertThat(count("select count(*) from warning")).isEqualTo(before);
        // an alert for the whole province concerns 西湖区 too; one for 拱墅区 and 西湖区 as well; 拱墅区 takes its own
        assertThat(importAs("xihu", alert(id(), at(0), "Alert", "", at(3), geocodeArea("浙江省", "330000"))).status()).isEqualTo(201);
        assertThat(importAs("xihu", alert(id(), at(0), "Alert", "", at(3), geocodeArea("拱墅区", "330105") + geocodeArea("西湖区", "330106")))
                .status()).isEqualTo(201);
        assertThat(importAs("gongshu", alert(id(), at(0), "Alert", "", at(3), geocodeArea("拱墅区", "330105"))).status()).isEqualTo(201);
    }

    // issue 11: alerts of other senders that CAP 1.2 allows

    @Test
    void hour24InSentEffectiveAndExpiresIsTheNextDaysMidnight() {
        String xml = alert(id(), "2026-12-07T24:00:00+08:00", "Alert", "", "2026-12-08T24:00:00+08:00", GOOD_AREA)
                .replace("<expires>", "<effective>2026-12-07T24:00:00+08:00</effective><expires>");
        Response imported = importAs("gongshu", xml);
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(201);
        assertThat(java.time.Instant.parse(imported.body().path("sent").asString())).isEqualTo(java.time.Instant.parse("2026-12-07T16:00:00Z"));
        assertThat(java.time.Instant.parse(imported.body().path("effective").asString()))
                .isEqualTo(java.time.Instant.parse("2026-12-07T16:00:00Z"));
        assertThat(java.time.Instant.parse(imported.body().path("expires").asString()))
                .isEqualTo(java.time.Instant.parse("2026-12-08T16:00:00Z"));
    }

    @Test
    void aPublicAlertWithAnEmptyRestrictionAddressesLongTextsAndAPointCircleIsStoredWhole() {
        String identifier = id();
        String headline = "Special weather statement in effect: ".repeat(6);
        String event = "freezing rain and snowfall with strong winds ".repeat(4);
        String description = "Significant icing is likely. ".repeat(200);
        assertThat(headline.strip()).hasSizeGreaterThan(160);
        assertThat(event.strip()).hasSizeGreaterThan(128);
        assertThat(description.strip()).hasSizeGreaterThan(4000);
        byte[] document = sample("naad-public-alert.xml", StandardCharsets.UTF_8,
                Map.of("identifier", identifier, "headline", headline, "event", event, "description", description));

        Response imported = post(api.token("gongshu"), document, Map.of());
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(201);
        assertThat(imported.body().path("headline").asString()).isEqualTo(headline.strip());
        assertThat(imported.body().path("event").asString()).isEqualTo(event.strip());
        assertThat(imported.body().path("description").asString()).isEqualTo(description.strip());
        assertThat(imported.body().path("restriction").isNull()).isTrue();
        assertThat(imported.body().path("addresses").valueStream().map(JsonNode::asString)).containsExactly("naad-subscribers", "weather radio");
        assertThat(imported.body().path("areas").get(0).path("circle").asString()).isEqualTo("30.29,120.16 0");
        assertThat(java.time.Instant.parse(imported.body().path("expires").asString())).isEqualTo(java.time.Instant.parse("2026-12-08T05:00:00Z"));
        assertThat(jdbc.sql("select length(headline) from warning where identifier = :i").param("i", identifier).query(Integer.class).single())
                .isEqualTo(headline.strip().length());
    }

    @Test
    void anIso88591DocumentIsReadInItsDeclaredEncodingAndServedAsItCame() {
        String identifier = id();
        byte[] latin1 = sample("marn-latin1.xml", StandardCharsets.ISO_8859_1, Map.of("identifier", identifier));
        Response imported = post(api.token("gongshu"), latin1, Map.of());
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(201);
        assertThat(imported.body().path("headline").asString()).isEqualTo("Alerta naranja en Usulután");
        byte[] served = bytes("gongshu", "/api/warnings/" + imported.body().path("id").asLong() + "/cap");
        assertThat(served).isEqualTo(latin1);
        assertThat(jdbc.sql("select cap_xml from warning where identifier = :i").param("i", identifier).query(String.class).single())
                .contains("Departamento de Usulután").doesNotContain("\uFFFD");
    }

    @Test
    void bytesThatAreNotValidInTheDeclaredEncodingAreRefusedSayingWhere() {
        long before = count("select count(*) from warning");
        // the ISO-8859-1 document with its declaration changed to UTF-8: "á" (0xE1) starts no UTF-8 sequence
        byte[] latin1 = sample("marn-latin1.xml", StandardCharsets.ISO_8859_1, Map.of("identifier", id()));
        byte[] mislabelled = new String(latin1, StandardCharsets.ISO_8859_1).replace("ISO-8859-1", "UTF-8")
                .getBytes(StandardCharsets.ISO_8859_1);
        Response refused = post(api.token("gongshu"), mislabelled, Map.of());
        assertThat(refused.status()).isEqualTo(400);
        int offset = new String(mislabelled, StandardCharsets.ISO_8859_1).indexOf('á');
        JsonNode error = refused.body().path("errors").get(0);
        assertThat(error.path("message").asString()).isEqualTo("文档不是有效的 UTF-8 编码（自第 " + offset
                + " 个字节起）：请按 XML 声明（encoding）所写的编码提交，未声明时须为 UTF-8");
        assertThat(error.path("line").asInt()).isEqualTo(lineOf(new String(mislabelled, StandardCharsets.ISO_8859_1), "Usulut"));
        Response english = post(api.token("gongshu"), mislabelled, Map.of("Accept-Language", "en"));
        assertThat(english.body().path("errors").get(0).path("message").asString()).startsWith("The document is not valid UTF-8 (from byte ");

        byte[] unknown = new String(latin1, StandardCharsets.ISO_8859_1).replace("ISO-8859-1", "x-no-such-charset")
                .getBytes(StandardCharsets.ISO_8859_1);
        Response unknownEncoding = post(api.token("gongshu"), unknown, Map.of());
        assertThat(unknownEncoding.status()).isEqualTo(400);
        assertThat(unknownEncoding.body().path("errors").get(0).path("message").asString())
                .isEqualTo("不支持 XML 声明中的字符编码“x-no-such-charset”");
        assertThat(count("select count(*) from warning")).isEqualTo(before);
    }

    @Test
    void identifiersAreUniquePerSenderNotAcrossSenders() {
        String identifier = "2026-12-07-001-" + UUID.randomUUID();
        String ours = alert(identifier, at(0), "Alert", "", at(3), GOOD_AREA);
        assertThat(importAs("gongshu", ours).status()).isEqualTo(201);
        String theirs = ours.replace("<sender>" + SENDER + "</sender>", "<sender>alerts@neighbour.example</sender>");
        Response other = importAs("gongshu", theirs);
        assertThat(other.status()).as(other.body().toString()).isEqualTo(201);
        Response again = importAs("gongshu", theirs);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errorFields()).containsExactly("alert.identifier");
        assertThat(again.detail()).isEqualTo("发送者“alerts@neighbour.example”标识为“" + identifier + "”的预警已存在（重复导入）");
        // an Update of the second sender ends its own alert only
        String reference = theirsReference(other);
        String update = alert(id(), at(0), "Update", "<references>" + reference + "</references>", at(4), GOOD_AREA)
                .replace("<sender>" + SENDER + "</sender>", "<sender>alerts@neighbour.example</sender>");
        Response updated = importAs("gongshu", update);
        assertThat(updated.status()).as(updated.body().toString()).isEqualTo(201);
        assertThat(updated.body().path("predecessorId").asLong()).isEqualTo(other.body().path("id").asLong());
        assertThat(jdbc.sql("select state from warning where sender = :s and identifier = :i").param("s", SENDER).param("i", identifier)
                .query(String.class).single()).isEqualTo("RECEIVED");
    }

    /** The CAP reference of an imported message, from its JSON (sent as CAP writes it, in Beijing time). */
    static String theirsReference(Response imported) {
        return imported.body().path("sender").asString() + "," + imported.body().path("identifier").asString() + ","
                + java.time.Instant.parse(imported.body().path("sent").asString()).atOffset(ZoneOffset.ofHours(8)).format(CAP_TIME);
    }

    @Test
    void anEmptyBodyIsToldThatACapDocumentIsExpected() {
        Response empty = importAs("gongshu", "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.detail()).isEqualTo("请提交 CAP 1.2 XML 文档");
        assertThat(importAs("gongshu", "", Map.of("Accept-Language", "en")).detail()).isEqualTo("Send a CAP 1.2 XML document");
    }

    @Test
    void anUpdateOrCancelCannotChangeTheStatusOfItsChain() {
        String identifier = id();
        String sent = at(0);
        String exercise = alert(identifier, sent, "Alert", "", at(3), GOOD_AREA).replace("<status>Actual</status>", "<status>Exercise</status>");
        assertThat(importAs("gongshu", exercise).status()).isEqualTo(201);
        String reference = SENDER + "," + identifier + "," + sent;
        Response actual = importAs("gongshu", alert(id(), at(0), "Update", "<references>" + reference + "</references>", at(4), GOOD_AREA));
        assertThat(actual.status()).isEqualTo(400);
        assertThat(actual.errorFields()).containsExactly("alert.status");
        assertThat(actual.detail()).isEqualTo("同一预警链中的信息须保持同一状态：被更新或解除的预警为 Exercise，不能改为 Actual");
        assertThat(stateOf(identifier)).isEqualTo("RECEIVED");
        Response sameStatus = importAs("gongshu", alert(id(), at(0), "Update", "<references>" + reference + "</references>", at(4), GOOD_AREA)
                .replace("<status>Actual</status>", "<status>Exercise</status>"));
        assertThat(sameStatus.status()).as(sameStatus.body().toString()).isEqualTo(201);
        assertThat(stateOf(identifier)).isEqualTo("UPDATED");
    }

    @Test
    void aReceiverJoiningMidChainImportsTheLatestUpdateAsTheStartOfItsChain() {
        String first = SENDER + "," + id() + "," + at(-2);
        String second = SENDER + "," + id() + "," + at(-1);
        String identifier = id();
        String sent = at(0);
        Response joined = importAs("gongshu", alert(identifier, sent, "Update", "<references>" + first + " " + second + "</references>",
                at(4), GOOD_AREA));
        assertThat(joined.status()).as(joined.body().toString()).isEqualTo(201);
        assertThat(joined.body().path("msgType").asString()).isEqualTo("Update");
        assertThat(joined.body().path("predecessorId").isNull()).isTrue();
        assertThat(joined.body().path("references").valueStream().map(JsonNode::asString)).containsExactly(first, second);
        assertThat(stateOf(identifier)).isEqualTo("RECEIVED");
        // the chain goes on from there
        Response cancelled = importAs("gongshu", cancelOf(SENDER + "," + identifier + "," + sent));
        assertThat(cancelled.status()).as(cancelled.body().toString()).isEqualTo(201);
        assertThat(cancelled.body().path("predecessorId").asLong()).isEqualTo(joined.body().path("id").asLong());
        assertThat(stateOf(identifier)).isEqualTo("CANCELLED");

        // a Cancel of alerts never received that carries no info has nothing to record
        long before = count("select count(*) from warning");
        String bare = """
                <?xml version="1.0" encoding="UTF-8"?>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <identifier>%s</identifier>
                  <sender>%s</sender>
                  <sent>%s</sent>
                  <status>Actual</status>
                  <msgType>Cancel</msgType>
                  <scope>Public</scope>
                  <references>%s</references>
                </alert>
                """.formatted(id(), SENDER, at(0), first);
        Response nothing = importAs("gongshu", bare);
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(nothing.errorFields()).containsExactly("alert.references");
        assertThat(nothing.detail()).isEqualTo("解除信息引用的预警均未收到过，且其本身不含 info（预警信息），无可登记的内容");
        // a reference whose time is not a CAP time is still refused
        Response badTime = importAs("gongshu", alert(id(), at(0), "Update", "<references>" + SENDER + ",x,yesterday</references>",
                at(4), GOOD_AREA));
        assertThat(badTime.errorFields()).containsExactly("alert.references");
        assertThat(count("select count(*) from warning")).isEqualTo(before);
    }

    @Test
    void onlyDraftersImport() {
        String xml = alert(id(), at(0), "Alert", "", at(3), GOOD_AREA);
        assertThat(importAs("wangge", xml).status()).isEqualTo(403);
        assertThat(importAs("qiye", xml).status()).isEqualTo(403);
        // without a token the CSRF check answers first (403), else 401
        assertThat(post(null, xml, Map.of()).status()).isIn(401, 403);
        assertThat(importAs("gongshu", "").status()).isEqualTo(400);
    }
}
