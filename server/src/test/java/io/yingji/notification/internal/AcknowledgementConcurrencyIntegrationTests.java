package io.yingji.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.notification.Campaign;
import io.yingji.notification.Channel;
import io.yingji.notification.Target;
import io.yingji.shared.RegionCode;
import io.yingji.support.Api.Response;
import io.yingji.support.AtOnce;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * 叫应 and read marks are idempotent by contract (a second click on a link must not look like an
 * error): ten at once all answer the same, and the first confirmation is the only one that counts.
 */
class AcknowledgementConcurrencyIntegrationTests extends DeliveryTestSupport {

    static final RegionCode XIHU = RegionCode.of("330106");

    private long sentCampaign(String source) throws Exception {
        LocalServer gateway = server(request -> LocalServer.Answer.ok("{}"));
        long id = deliveries.enqueue(Campaign.text(source, XIHU, "防汛Ⅳ级应急响应", "请各村责任人立即到岗并回复确认。",
                        List.of(Channel.SMS, Channel.IN_APP)).acknowledged(Duration.ofMinutes(15), 3),
                List.of(Target.user(userId("xihu"), "李志强", XIHU, "村级责任人", null),
                        new Target(null, "赵六", XIHU, "网格员", "13700000001", null, null, null)));
        assertThat(dispatcher(3, sms(gateway), inApp()).drain()).isEqualTo(2);
        return id;
    }

    private List<String> acknowledgedAt(long campaign, int target) {
        return jdbc.sql("select acknowledged_at from delivery_target where campaign_id = :c and target_no = :t")
                .param("c", campaign).param("t", target).query(String.class).list();
    }

    @Test
    void tenConfirmationsThroughTheLinkAtOnceConfirmOnceAndAllShowTheFirstTime() throws Exception {
        long id = sentCampaign(source("ack-link"));
        String path = "/public/ack/" + token(id, 1);

        List<Response> answers = AtOnce.fire(AtOnce.TIMES, () -> api.send(HttpMethod.POST, path, null, null, Map.of()));

        assertThat(answers).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(answers.stream().map(r -> r.body().path("acknowledgedAt").asString()).distinct()).hasSize(1);
        assertThat(acknowledgedAt(id, 1)).singleElement().isNotNull();
        assertThat(tasksOf(id).stream().filter(t -> t.targetNo() == 1)).allSatisfy(t -> assertThat(t.status()).isEqualTo("ACKNOWLEDGED"));
    }

    @Test
    void tenConfirmationsInTheAppAtOnceConfirmOnce() throws Exception {
        String source = source("ack-app");
        long id = sentCampaign(source);
        api.token("xihu");

        List<Response> answers = AtOnce.fire(AtOnce.TIMES,
                () -> api.post("xihu", "/api/notifications/campaigns/" + source + "/ack", Map.of()));

        assertThat(answers).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(api.get("xihu", "/api/notifications/campaigns/" + source + "/ack").body().path("acknowledged").asBoolean()).isTrue();
        assertThat(tasksOf(id).stream().filter(t -> t.targetNo() == 0)).allSatisfy(t -> assertThat(t.status()).isEqualTo("ACKNOWLEDGED"));
    }

    @Test
    void tenReadMarksOfOneNoticeAtOnceAllAnswerAndKeepTheFirstTime() {
        String link = "/test/" + source("read");
        inbox.deliver(new io.yingji.notification.Notice("alarm.raised", "notice.alarm.raised.title", "notice.alarm.raised.body",
                List.of("并发测试", "一级", "超上限", "lel", "30", "GAS-1"), link), List.of(userId("gongshu")));
        long id = jdbc.sql("select id from notification where link = :link").param("link", link).query(Long.class).single();

        List<Response> answers = AtOnce.fire(AtOnce.TIMES, () -> api.post("gongshu", "/api/notifications/" + id + "/read", Map.of()));

        assertThat(answers).allSatisfy(r -> assertThat(r.status()).isEqualTo(204));
        assertThat(jdbc.sql("select count(*) from notification where id = :id and read_at is not null").param("id", id)
                .query(Long.class).single()).isEqualTo(1);
    }
}
