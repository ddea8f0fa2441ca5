package io.yingji.warning;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
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
        var request = RestClient.create("http://localhost:" + port).post().uri("/api/warnings/import")
                .contentType(MediaType.parseMediaType("application/cap+xml"));
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        headers.forEach(request::header);
        return request.body(xml.getBytes(StandardCharsets.UTF_8)).exchange((req, res) -> {
            byte[] bytes = res.getBody().readAllBytes();
            JsonNode node = bytes.length == 0 ? api.json().missingNode() : api.json().readTree(bytes);
            return new Response(res.getStatusCode().value(), res.getHeaders(), node);
        });
    }

    static String id() {
        return "QX-" + UUID.randomUUID();
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
        assertThat(again).isEqualTo("标识“" + identifier + "”的预警已存在（重复导入）");

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
                          <circle>30.29,120.16 0</circle>
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
        String unknownRef = alert(id(), at(0), "Cancel", "<references>" + SENDER + ",nope," + at(-2) + "</references>", at(3), GOOD_AREA);
        assertThat(importAs("gongshu", unknownRef).body().path("errors").get(0).path("message").asString())
                .startsWith("引用的预警“" + SENDER + ",nope,");
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
