package io.yingji.warning;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.AtOnce;
import io.yingji.support.ModuleEvents;
import io.yingji.support.MutableClock;
import io.yingji.warning.internal.WarningExpiry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Every warning step fired ten times at once: one wins, one history step, one event. */
class WarningConcurrencyIntegrationTests extends ApiTest {

    @RegisterExtension
    final ModuleEvents events = new ModuleEvents();

    @Autowired
    MutableClock clock;

    @Autowired
    WarningExpiry expiry;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Map<String, Object> rainstorm(Duration expiresIn) {
        Map<String, Object> body = new HashMap<>();
        body.put("level", "YELLOW");
        body.put("status", "Actual");
        body.put("scope", "Public");
        body.put("category", "Met");
        body.put("event", "暴雨");
        body.put("urgency", "Expected");
        body.put("certainty", "Likely");
        body.put("headline", "米市巷街道暴雨黄色预警");
        body.put("description", "预计未来6小时内将出现50毫米以上降水。");
        body.put("expires", OffsetDateTime.now(clock).plus(expiresIn).truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("areas", List.of(Map.of("kind", "REGION", "regionCode", "330105001")));
        return body;
    }

    private long drafted() {
        Response drafted = api.post("mishixiang", "/api/warnings", rainstorm(Duration.ofHours(6)));
        assertThat(drafted.status()).as(drafted.body().toString()).isEqualTo(201);
        api.token("gongshu");
        return drafted.body().path("id").asLong();
    }

    private long submitted() {
        long id = drafted();
        assertThat(api.post("mishixiang", "/api/warnings/" + id + "/submit", Map.of()).status()).isEqualTo(200);
        return id;
    }

    private long published() {
        long id = submitted();
        assertThat(api.post("gongshu", "/api/warnings/" + id + "/approve", Map.of()).status()).isEqualTo(200);
        events.clear();
        return id;
    }

    private long steps(long id, String action) {
        return jdbc.sql("select count(*) from warning_event where warning_id = :id and action = :action")
                .param("id", id).param("action", action).query(Long.class).single();
    }

    private String state(long id) {
        return jdbc.sql("select state from warning where id = :id").param("id", id).query(String.class).single();
    }

    @Test
    void tenSubmissionsAtOnceSubmitOnce() {
        long id = drafted();
        AtOnce.exactlyOneWins(() -> api.post("mishixiang", "/api/warnings/" + id + "/submit", Map.of()));
        assertThat(steps(id, "submit")).isEqualTo(1);
        assertThat(state(id)).isEqualTo("SUBMITTED");
    }

    @Test
    void tenApprovalsAtOncePublishOnce() {
        long id = submitted();
        events.clear();
        AtOnce.exactlyOneWins(() -> api.post("gongshu", "/api/warnings/" + id + "/approve", Map.of()));
        assertThat(steps(id, "approve")).isEqualTo(1);
        assertThat(state(id)).isEqualTo("PUBLISHED");
        assertThat(events.of(WarningPublished.class).stream().filter(e -> e.warningId() == id)).hasSize(1);
    }

    @Test
    void tenRejectionsAtOnceRejectOnce() {
        long id = submitted();
        AtOnce.exactlyOneWins(() -> api.post("gongshu", "/api/warnings/" + id + "/reject", Map.of("reason", "影响范围不准确")));
        assertThat(steps(id, "reject")).isEqualTo(1);
        assertThat(state(id)).isEqualTo("REJECTED");
    }

    @Test
    void tenEditsOfTheSameVersionAtOnceSaveOne() {
        long id = drafted();
        int version = api.get("mishixiang", "/api/warnings/" + id).body().path("warning").path("version").asInt();
        Map<String, Object> edited = rainstorm(Duration.ofHours(5));
        edited.put("version", version);
        AtOnce.exactlyOneWins(() -> api.put("mishixiang", "/api/warnings/" + id, edited));
        assertThat(steps(id, "edit")).isEqualTo(1);
        assertThat(api.get("mishixiang", "/api/warnings/" + id).body().path("warning").path("version").asInt()).isEqualTo(version + 1);
    }

    @Test
    void tenDiscardsOfADraftAtOnceDiscardItOnce() {
        long id = drafted();
        List<Response> answers = AtOnce.fire(AtOnce.TIMES, () -> api.delete("mishixiang", "/api/warnings/" + id));

        // one deletes it; the others are told it changed meanwhile (409) or, coming later, that it is gone (404)
        assertThat(answers.stream().filter(r -> r.status() == 204)).hasSize(1);
        assertThat(answers.stream().filter(r -> r.status() != 204)).allSatisfy(r -> {
            assertThat(r.status()).as(r.body().toString()).isIn(404, 409);
            assertThat(String.valueOf(r.headers().getContentType())).startsWith("application/problem+json");
        });
        assertThat(count("select count(*) from warning where id = " + id)).isZero();
        assertThat(count("select count(*) from audit_event where entity_type = 'warning' and entity_id = '" + id
                + "' and action = 'warning.discard'")).isEqualTo(1);
    }

    @Test
    void tenCancellationsAtOnceIssueOneCancel() {
        long id = published();
        AtOnce.exactlyOneWins(() -> api.post("gongshu", "/api/warnings/" + id + "/cancel", Map.of("reason", "降雨已减弱")));
        assertThat(state(id)).isEqualTo("CANCELLED");
        assertThat(count("select count(*) from warning where predecessor_id = " + id + " and msg_type = 'Cancel'")).isEqualTo(1);
        assertThat(events.of(WarningCancelled.class).stream().filter(e -> e.warningId() == id)).hasSize(1);
    }

    @Test
    void twoUpdatesOfOneWarningApprovedAtOnceReplaceItOnce() {
        long id = published();
        List<Long> updates = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Response update = api.post("mishixiang", "/api/warnings/" + id + "/update", rainstorm(Duration.ofHours(4)));
            assertThat(update.status()).as(update.body().toString()).isEqualTo(201);
            long updateId = update.body().path("id").asLong();
            assertThat(api.post("mishixiang", "/api/warnings/" + updateId + "/submit", Map.of()).status()).isEqualTo(200);
            updates.add(updateId);
        }
        AtomicInteger next = new AtomicInteger();
        AtOnce.exactlyOneWins(AtOnce.fire(2, () -> api.post("gongshu", "/api/warnings/" + updates.get(next.getAndIncrement()) + "/approve", Map.of())));
        assertThat(state(id)).isEqualTo("UPDATED");
        assertThat(steps(id, "superseded")).isEqualTo(1);
        assertThat(events.of(WarningUpdated.class).stream().filter(e -> e.warningId() == id)).hasSize(1);
        assertThat(updates.stream().map(this::state)).containsExactlyInAnyOrder("PUBLISHED", "SUBMITTED");
    }

    @Test
    void twoExpiryPassesAtOnceExpireAWarningOnce() {
        Response drafted = api.post("mishixiang", "/api/warnings", rainstorm(Duration.ofHours(1)));
        long id = drafted.body().path("id").asLong();
        api.post("mishixiang", "/api/warnings/" + id + "/submit", Map.of());
        assertThat(api.post("gongshu", "/api/warnings/" + id + "/approve", Map.of()).status()).isEqualTo(200);
        clock.advance(Duration.ofHours(2));
        events.clear();

        AtOnce.fire(2, () -> new Response(200, new HttpHeaders(), api.json().getNodeFactory().numberNode(expiry.run())));

        assertThat(state(id)).isEqualTo("EXPIRED");
        assertThat(steps(id, "expire")).isEqualTo(1);
        assertThat(events.of(WarningExpired.class).stream().filter(e -> e.warningId() == id)).hasSize(1);
    }

    private Response importCap(String token, String xml) {
        return RestClient.create("http://localhost:" + port).post().uri("/api/warnings/import")
                .contentType(MediaType.parseMediaType("application/cap+xml")).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .body(xml.getBytes(StandardCharsets.UTF_8)).exchange((req, res) -> {
                    byte[] bytes = res.getBody().readAllBytes();
                    JsonNode node = bytes.length == 0 ? api.json().missingNode() : api.json().readTree(bytes);
                    return new Response(res.getStatusCode().value(), res.getHeaders(), node);
                });
    }

    @Test
    void theSameImportedUpdateTenTimesAtOnceSupersedesItsAlertOnce() {
        String token = api.token("gongshu");
        String identifier = WarningImportIntegrationTests.id();
        String sent = WarningImportIntegrationTests.at(0);
        Response alert = importCap(token, WarningImportIntegrationTests.alert(identifier, sent, "Alert", "",
                WarningImportIntegrationTests.at(3), WarningImportIntegrationTests.GOOD_AREA));
        assertThat(alert.status()).as(alert.body().toString()).isEqualTo(201);
        long alertId = alert.body().path("id").asLong();
        String update = WarningImportIntegrationTests.alert(WarningImportIntegrationTests.id(), WarningImportIntegrationTests.at(0),
                "Update", "<references>" + WarningImportIntegrationTests.SENDER + "," + identifier + "," + sent + "</references>",
                WarningImportIntegrationTests.at(4), WarningImportIntegrationTests.GOOD_AREA);
        events.clear();

        List<Response> answers = AtOnce.fire(AtOnce.TIMES, () -> importCap(token, update));

        // one is stored; the others learn that the alert changed meanwhile (409) or, coming later, that the update is a duplicate
        assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(1);
        assertThat(answers.stream().filter(r -> r.status() != 201)).allSatisfy(r -> {
            assertThat(r.status()).as(r.body().toString()).isIn(400, 409);
            assertThat(String.valueOf(r.headers().getContentType())).startsWith("application/problem+json");
        });

        assertThat(state(alertId)).isEqualTo("UPDATED");
        assertThat(steps(alertId, "superseded")).isEqualTo(1);
        assertThat(count("select count(*) from warning where predecessor_id = " + alertId)).isEqualTo(1);
        assertThat(events.of(WarningUpdated.class).stream().filter(e -> e.warningId() == alertId)).hasSize(1);
    }
}
