package io.yingji.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.Enterprises;
import io.yingji.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AuditIntegrationTests extends ApiTest {

    private long renameAnEnterpriseAsGongshu(String newName) {
        Response created = api.post("gongshu", "/api/enterprises", Enterprises.inGongshu());
        long id = created.body().path("id").asLong();
        Map<String, Object> body = api.editable(created.body());
        body.put("name", newName);
        assertThat(api.put("gongshu", "/api/enterprises/" + id, body).status()).isEqualTo(200);
        return id;
    }

    @Test
    void recordsWhoChangedWhatFromWhere() {
        long id = renameAnEnterpriseAsGongshu("杭州审计测试更名有限公司");
        Response found = api.get("shenji", "/api/audit?entityType=enterprise&entityId=" + id);
        assertThat(found.status()).isEqualTo(200);
        List<JsonNode> entries = found.body().path("content").valueStream().toList();
        assertThat(entries).extracting(e -> e.path("action").asString()).containsExactly("enterprise.update", "enterprise.create");
        JsonNode update = entries.get(0);
        assertThat(update.path("actorUsername").asString()).isEqualTo("gongshu");
        assertThat(update.path("remoteAddress").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(update.path("regionCode").asString()).isEqualTo("330105001");
        JsonNode changes = api.json().readTree(update.path("changes").asString());
        assertThat(changes.path("name").get(1).asString()).isEqualTo("杭州审计测试更名有限公司");
        assertThat(changes.properties()).hasSize(1);
    }

    @Test
    void onlyAuditorsMaySearchAndOnlyWithinTheirRegion() {
        renameAnEnterpriseAsGongshu("杭州审计范围测试有限公司");
        assertThat(api.get("gongshu", "/api/audit").status()).isEqualTo(403);
        assertThat(api.get("qiye", "/api/audit").status()).isEqualTo(403);
        Response byActor = api.get("admin", "/api/audit?actor=gongshu&action=enterprise.update");
        assertThat(byActor.body().path("totalElements").asLong()).isPositive();
        assertThat(byActor.body().path("content").valueStream().map(e -> e.path("actorUsername").asString()))
                .allMatch("gongshu"::equals);
    }

    @Test
    void anAuditorOfAnotherDistrictDoesNotSeeGongshusChanges() {
        long id = renameAnEnterpriseAsGongshu("杭州审计辖区测试有限公司");
        Response created = api.post("admin", "/api/users", Map.of("username", "xihu-auditor", "password", Api.PASSWORD,
                "displayName", "西湖区审计员", "regionCode", "330106", "roles", List.of("AUDITOR")));
        assertThat(created.status()).isEqualTo(201);
        Response theirs = api.get("xihu-auditor", "/api/audit?entityType=enterprise&entityId=" + id);
        assertThat(theirs.status()).isEqualTo(200);
        assertThat(theirs.body().path("totalElements").asLong()).isZero();
        assertThat(api.get("shenji", "/api/audit?entityType=enterprise&entityId=" + id).body().path("totalElements").asLong())
                .isEqualTo(2);
    }

    @Test
    void badSearchParametersAreRefused() {
        assertThat(api.get("shenji", "/api/audit?from=yesterday").status()).isEqualTo(400);
        Response reversed = api.get("shenji", "/api/audit?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.detail()).isEqualTo("结束时间必须晚于开始时间");
    }

    @Test
    void theDatabaseRefusesToEditOrDeleteHistory() {
        renameAnEnterpriseAsGongshu("杭州审计不可篡改有限公司");
        long before = jdbc.sql("select count(*) from audit_event").query(Long.class).single();
        assertThatThrownBy(() -> jdbc.sql("update audit_event set actor_username = 'someone-else'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event").update()).hasMessageContaining("append-only");
        assertThat(jdbc.sql("select count(*) from audit_event").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void failedLoginsAreRecordedToo() {
        api.login("mishixiang", "wrong");
        Response found = api.get("shenji", "/api/audit?actor=mishixiang&action=login.failed");
        assertThat(found.body().path("totalElements").asLong()).isPositive();
    }
}
