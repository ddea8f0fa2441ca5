package io.yingji.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.MutableClock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every resource with a PUT takes back the representation its GET answered: the server's own fields
 * (readOnly in the API document) are accepted and ignored — even when a client changed them — while
 * a field the resource does not have is still refused.
 */
class GetPutRoundTripIntegrationTests extends ApiTest {

    @Autowired
    MutableClock clock;

    @Test
    void anEnterpriseAsReadCanBePutBackAndItsServerFieldsAreIgnored() {
        long id = api.get("gongshu", "/api/enterprises?size=1").body().path("content").get(0).path("id").asLong();
        JsonNode read = api.get("gongshu", "/api/enterprises/" + id).body();

        Response same = api.put("gongshu", "/api/enterprises/" + id, read.toString());
        assertThat(same.status()).as("%s", same.body()).isEqualTo(200);
        assertUnchanged(read, same.body(), Set.of("version", "updatedAt"));

        ObjectNode forged = (ObjectNode) same.body().deepCopy();
        forged.put("id", id + 100_000).put("regionName", "伪造区").put("majorHazard", !read.path("majorHazard").asBoolean())
                .put("createdAt", "2000-01-01T00:00:00Z").put("updatedAt", "2000-01-01T00:00:00Z");
        Response ignored = api.put("gongshu", "/api/enterprises/" + id, forged.toString());
        assertThat(ignored.status()).as("%s", ignored.body()).isEqualTo(200);
        assertUnchanged(read, ignored.body(), Set.of("version", "updatedAt"));
        assertThat(ignored.body().path("updatedAt").asString()).isNotEqualTo("2000-01-01T00:00:00Z");
        assertThat(count("select count(*) from enterprise where id = " + (id + 100_000))).isZero();

        refusesAnUnknownField("/api/enterprises/" + id, api.get("gongshu", "/api/enterprises/" + id).body());
    }

    @Test
    void aDeviceAsReadCanBePutBackAndItsServerFieldsAreIgnored() {
        long id = api.get("gongshu", "/api/devices?size=1").body().path("content").get(0).path("id").asLong();
        JsonNode read = api.get("gongshu", "/api/devices/" + id).body();

        Response same = api.put("gongshu", "/api/devices/" + id, read.toString());
        assertThat(same.status()).as("%s", same.body()).isEqualTo(200);
        assertUnchanged(read, same.body(), Set.of("online", "lastSeenAt", "version"));

        ObjectNode forged = (ObjectNode) same.body().deepCopy(); // with the version the first PUT moved on
        forged.put("id", id + 100_000).put("regionName", "伪造区").put("industry", "CONSTRUCTION").put("enterpriseName", "伪造企业")
                .put("hasKey", !read.path("hasKey").asBoolean()).put("online", true).put("lastSeenAt", "2000-01-01T00:00:00Z")
                .put("openAlarms", 99).put("createdAt", "2000-01-01T00:00:00Z");
        Response ignored = api.put("gongshu", "/api/devices/" + id, forged.toString());
        assertThat(ignored.status()).as("%s", ignored.body()).isEqualTo(200);
        assertUnchanged(read, ignored.body(), Set.of("online", "lastSeenAt", "version"));
        assertThat(ignored.body().path("lastSeenAt").asString()).isNotEqualTo("2000-01-01T00:00:00Z");

        refusesAnUnknownField("/api/devices/" + id, api.get("gongshu", "/api/devices/" + id).body());
    }

    @Test
    void aRiskPointAsReadCanBePutBackAndItsServerFieldsAreIgnored() {
        long id = api.get("gongshu", "/api/risk-points?size=1").body().path("content").get(0).path("id").asLong();
        JsonNode read = api.get("gongshu", "/api/risk-points/" + id).body().path("point");

        Response same = api.put("gongshu", "/api/risk-points/" + id, read.toString());
        assertThat(same.status()).as("%s", same.body()).isEqualTo(200);
        assertUnchanged(read, same.body(), Set.of("version"));

        ObjectNode forged = (ObjectNode) same.body().deepCopy();
        forged.put("id", id + 100_000).put("enterpriseId", 1).put("enterpriseName", "伪造企业").put("regionCode", "330106")
                .put("score", 999).put("level", read.path("level").asString().equals("RED") ? "BLUE" : "RED")
                .put("assessedAt", "2000-01-01T00:00:00Z").put("assessedBy", "伪造者");
        Response ignored = api.put("gongshu", "/api/risk-points/" + id, forged.toString());
        assertThat(ignored.status()).as("%s", ignored.body()).isEqualTo(200);
        assertUnchanged(read, ignored.body(), Set.of("version"));

        refusesAnUnknownField("/api/risk-points/" + id, ignored.body());
    }

    @Test
    void aWarningDraftAsReadCanBePutBackAndItsServerFieldsAreIgnored() {
        Response drafted = api.post("mishixiang", "/api/warnings", rainstormDraft());
        assertThat(drafted.status()).as("%s", drafted.body()).isEqualTo(201);
        long id = drafted.body().path("id").asLong();
        JsonNode read = api.get("mishixiang", "/api/warnings/" + id).body().path("warning");

        Response same = api.put("mishixiang", "/api/warnings/" + id, read.toString());
        assertThat(same.status()).as("%s", same.body()).isEqualTo(200);
        assertUnchanged(read, same.body(), Set.of("version", "updatedAt"));

        ObjectNode forged = (ObjectNode) same.body().deepCopy();
        forged.put("id", id + 100_000).put("identifier", "forged-identifier").put("sender", "forged@example.org")
                .put("sent", "2000-01-01T00:00:00Z").put("state", "PUBLISHED").put("active", true).put("msgType", "Cancel")
                .put("severity", "Extreme").put("language", "en-US").put("regionCode", "330106")
                .put("draftedBy", "伪造者").put("approvedBy", "伪造者").put("rejectReason", "伪造").put("origin", "IMPORTED")
                .put("createdAt", "2000-01-01T00:00:00Z").put("predecessorId", 1);
        forged.putArray("references").add("forged,forged,2000-01-01T00:00:00+08:00");
        ((ObjectNode) forged.path("areas").get(1)).putArray("polygons").add("0,0 0,1 1,1 0,0");
        Response ignored = api.put("mishixiang", "/api/warnings/" + id, forged.toString());
        assertThat(ignored.status()).as("%s", ignored.body()).isEqualTo(200);
        assertUnchanged(read, ignored.body(), Set.of("version", "updatedAt"));

        refusesAnUnknownField("/api/warnings/" + id, ignored.body(), "mishixiang");
        ObjectNode unknownInArea = (ObjectNode) ignored.body().deepCopy();
        ((ObjectNode) unknownInArea.path("areas").get(0)).put("colour", "red");
        Response refused = api.put("mishixiang", "/api/warnings/" + id, unknownInArea.toString());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail()).contains("colour");
        assertThat(api.delete("mishixiang", "/api/warnings/" + id).status()).isEqualTo(204);
    }

    /**
     * In the API document, a field of what GET answers that the PUT body does not take is the server's and
     * marked readOnly; the fields the PUT body takes are not.
     */
    @Test
    void theApiDocumentMarksTheServerFieldsOfEveryPutResourceReadOnly() {
        JsonNode schemas = api.send(HttpMethod.GET, "/v3/api-docs", null, null, Map.of()).body().path("components").path("schemas");
        Map<String, String> putBodyOf = Map.of("Enterprise", "EnterpriseDraft", "DeviceView", "DeviceDraft",
                "RiskPoint", "RiskPointDraft", "WarningView", "WarningDraft", "AreaView", "Area");
        Map<String, Set<String>> readOnly = new HashMap<>();
        putBodyOf.forEach((view, body) -> {
            JsonNode viewProperties = schemas.path(view).path("properties");
            JsonNode bodyProperties = schemas.path(body).path("properties");
            assertThat(viewProperties.isEmpty()).as(view).isFalse();
            assertThat(bodyProperties.isEmpty()).as(body).isFalse();
            for (String name : viewProperties.propertyNames()) {
                boolean marked = viewProperties.path(name).path("readOnly").asBoolean(false);
                assertThat(marked).as("%s.%s readOnly", view, name).isEqualTo(!bodyProperties.has(name));
                if (marked) {
                    readOnly.computeIfAbsent(view, v -> new LinkedHashSet<>()).add(name);
                }
            }
        });
        assertThat(readOnly.get("Enterprise")).containsExactlyInAnyOrder("id", "regionName", "majorHazard", "createdAt", "updatedAt");
        assertThat(readOnly.get("DeviceView")).contains("id", "openAlarms", "online", "lastSeenAt", "createdAt");
        assertThat(readOnly.get("RiskPoint")).contains("id", "score", "level", "assessedAt");
        assertThat(readOnly.get("WarningView")).contains("id", "identifier", "sender", "state", "msgType", "references");
        assertThat(readOnly.get("AreaView")).containsExactly("polygons");
    }

    private void refusesAnUnknownField(String path, JsonNode read) {
        refusesAnUnknownField(path, read, "gongshu");
    }

    private void refusesAnUnknownField(String path, JsonNode read, String username) {
        ObjectNode unknown = (ObjectNode) read.deepCopy();
        unknown.put("nickname", "x");
        Response refused = api.put(username, path, unknown.toString());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail()).isEqualTo("未知字段“nickname”");
        assertThat(refused.errorFields()).containsExactly("nickname");
    }

    /** Every field of {@code after} equals {@code before}'s, except those the server moves on a change. */
    private static void assertUnchanged(JsonNode before, JsonNode after, Set<String> moving) {
        Set<String> names = new LinkedHashSet<>(before.propertyNames());
        assertThat(after.propertyNames()).containsExactlyInAnyOrderElementsOf(names);
        for (String name : names) {
            if (!moving.contains(name)) {
                assertThat(after.path(name)).as(name).isEqualTo(before.path(name));
            }
        }
    }

    private Map<String, Object> rainstormDraft() {
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = new HashMap<>();
        body.put("level", "BLUE");
        body.put("status", "Exercise");
        body.put("scope", "Public");
        body.put("category", "Met");
        body.put("event", "暴雨");
        body.put("responseType", "Prepare");
        body.put("urgency", "Expected");
        body.put("certainty", "Likely");
        body.put("headline", "米市巷街道暴雨蓝色预警（演练）");
        body.put("description", "预计未来6小时内将出现50毫米以上降水。");
        body.put("instruction", "请远离低洼地带。");
        body.put("effective", now.plusHours(1).toString());
        body.put("expires", now.plusHours(7).toString());
        body.put("senderName", "米市巷街道");
        body.put("areas", List.of(Map.of("kind", "REGION", "regionCode", "330105001"),
                Map.of("kind", "POLYGON", "areaDesc", "运河沿岸低洼区",
                        "polygon", "30.284,120.157 30.284,120.163 30.292,120.163 30.292,120.157 30.284,120.157")));
        return body;
    }
}
