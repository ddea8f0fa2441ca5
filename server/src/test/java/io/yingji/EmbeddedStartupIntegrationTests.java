package io.yingji;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.EmbeddedPlatformTest;
import org.junit.jupiter.api.Test;

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
}
