package io.yingji.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.AtOnce;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Accounts under parallel requests: one account per username, and every failed login counts, however many arrive at once. */
class IdentityConcurrencyIntegrationTests extends ApiTest {

    private static Map<String, Object> township(String username) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("password", "Anquan2026");
        body.put("displayName", "湖墅街道应急管理站 并发测试员");
        body.put("regionCode", "330105002");
        body.put("roles", List.of("TOWNSHIP"));
        return body;
    }

    private String newAccount() {
        String username = "conc" + UUID.randomUUID().toString().substring(0, 8);
        Response created = api.post("admin", "/api/users", township(username));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return username;
    }

    @Test
    void tenWrongPasswordsAtOnceAllCountAndLockTheAccount() {
        String username = newAccount();

        List<Response> answers = AtOnce.fire(AtOnce.TIMES, () -> api.login(username, "guess-" + UUID.randomUUID()));

        assertThat(answers).allSatisfy(r -> assertThat(r.status()).isIn(401, 423));
        assertThat(answers.stream().filter(r -> r.status() == 423)).isNotEmpty();
        assertThat(api.login(username, "Anquan2026").status()).as("locked even with the right password").isEqualTo(423);
        assertThat(count("select count(*) from audit_event where action = 'login.locked' and actor_username = '" + username + "'"))
                .isPositive();
    }

    @Test
    void tenIdenticalAccountCreationsAtOnceCreateOneAccount() {
        String username = "conc" + UUID.randomUUID().toString().substring(0, 8);
        api.token("admin");

        List<Response> answers = AtOnce.fire(AtOnce.TIMES, () -> api.post("admin", "/api/users", township(username)));

        assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(1);
        // the others lost the unique username (409) or, coming later, were told it is taken (400)
        assertThat(answers.stream().filter(r -> r.status() != 201)).allSatisfy(r -> {
            assertThat(r.status()).as(r.body().toString()).isIn(400, 409);
            assertThat(String.valueOf(r.headers().getContentType())).startsWith("application/problem+json");
        });
        assertThat(count("select count(*) from app_user where username = '" + username + "'")).isEqualTo(1);
    }
}
