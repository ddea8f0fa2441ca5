package io.yingji.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

class AuthIntegrationTests extends ApiTest {

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Response me(String token) {
        return api.send(HttpMethod.GET, "/api/me", token, null, Map.of());
    }

    @Test
    void loginGivesATokenThatShowsWhoIAm() {
        Response login = api.login("gongshu", Api.PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body().path("tokenType").asString()).isEqualTo("Bearer");
        Response me = me(login.body().path("token").asString());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("username").asString()).isEqualTo("gongshu");
        assertThat(me.body().path("regionCode").asString()).isEqualTo("330105");
        assertThat(me.body().path("regionName").asString()).isEqualTo("浙江省 杭州市 拱墅区");
        assertThat(me.body().path("roles").valueStream().map(n -> n.asString())).containsExactly("BUREAU");
        assertThat(me.body().path("permissions").valueStream().map(n -> n.asString())).contains("enterprise:read");
    }

    @Test
    void passwordsAreStoredOnlyAsBcryptHashes() {
        String hash = jdbc.sql("select password_hash from app_user where username = 'gongshu'").query(String.class).single();
        assertThat(hash).startsWith("$2a$").doesNotContain(Api.PASSWORD);
        String tokenHash = jdbc.sql("select token_hash from api_token limit 1").query(String.class).single();
        assertThat(tokenHash).hasSize(64);
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        Response wrong = api.login("xihu", "wrong-password");
        Response unknown = api.login("nobody", "wrong-password");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.detail()).isEqualTo("用户名或密码错误").isEqualTo(unknown.detail());
        assertThat(api.login("xihu", Api.PASSWORD).status()).isEqualTo(200); // and resets the count
    }

    @Test
    void repeatedFailuresLockTheAccountForAWhile() {
        for (int i = 0; i < 4; i++) {
            assertThat(api.login("jiaotong", "guess-" + i).status()).isEqualTo(401);
        }
        Response fifth = api.login("jiaotong", "guess-5");
        assertThat(fifth.status()).isEqualTo(423);
        assertThat(fifth.detail()).isEqualTo("登录失败次数过多，账户已锁定，请 15 分钟后再试");
        assertThat(api.login("jiaotong", Api.PASSWORD).status()).as("locked even with the right password").isEqualTo(423);
        clock.advance(Duration.ofMinutes(16));
        assertThat(api.login("jiaotong", Api.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = api.login("hangzhou", Api.PASSWORD).body().path("token").asString();
        assertThat(me(token).status()).isEqualTo(200);
        clock.advance(Duration.ofHours(8).plusMinutes(1));
        Response expired = me(token);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.detail()).isEqualTo("访问令牌无效、已过期或已注销，请重新登录");
    }

    @Test
    void logoutRevokesTheToken() {
        String token = api.login("hangzhou", Api.PASSWORD).body().path("token").asString();
        assertThat(api.send(HttpMethod.POST, "/api/auth/logout", token, null, Map.of()).status()).isEqualTo(204);
        assertThat(me(token).status()).isEqualTo(401);
    }

    @Test
    void aForgedTokenIsRefused() {
        assertThat(me("not-a-token").status()).isEqualTo(401);
    }

    @Test
    void loginBodyIsValidated() {
        Response blank = api.send(HttpMethod.POST, "/api/auth/login", null, Map.of("username", "", "password", ""), Map.of());
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.errorFields()).containsExactlyInAnyOrder("username", "password");
        assertThat(blank.body().path("errors").valueStream().map(e -> e.path("message").asString()))
                .containsExactlyInAnyOrder("请输入用户名", "请输入密码");
    }

    @Test
    void theBrowserSessionNeedsTheCsrfTokenToChangeAnything() {
        Response login = api.login("gongshu", Api.PASSWORD);
        String session = cookie(login.headers(), "JSESSIONID");
        assertThat(session).isNotNull();
        Response me = api.send(HttpMethod.GET, "/api/me", null, null, Map.of(HttpHeaders.COOKIE, "JSESSIONID=" + session));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("username").asString()).isEqualTo("gongshu");
        String xsrf = cookie(me.headers(), "XSRF-TOKEN");
        assertThat(xsrf).isNotNull();

        Response withoutToken = api.send(HttpMethod.POST, "/api/auth/logout", null, null,
                Map.of(HttpHeaders.COOKIE, "JSESSIONID=" + session));
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(withoutToken.detail()).contains("CSRF");

        Response withToken = api.send(HttpMethod.POST, "/api/auth/logout", null, null,
                Map.of(HttpHeaders.COOKIE, "JSESSIONID=" + session + "; XSRF-TOKEN=" + xsrf, "X-XSRF-TOKEN", xsrf));
        assertThat(withToken.status()).isEqualTo(204);
        Response afterLogout = api.send(HttpMethod.GET, "/api/me", null, null, Map.of(HttpHeaders.COOKIE, "JSESSIONID=" + session));
        assertThat(afterLogout.status()).isEqualTo(401);
    }

    @Test
    void loggingOutOfTheSessionEndsTheBearerTokenOfTheSameLogin() {
        Response login = api.login("gongshu", Api.PASSWORD);
        String token = login.body().path("token").asString();
        String session = cookie(login.headers(), "JSESSIONID");
        Response me = api.send(HttpMethod.GET, "/api/me", null, null, Map.of(HttpHeaders.COOKIE, "JSESSIONID=" + session));
        String xsrf = cookie(me.headers(), "XSRF-TOKEN");
        assertThat(me(token).status()).isEqualTo(200);

        Response logout = api.send(HttpMethod.POST, "/api/auth/logout", null, null,
                Map.of(HttpHeaders.COOKIE, "JSESSIONID=" + session + "; XSRF-TOKEN=" + xsrf, "X-XSRF-TOKEN", xsrf));
        assertThat(logout.status()).isEqualTo(204);

        assertThat(me(token).status()).as("the token of the login that started the session").isEqualTo(401);
        assertThat(api.send(HttpMethod.GET, "/api/me", null, null, Map.of(HttpHeaders.COOKIE, "JSESSIONID=" + session)).status())
                .isEqualTo(401);
    }

    @Test
    void loggingOutWithTheBearerTokenEndsTheSessionOfTheSameLogin() {
        Response login = api.login("xihu", Api.PASSWORD);
        String token = login.body().path("token").asString();
        String session = cookie(login.headers(), "JSESSIONID");
        Map<String, String> withSession = Map.of(HttpHeaders.COOKIE, "JSESSIONID=" + session);
        assertThat(api.send(HttpMethod.GET, "/api/me", null, null, withSession).status()).isEqualTo(200);

        assertThat(api.send(HttpMethod.POST, "/api/auth/logout", token, null, Map.of()).status()).isEqualTo(204);

        assertThat(me(token).status()).isEqualTo(401);
        assertThat(api.send(HttpMethod.GET, "/api/me", null, null, withSession).status())
                .as("the session the same login started").isEqualTo(401);
        // and another login of the same user is not touched
        assertThat(me(api.login("xihu", Api.PASSWORD).body().path("token").asString()).status()).isEqualTo(200);
    }

    /** The session's id as the database knows it (Spring Session's cookie carries it Base64-encoded). */
    private static String sessionId(String cookie) {
        return new String(java.util.Base64.getDecoder().decode(cookie), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theWebSessionIsKeptInTheDatabaseWithTheConfiguredIdleTimeout() {
        Response login = api.login("hangzhou", Api.PASSWORD);
        String session = cookie(login.headers(), "JSESSIONID");
        Map<String, String> withSession = Map.of(HttpHeaders.COOKIE, "JSESSIONID=" + session);
        assertThat(api.send(HttpMethod.GET, "/api/me", null, null, withSession).status()).isEqualTo(200);
        // server.servlet.session.timeout (30m) is the stored idle limit; the session holds its login, not a caller
        assertThat(jdbc.sql("select max_inactive_interval from spring_session where session_id = :id")
                .param("id", sessionId(session)).query(Integer.class).single()).isEqualTo(30 * 60);
        assertThat(jdbc.sql("""
                        select a.attribute_name from spring_session_attributes a join spring_session s on s.primary_id = a.session_primary_id
                        where s.session_id = :id""").param("id", sessionId(session)).query(String.class).list())
                .containsExactly("yingji.login");

        // idle for 31 minutes, as any instance reading the row sees it: logged out
        jdbc.sql("""
                update spring_session set last_access_time = last_access_time - :idle, expiry_time = expiry_time - :idle
                where session_id = :id""").param("idle", 31 * 60 * 1000L).param("id", sessionId(session)).update();
        assertThat(api.send(HttpMethod.GET, "/api/me", null, null, withSession).status()).isEqualTo(401);
    }

    @Test
    void aRefusedAnonymousRequestStartsNoSession() {
        long before = count("select count(*) from spring_session");
        Response refused = api.send(HttpMethod.GET, "/api/enterprises", null, null, Map.of(HttpHeaders.ACCEPT, "text/html"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.headers().getOrEmpty(HttpHeaders.SET_COOKIE)).noneMatch(c -> c.startsWith("JSESSIONID="));
        assertThat(count("select count(*) from spring_session")).isEqualTo(before);
    }

    @Test
    void everyAnswerNamesTheInstanceThatGaveIt() {
        Response login = api.login("hangzhou", Api.PASSWORD);
        Response refused = me("not-a-token");
        assertThat(login.headers().getFirst("X-Yingji-Instance")).isNotBlank();
        assertThat(refused.headers().getFirst("X-Yingji-Instance")).isEqualTo(login.headers().getFirst("X-Yingji-Instance"));
    }

    private static String cookie(HttpHeaders headers, String name) {
        List<String> cookies = headers.getOrEmpty(HttpHeaders.SET_COOKIE);
        return cookies.stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst().orElse(null);
    }
}
