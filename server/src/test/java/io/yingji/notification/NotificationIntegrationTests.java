package io.yingji.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.transaction.support.TransactionTemplate;

class NotificationIntegrationTests extends ApiTest {

    @Autowired
    Inbox inbox;

    @Autowired
    TransactionTemplate transactions;

    private long userId(String username) {
        return api.get(username, "/api/me").body().path("id").asLong();
    }

    private void deliver(String link, String... usernames) {
        List<Long> ids = java.util.Arrays.stream(usernames).map(this::userId).toList();
        transactions.executeWithoutResult(status -> inbox.deliver(new Notice("hazard.due", "notice.hazard.due.title",
                "notice.hazard.due.body", List.of("消防水泵故障", "2026-12-01", "3"), link), ids));
    }

    private long unread(String user) {
        return api.get(user, "/api/notifications/unread-count").body().path("count").asLong();
    }

    @Test
    void aUserReadsOnlyTheirOwnInboxAndMarksItRead() {
        long before = unread("xihu");
        deliver("/hazards/9001", "xihu", "xihu", "hangzhou");
        assertThat(unread("xihu")).isEqualTo(before + 1); // delivered once, though named twice
        Response page = api.get("xihu", "/api/notifications?unread=true&size=1");
        var latest = page.body().path("content").get(0);
        assertThat(latest.path("title").asString()).isEqualTo("隐患整改即将到期：消防水泵故障");
        assertThat(latest.path("body").asString()).isEqualTo("隐患“消防水泵故障”的整改期限为 2026-12-01，还剩 3 天，请抓紧整改并提交验收。");
        assertThat(latest.path("link").asString()).isEqualTo("/hazards/9001");
        assertThat(latest.path("readAt").isNull()).isTrue();
        long id = latest.path("id").asLong();

        // someone else's notification does not exist for them, to read or to mark
        assertThat(api.post("gongshu", "/api/notifications/" + id + "/read", Map.of()).status()).isEqualTo(404);
        assertThat(api.get("gongshu", "/api/notifications?size=500").body().path("content").valueStream()
                .map(n -> n.path("id").asLong())).doesNotContain(id);

        assertThat(api.post("xihu", "/api/notifications/" + id + "/read", Map.of()).status()).isEqualTo(204);
        assertThat(unread("xihu")).isEqualTo(before);
        assertThat(api.get("xihu", "/api/notifications?size=1").body().path("content").get(0).path("readAt").isNull()).isFalse();

        Response english = api.send(HttpMethod.GET, "/api/notifications?size=1", api.token("hangzhou"), null,
                Map.of("Accept-Language", "en"));
        assertThat(english.body().path("content").get(0).path("title").asString()).isEqualTo("Hazard deadline near: 消防水泵故障");

        assertThat(unread("hangzhou")).isPositive();
        assertThat(api.post("hangzhou", "/api/notifications/read-all", Map.of()).status()).isEqualTo(204);
        assertThat(unread("hangzhou")).isZero();
        assertThat(unread("xihu")).isEqualTo(before); // hangzhou's read-all touched only hangzhou's
    }

    @Test
    void badRequestsAreClearAndAnonymousOnesRefused() {
        Response size = api.get("xihu", "/api/notifications?size=0");
        assertThat(size.status()).isEqualTo(400);
        assertThat(size.errorFields()).containsExactly("size");
        assertThat(api.get("xihu", "/api/notifications?page=-1").status()).isEqualTo(400);
        Response unknown = api.post("xihu", "/api/notifications/999999999/read", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.detail()).isEqualTo("未找到 通知（999999999），或您无权查看");
        assertThat(api.get("xihu", "/api/notifications/abc/read").status()).isIn(400, 405);
        assertThat(api.send(HttpMethod.GET, "/api/notifications", null, null, Map.of()).status()).isEqualTo(401);
        assertThat(api.send(HttpMethod.GET, "/api/notifications/unread-count", null, null, Map.of()).status()).isEqualTo(401);
    }
}
