package io.yingji;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.EmbeddedPlatformTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The newcomer's path: the embedded profile on an H2 file database, the same migrations, the demo
 * city loaded on first start, the demo accounts able to log in and see their region.
 */
class EmbeddedStartupIntegrationTests extends EmbeddedPlatformTest {

    @Test
    void startsOnH2WithTheDemoCity() {
        Api api = new Api(port);
        Response me = api.get("gongshu", "/api/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("regionName").asString()).isEqualTo("浙江省 杭州市 拱墅区");
        Response gongshu = api.get("gongshu", "/api/enterprises?size=100");
        assertThat(gongshu.body().path("totalElements").asLong()).isGreaterThan(50);
        assertThat(gongshu.body().path("content").valueStream().map(e -> e.path("regionCode").asString()))
                .allMatch(code -> code.startsWith("330105"));
        Response qiye = api.get("qiye", "/api/enterprises");
        assertThat(qiye.body().path("totalElements").asLong()).isEqualTo(1);
        assertThat(api.get("gongshu", "/api/enterprises/" + qiye.body().path("content").get(0).path("id").asLong()).status())
                .isEqualTo(200);
        assertThat(api.get("xihu", "/api/enterprises/" + qiye.body().path("content").get(0).path("id").asLong()).status())
                .isEqualTo(404);
        Response search = api.get("hangzhou", "/api/enterprises?q=运河&regionCode=330105");
        assertThat(search.status()).isEqualTo(200);
        Response audit = api.get("shenji", "/api/audit?size=5");
        assertThat(audit.status()).isEqualTo(200);
    }

    /**
     * The demo city's warning in force went out through the real pipeline to the stand-in gateways:
     * texts accepted, then reported delivered over the signed report endpoint; the township is among
     * those reached. Nothing here is faked past the HTTP boundary of the two gateways.
     */
    @Test
    void theDemoWarningIsDeliveredThroughTheStandInGateways() throws InterruptedException {
        Api api = new Api(port);
        JsonNode warning = api.get("gongshu", "/api/warnings?state=PUBLISHED&size=50").body().path("content").valueStream()
                .filter(w -> w.path("headline").asString().equals("米市巷街道暴雨黄色预警")).findFirst().orElseThrow();
        String coverage = "/api/notifications/campaigns/warning:" + warning.path("id").asLong() + ":staff/coverage";
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode total;
        long smsDelivered;
        long broadcastDelivered;
        do {
            Thread.sleep(500);
            Response answer = api.get("gongshu", coverage);
            total = answer.status() == 200 ? answer.body().path("total") : null;
            smsDelivered = answer.status() != 200 ? 0 : answer.body().path("channels").valueStream()
                    .filter(c -> c.path("channel").asString().equals("SMS")).mapToLong(c -> c.path("delivered").asLong()).sum();
            broadcastDelivered = answer.status() != 200 ? 0 : answer.body().path("channels").valueStream()
                    .filter(c -> c.path("channel").asString().equals("BROADCAST")).mapToLong(c -> c.path("delivered").asLong()).sum();
        } while ((smsDelivered == 0 || broadcastDelivered == 0) && System.nanoTime() < deadline);
        assertThat(total).as("the staff campaign's coverage").isNotNull();
        assertThat(total.path("targeted").asLong()).isGreaterThan(20);
        String smsTasks = api.get("gongshu", "/api/notifications/campaigns/warning:" + warning.path("id").asLong()
                + ":staff/tasks?channel=SMS&size=3").body().toString();
        assertThat(smsDelivered).as("texts reported delivered by the stand-in SMS gateway; tasks: %s", smsTasks).isPositive();
        assertThat(broadcastDelivered).as("the township's broadcast terminal played it").isEqualTo(1);
        // the stand-ins take only the platform's own calls: without the configured credential, nothing
        Response stranger = api.send(org.springframework.http.HttpMethod.POST, "/demo/gateway/sms", null,
                java.util.Map.of("mobile", "13800000000", "text", "x", "reference", "1"), java.util.Map.of());
        assertThat(stranger.status()).isEqualTo(401);
        assertThat(stranger.headers().getContentType()).isNotNull()
                .matches(type -> type.isCompatibleWith(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON), "a problem");
        assertThat(stranger.detail()).isEqualTo("缺少网关凭据或凭据不正确");
        Response strangerInEnglish = api.send(org.springframework.http.HttpMethod.POST, "/demo/gateway/broadcast", null,
                java.util.Map.of("terminal", "T-1", "reference", "1"), java.util.Map.of("Accept-Language", "en"));
        assertThat(strangerInEnglish.status()).isEqualTo(401);
        assertThat(strangerInEnglish.detail()).isEqualTo("The gateway credential is missing or wrong");
        Response public_ = api.get("gongshu", "/api/notifications/campaigns/warning:" + warning.path("id").asLong() + ":public/coverage");
        assertThat(public_.status()).isEqualTo(200);
        assertThat(public_.body().path("total").path("targeted").asLong()).isPositive();
    }
}
