package io.yingji.notification.internal;

import io.yingji.support.DemoPlaces;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.yingji.notification.Campaign;
import io.yingji.notification.Channel;
import io.yingji.notification.Target;
import io.yingji.shared.RegionCode;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import tools.jackson.databind.JsonNode;

/** Each channel adapter against a local server speaking its real protocol, through the queue and a dispatcher. */
class DeliveryChannelsIntegrationTests extends DeliveryTestSupport {

    static final RegionCode XIHU = RegionCode.of("330106");
    static final RegionCode VILLAGE = RegionCode.of(DemoPlaces.BAOSHI);

    @Test
    void smsGoesToTheGatewayAndIsDeliveredOnlyWhenItsReportSaysSo() throws Exception {
        LocalServer gateway = server(request -> LocalServer.Answer.ok("{\"messageId\":\"gw-" + request.text().hashCode() + "\"}"));
        String source = source("sms");
        long id = deliveries.enqueue(Campaign.text(source, XIHU, "暴雨红色预警", "预计未来3小时有特大暴雨，请立即转移。",
                        List.of(Channel.SMS, Channel.IN_APP)).acknowledged(Duration.ofMinutes(15), 1),
                List.of(Target.publicMobile("张三", VILLAGE, "13800000001"), Target.publicMobile("李四", VILLAGE, "13800000002"),
                        Target.user(userId("xihu"), "李志强", XIHU, "村级责任人", "13800000003")));
        Dispatcher dispatcher = dispatcher(3, sms(gateway));
        assertThat(dispatcher.drain()).isEqualTo(3);

        assertThat(gateway.requests).hasSize(3);
        LocalServer.Request first = gateway.requests.stream().filter(r -> r.text().contains("13800000001")).findFirst().orElseThrow();
        assertThat(first.header("X-Api-Key")).isEqualTo("it-key");
        assertThat(first.header("Content-Type")).startsWith("application/json");
        JsonNode body = json.readTree(first.body());
        assertThat(body.path("mobile").asString()).isEqualTo("13800000001");
        assertThat(body.path("text").asString()).startsWith("【应急管理】暴雨红色预警：预计未来3小时有特大暴雨，请立即转移。 收到请点击确认：https://yingji.test/ack/")
                .endsWith(token(id, 0));
        List<TaskRow> rows = tasksOf(id);
        // the gateway took them: sent, never delivered on that alone
        assertThat(rows).extracting(TaskRow::status).containsOnly("SENT");
        assertThat(rows).noneMatch(TaskRow::delivered);
        assertThat(rows.get(0).reference()).startsWith("gw-");
        assertThat(body.path("reference").asString()).isEqualTo(String.valueOf(rows.get(0).id()));

        // the report: target 0 delivered, target 2 failed on the handset — it falls back to in-app
        String reports = "[{\"reference\":\"" + rows.get(0).id() + "\",\"status\":\"DELIVERED\"},"
                + "{\"reference\":\"" + rows.get(2).id() + "\",\"status\":\"FAILED\",\"error\":\"UNDELIV 空号\"},"
                + "{\"reference\":\"999999999\",\"status\":\"DELIVERED\"}]";
        var answer = report(reports);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("accepted").asInt()).isEqualTo(2);
        assertThat(answer.body().path("unknown").get(0).asString()).isEqualTo("999999999");
        rows = tasksOf(id);
        assertThat(rows.get(0).status()).isEqualTo("DELIVERED");
        assertThat(rows.get(1).status()).isEqualTo("SENT");
        assertThat(rows.get(2).status()).isEqualTo("FAILED");
        assertThat(rows.get(2).lastError()).contains("UNDELIV 空号");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(3)).extracting(TaskRow::targetNo, TaskRow::channel, TaskRow::status).containsExactly(2, "IN_APP", "QUEUED");
        // a report repeated changes nothing
        assertThat(report(reports).body().path("accepted").asInt()).isEqualTo(2);
        assertThat(tasksOf(id)).hasSize(4);

        Dispatcher withInbox = dispatcher(3, sms(gateway), inApp());
        assertThat(withInbox.drain()).isEqualTo(1);
        assertThat(tasksOf(id).get(3).status()).isEqualTo("DELIVERED");
        var notice = api.get("xihu", "/api/notifications?size=1").body().path("content").get(0);
        assertThat(notice.path("title").asString()).isEqualTo("暴雨红色预警");
        assertThat(notice.path("body").asString()).isEqualTo("预计未来3小时有特大暴雨，请立即转移。");
        assertThat(notice.path("link").asString()).isEqualTo("/ack/" + token(id, 2));
    }

    @Test
    void webhooksAreSignedSoTheReceiverCanVerifyThemAndA2xxIsDelivery() throws Exception {
        LocalServer receiver = server(request -> {
            // the receiving side: recompute the signature over timestamp and body with the shared secret
            String timestamp = request.header(Signatures.TIMESTAMP_HEADER);
            boolean genuine = timestamp != null && Signatures.verify(WEBHOOK_SECRET, timestamp, request.body(),
                    String.valueOf(request.header(Signatures.SIGNATURE_HEADER)))
                    && Math.abs(Long.parseLong(timestamp) - java.time.Instant.now().getEpochSecond()) < 300;
            if (!genuine) {
                return LocalServer.Answer.status(401);
            }
            return request.path().endsWith("/gone") ? LocalServer.Answer.status(410) : LocalServer.Answer.status(204);
        });
        long id = deliveries.enqueue(Campaign.message(source("webhook"), XIHU, "notice.hazard.due.title", "notice.hazard.due.body",
                        List.of("消防水泵故障", "2026-12-01", "3"), List.of(Channel.WEBHOOK)),
                List.of(new Target(null, "区水利局系统", XIHU, "部门系统", null, null, receiver.url("/hooks/yingji"), null),
                        new Target(null, "停用的系统", XIHU, "部门系统", null, null, receiver.url("/hooks/gone"), null)));
        assertThat(dispatcher(3, webhook()).drain()).isEqualTo(2);

        assertThat(receiver.requests).hasSize(2);
        LocalServer.Request hook = receiver.requests.stream().filter(r -> r.path().equals("/hooks/yingji")).findFirst().orElseThrow();
        JsonNode payload = json.readTree(hook.body());
        assertThat(payload.path("title").asString()).isEqualTo("隐患整改即将到期：消防水泵故障");
        assertThat(payload.path("recipient").asString()).isEqualTo("区水利局系统");
        assertThat(payload.path("ackUrl").isNull()).isTrue();
        List<TaskRow> rows = tasksOf(id);
        assertThat(rows.get(0).status()).isEqualTo("DELIVERED");
        // 410 is permanent: failed at once, no retry, and there is no other channel to fall back to
        assertThat(rows.get(1)).extracting(TaskRow::status, TaskRow::attempts).containsExactly("FAILED", 1);
        assertThat(rows.get(1).lastError()).startsWith("HTTP 410");
        assertThat(rows).hasSize(2);

        // a forged signature is what the receiver refuses: the adapter with another secret fails there
        WebhookChannel forged = new WebhookChannel(new NotificationSettings.Webhook("wrong-secret", new NotificationSettings.Limit(10, 1),
                Duration.ofSeconds(5)), http(), json, clock);
        Outcome refused = forged.send(new Message(1, Channel.WEBHOOK, "s", 1, 0, 1, "n", "330106", "g", receiver.url("/hooks/yingji"),
                "t", "b", null, "/", "k", "k", List.of()));
        assertThat(refused).isEqualTo(new Outcome.Failed("HTTP 401"));
    }

    @Test
    void emailGoesThroughARealSmtpServerAndCountsAsSentNotDelivered() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        servers.add(smtp::stop);
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.getSmtp().getPort());
        EmailChannel email = new EmailChannel(new NotificationSettings.Email("yingji@hz.example", new NotificationSettings.Limit(100, 10)), sender);
        long id = deliveries.enqueue(Campaign.text(source("email"), XIHU, "台风橙色预警", "台风“海葵”将于今夜登陆，请做好防御。",
                        List.of(Channel.EMAIL)).acknowledged(Duration.ofMinutes(30), 2),
                List.of(new Target(null, "王五", VILLAGE, "企业安全管理员", null, "wangwu@example.com", null, null),
                        new Target(null, "坏地址", VILLAGE, "企业安全管理员", null, "not an address", null, null)));
        assertThat(dispatcher(3, email).drain()).isEqualTo(2);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("台风橙色预警");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("wangwu@example.com");
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("yingji@hz.example");
        assertThat(received[0].getContent().toString()).contains("台风“海葵”将于今夜登陆").contains("https://yingji.test/ack/" + token(id, 0));
        List<TaskRow> rows = tasksOf(id);
        assertThat(rows.get(0)).extracting(TaskRow::status, TaskRow::sent, TaskRow::delivered).containsExactly("SENT", true, false);
        assertThat(rows.get(1).status()).isEqualTo("FAILED");
    }

    @Test
    void broadcastGoesToTheBroadcastSystemAndIsDeliveredOnlyWhenPlayed() throws Exception {
        LocalServer system = server(request -> {
            if (!"Bearer it-token".equals(request.header("Authorization"))) {
                return LocalServer.Answer.status(401);
            }
            boolean online = request.text().contains("330106002");
            return LocalServer.Answer.ok("{\"id\":\"b-1\",\"status\":\"" + (online ? "PLAYED" : "QUEUED") + "\"}");
        });
        long id = deliveries.enqueue(Campaign.text(source("broadcast"), XIHU, "山洪预警", "请沿溪群众立即转移到安全地带。",
                        List.of(Channel.BROADCAST)),
                List.of(new Target(null, "宝石社区应急广播", VILLAGE, "应急广播", null, null, null, "330106002"),
                        new Target(null, "留下街道应急广播", XIHU, "应急广播", null, null, null, "330106009")));
        assertThat(dispatcher(3, broadcast(system)).drain()).isEqualTo(2);

        JsonNode body = json.readTree(system.requests.get(0).body());
        assertThat(body.path("title").asString()).isEqualTo("山洪预警");
        assertThat(body.path("text").asString()).isEqualTo("请沿溪群众立即转移到安全地带。");
        assertThat(tasksOf(id)).extracting(TaskRow::status).containsExactly("DELIVERED", "SENT");
        assertThat(tasksOf(id)).extracting(TaskRow::reference).containsOnly("b-1");
    }

    @Test
    void theInboxStreamPushesANewNoticeToTheSignedInUser() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/notifications/stream"))
                .header("Authorization", "Bearer " + api.token("xihu")).header("Accept", "text/event-stream").build();
        var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        deliveries.enqueue(Campaign.text(source("stream"), XIHU, "地质灾害黄色预警", "请巡查隐患点。", List.of(Channel.IN_APP)),
                List.of(Target.user(userId("xihu"), "李志强", XIHU, "村级责任人", null)));
        dispatcher(3, inApp()).drain();
        var lines = response.body().iterator();
        String data = null;
        long deadline = System.currentTimeMillis() + 15_000;
        while (data == null && System.currentTimeMillis() < deadline && lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data:") && line.contains("地质灾害黄色预警")) {
                data = line;
            }
        }
        assertThat(data).contains("请巡查隐患点。");
        response.body().close();
        assertThat(api.send(org.springframework.http.HttpMethod.GET, "/api/notifications/stream", null, null, Map.of()).status()).isEqualTo(401);
    }
}
