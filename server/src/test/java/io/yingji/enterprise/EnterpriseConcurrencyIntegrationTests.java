package io.yingji.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.AtOnce;
import io.yingji.support.Enterprises;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Enterprise changes fired ten times at once from the same version: one is saved, the rest answer 409. */
class EnterpriseConcurrencyIntegrationTests extends ApiTest {

    @Test
    void tenChangesOfTheSameVersionAtOnceSaveOne() {
        Response created = api.post("gongshu", "/api/enterprises", Enterprises.inGongshu());
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        long id = created.body().path("id").asLong();
        int version = created.body().path("version").asInt();
        Map<String, Object> body = api.editable(created.body());
        body.put("employees", 321);

        AtOnce.exactlyOneWins(() -> api.put("gongshu", "/api/enterprises/" + id, body));

        assertThat(api.get("gongshu", "/api/enterprises/" + id).body().path("version").asInt()).isEqualTo(version + 1);
        assertThat(count("select count(*) from audit_event where entity_type = 'enterprise' and entity_id = '" + id
                + "' and action = 'enterprise.update'")).isEqualTo(1);
    }
}
