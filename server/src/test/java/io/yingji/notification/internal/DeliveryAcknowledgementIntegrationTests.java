package io.yingji.notification.internal;

import io.yingji.support.DemoPlaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.yingji.notification.Campaign;
import io.yingji.notification.Channel;
import io.yingji.notification.Target;
import io.yingji.shared.Problem;
import io.yingji.shared.RegionCode;
import io.yingji.support.Api.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** 叫应 and re-notification, coverage that equals what happened, scope, and bad input explained. */
class DeliveryAcknowledgementIntegrationTests extends DeliveryTestSupport {

    static final RegionCode XIHU = RegionCode.of("330106");
    static final RegionCode XIHU_VILLAGE = RegionCode.of(DemoPlaces.BAOSHI);
    static final RegionCode GONGSHU = RegionCode.of("330105");
    static final RegionCode HANGZHOU = RegionCode.of("330100");

    @Autowired
    Renotifier renotifier;

    private Response post(String path) {
        return api.send(HttpMethod.POST, path, null, null, Map.of());
    }

    private Response get(String path, String language) {
        return api.send(HttpMethod.GET, path, null, null, Map.of("Accept-Language", language));
    }

    @Test
    void recipientsAcknowledgeByLinkOrInAppAndOnlyThoseWhoDidNotAreNotifiedAgainUpToTheRounds() throws Exception {
        LocalServer gateway = server(request -> LocalServer.Answer.ok("{}"));
        String source = source("ack");
        long id = deliveries.enqueue(Campaign.text(source, XIHU, "防汛Ⅳ级应急响应", "请各村责任人立即到岗并回复确认。",
                        List.of(Channel.SMS, Channel.IN_APP)).acknowledged(Duration.ofMinutes(15), 3),
                List.of(Target.user(userId("xihu"), "李志强", XIHU, "村级责任人", null),
                        new Target(null, "赵六", XIHU_VILLAGE, "网格员", "13700000001", null, null, null),
                        new Target(null, "钱七", XIHU_VILLAGE, "网格员", "13700000002", null, null, null)));
        // other tests' campaigns share the database and the re-notification job: settle their targets
        jdbc.sql("update delivery_target set acknowledged_at = current_timestamp where campaign_id <> :c and acknowledged_at is null")
                .param("c", id).update();
        Dispatcher dispatcher = dispatcher(3, sms(gateway), inApp());
        assertThat(dispatcher.drain()).isEqualTo(3);

        // the link shows the message, without signing in
        Response page = get("/public/ack/" + token(id, 1), "zh-CN");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().path("title").asString()).isEqualTo("防汛Ⅳ级应急响应");
        assertThat(page.body().path("body").asString()).isEqualTo("请各村责任人立即到岗并回复确认。");
        assertThat(page.body().path("recipient").asString()).isEqualTo("赵六");
        assertThat(page.body().path("acknowledged").asBoolean()).isFalse();
        Response confirmed = post("/public/ack/" + token(id, 1));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body().path("acknowledged").asBoolean()).isTrue();
        String at = confirmed.body().path("acknowledgedAt").asString();
        clock.advance(Duration.ofMinutes(1));
        // confirming again changes nothing, the first time stays
        assertThat(post("/public/ack/" + token(id, 1)).body().path("acknowledgedAt").asString()).isEqualTo(at);
        // the signed-in user sees they have not confirmed yet, and confirms in the app
        Response mine = api.get("xihu", "/api/notifications/campaigns/" + source + "/ack");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body().path("acknowledged").asBoolean()).isFalse();
        Response inApp = api.post("xihu", "/api/notifications/campaigns/" + source + "/ack", Map.of());
        assertThat(inApp.status()).isEqualTo(200);
        assertThat(inApp.body().path("targets").asInt()).isEqualTo(1);
        assertThat(api.get("xihu", "/api/notifications/campaigns/" + source + "/ack").body().path("acknowledged").asBoolean()).isTrue();
        // someone who was not a target does not learn of the campaign
        assertThat(api.post("gongshu", "/api/notifications/campaigns/" + source + "/ack", Map.of()).status()).isEqualTo(404);
        assertThat(api.get("gongshu", "/api/notifications/campaigns/" + source + "/ack").status()).isEqualTo(404);
        assertThat(api.get("gongshu", "/api/notifications/campaigns/no-such-campaign/ack").status()).isEqualTo(404);
        assertThat(tasksOf(id)).extracting(TaskRow::status).containsExactly("ACKNOWLEDGED", "ACKNOWLEDGED", "SENT");

        // within the interval nobody is told again
        assertThat(renotifier.run()).isZero();
        clock.advance(Duration.ofMinutes(15));
        assertThat(renotifier.run()).isEqualTo(1);
        assertThat(dispatcher.drain()).isEqualTo(1);
        List<TaskRow> rows = tasksOf(id);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(3)).extracting(TaskRow::targetNo, TaskRow::round, TaskRow::channel, TaskRow::status)
                .containsExactly(2, 2, "SMS", "SENT");
        assertThat(gateway.requests).hasSize(3);
        clock.advance(Duration.ofMinutes(16));
        assertThat(renotifier.run()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(16));
        // three rounds in all: no fourth
        assertThat(renotifier.run()).isZero();
        // a target who confirms while a round is queued is not sent it
        post("/public/ack/" + token(id, 2));
        assertThat(dispatcher.drain()).isZero();
        assertThat(tasksOf(id)).extracting(TaskRow::status).endsWith("ACKNOWLEDGED", "CANCELLED");
        assertThat(gateway.requests).hasSize(3);
    }

    @Test
    void aRoundIsRepeatedOnlyAfterItWasSentAndTheIntervalPassedUnacknowledgedHoweverSlowTheCampaign() throws Exception {
        // the gateway: 429 while busy, one 503 for 丙 afterwards; counts the messages it accepted per mobile
        AtomicBoolean busy = new AtomicBoolean(true);
        AtomicBoolean failOnce = new AtomicBoolean(true);
        Map<String, Integer> accepted = new ConcurrentHashMap<>();
        LocalServer gateway = server(request -> {
            String mobile = json.readTree(request.body()).path("mobile").asString();
            if (busy.get()) {
                return new LocalServer.Answer(429, Map.of("Retry-After", "60"), "");
            }
            if (mobile.equals("13700000023") && failOnce.getAndSet(false)) {
                return LocalServer.Answer.status(503);
            }
            accepted.merge(mobile, 1, Integer::sum);
            return LocalServer.Answer.ok("{}");
        });
        long id = deliveries.enqueue(Campaign.text(source("slow"), XIHU, "暴雨红色预警", "请立即组织转移并回复确认。",
                        List.of(Channel.SMS)).acknowledged(Duration.ofMinutes(15), 3),
                List.of(Target.publicMobile("甲", XIHU, "13700000021"), Target.publicMobile("乙", XIHU, "13700000022"),
                        Target.publicMobile("丙", XIHU, "13700000023")));
        jdbc.sql("update delivery_target set acknowledged_at = current_timestamp where campaign_id <> :c and acknowledged_at is null")
                .param("c", id).update();
        Dispatcher dispatcher = dispatcher(3, sms(gateway));

        // queued 20 minutes ago but not sent yet: nobody has had the first round, so nobody gets a second
        clock.advance(Duration.ofMinutes(20));
        assertThat(renotifier.run()).isZero();
        // the gateway says 429: every task waits for the Retry-After, still queued — still no second round
        assertThat(dispatcher.drain()).isEqualTo(3);
        assertThat(tasksOf(id)).extracting(TaskRow::status).containsExactly("QUEUED", "QUEUED", "QUEUED");
        assertThat(renotifier.run()).isZero();

        // 22 minutes after queueing: 甲 and 乙 are sent, 丙's attempt fails and backs off; 甲 confirms
        busy.set(false);
        clock.advance(Duration.ofMinutes(2));
        assertThat(dispatcher.drain()).isEqualTo(3);
        assertThat(tasksOf(id)).extracting(TaskRow::status).containsExactly("SENT", "SENT", "QUEUED");
        assertThat(post("/public/ack/" + token(id, 0)).status()).isEqualTo(200);
        // 14 minutes after the send the interval has not passed, though 36 have since queueing
        clock.advance(Duration.ofMinutes(14));
        assertThat(renotifier.run()).isZero();
        // once it has: one more round for 乙 only — 甲 confirmed, 丙's first round is still waiting for its retry
        clock.advance(Duration.ofMinutes(2));
        assertThat(renotifier.run()).isEqualTo(1);
        assertThat(tasksOf(id)).extracting(TaskRow::targetNo, TaskRow::round, TaskRow::status)
                .containsExactly(tuple(0, 1, "ACKNOWLEDGED"), tuple(1, 1, "SENT"),
                        tuple(1, 2, "QUEUED"), tuple(2, 1, "QUEUED"));
        // while 乙's second round is queued, however long, it gets no third
        assertThat(renotifier.run()).isZero();
        clock.advance(Duration.ofMinutes(20));
        assertThat(renotifier.run()).isZero();

        // 58 minutes in: both rounds are sent; 60 minutes later — 118 minutes after queueing, long past
        // 2 × 15 min × 3 rounds — the campaign is slow but its rounds are not dropped
        assertThat(dispatcher.drain()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(60));
        assertThat(renotifier.run()).isEqualTo(2);
        assertThat(renotifier.run()).isZero();
        assertThat(dispatcher.drain()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(16));
        // 乙 has had the three rounds; 丙 gets its third
        assertThat(renotifier.run()).isEqualTo(1);
        assertThat(dispatcher.drain()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(16));
        assertThat(renotifier.run()).isZero();

        assertThat(tasksOf(id)).filteredOn(t -> t.targetNo() > 0).extracting(TaskRow::targetNo, TaskRow::round)
                .containsExactly(tuple(1, 1), tuple(1, 2),
                        tuple(1, 3), tuple(2, 1),
                        tuple(2, 2), tuple(2, 3));
        // one message per round reached each: none twice for one wait, nothing after confirming
        assertThat(accepted).containsExactlyInAnyOrderEntriesOf(Map.of("13700000021", 1, "13700000022", 3, "13700000023", 3));
    }

    @Test
    void coverageCountsExactlyWhatHappenedPerRegionAndChannelWithinTheCallersRegion() throws Exception {
        LocalServer gateway = server(request -> LocalServer.Answer.ok("{}"));
        LocalServer receiver = server(request -> request.path().endsWith("/down") ? LocalServer.Answer.status(404) : LocalServer.Answer.status(200));
        String source = source("coverage");
        long id = deliveries.enqueue(Campaign.text(source, HANGZHOU, "城市内涝预警", "低洼地带人员请转移。",
                        List.of(Channel.SMS, Channel.WEBHOOK)).acknowledged(Duration.ofMinutes(30), 1),
                List.of(Target.publicMobile("甲", XIHU_VILLAGE, "13600000001"),   // 0: SMS delivered on report
                        Target.publicMobile("乙", XIHU_VILLAGE, "13600000002"),   // 1: SMS sent, no report
                        new Target(null, "丙", XIHU, "网格员", null, null, receiver.url("/ok"), null),   // 2: webhook delivered, acknowledged
                        new Target(null, "丁", XIHU, "网格员", null, null, null, null),   // 3: no address: unreachable
                        new Target(null, "戊", GONGSHU, Target.PUBLIC, "13600000005", null, receiver.url("/down"), null))); // 4: SMS report failed, webhook 404
        Dispatcher dispatcher = dispatcher(3, sms(gateway), webhook());
        assertThat(dispatcher.drain()).isEqualTo(4);
        List<TaskRow> rows = tasksOf(id);
        report("[{\"reference\":\"" + rows.get(0).id() + "\",\"status\":\"DELIVERED\"},{\"reference\":\"" + rows.get(3).id()
                + "\",\"status\":\"FAILED\"}]");
        assertThat(dispatcher.drain()).isEqualTo(1);
        post("/public/ack/" + token(id, 2));

        JsonNode city = api.get("hangzhou", "/api/notifications/campaigns/" + source + "/coverage").body();
        JsonNode total = city.path("total");
        assertThat(total.path("targeted").asInt()).isEqualTo(5);
        assertThat(total.path("sent").asInt()).isEqualTo(4);
        assertThat(total.path("delivered").asInt()).isEqualTo(2);
        assertThat(total.path("acknowledged").asInt()).isEqualTo(1);
        assertThat(total.path("reached").asInt()).isEqualTo(2);
        assertThat(total.path("failed").asInt()).isEqualTo(1); // 戊: the SMS reported failed, the webhook 404
        assertThat(total.path("unreachable").asInt()).isEqualTo(1);
        assertThat(total.path("pending").asInt()).isZero();
        assertThat(total.path("publicTargeted").asInt()).isEqualTo(3);
        assertThat(total.path("publicReached").asInt()).isEqualTo(1);
        assertThat(total.path("publicCoverageRate").asDouble()).isEqualTo(0.3333);
        assertThat(total.path("dutyTargeted").asInt()).isEqualTo(2);
        assertThat(total.path("dutyAcknowledged").asInt()).isEqualTo(1);
        assertThat(total.path("dutyAcknowledgementRate").asDouble()).isEqualTo(0.5);
        assertThat(city.path("regions").valueStream().map(r -> r.path("regionCode").asString()).toList())
                .containsExactly("330105", "330106", "330106002052");
        JsonNode gongshuSms = city.path("channels").valueStream()
                .filter(c -> c.path("regionCode").asString().equals("330105") && c.path("channel").asString().equals("SMS")).findFirst().orElseThrow();
        assertThat(gongshuSms.path("sent").asInt()).isEqualTo(1);
        assertThat(gongshuSms.path("delivered").asInt()).isZero();
        assertThat(gongshuSms.path("failed").asInt()).isEqualTo(1);
        JsonNode gongshuWebhook = city.path("channels").valueStream()
                .filter(c -> c.path("regionCode").asString().equals("330105") && c.path("channel").asString().equals("WEBHOOK")).findFirst().orElseThrow();
        assertThat(gongshuWebhook.path("failed").asInt()).isEqualTo(1);
        JsonNode villageSms = city.path("channels").valueStream()
                .filter(c -> c.path("regionCode").asString().equals("330106002052")).findFirst().orElseThrow();
        assertThat(villageSms.path("targeted").asInt()).isEqualTo(2);
        assertThat(villageSms.path("sent").asInt()).isEqualTo(2);
        assertThat(villageSms.path("delivered").asInt()).isEqualTo(1);

        // a district sees only its own part of a city-wide campaign
        JsonNode xihu = api.get("xihu", "/api/notifications/campaigns/" + source + "/coverage").body();
        assertThat(xihu.path("total").path("targeted").asInt()).isEqualTo(4);
        assertThat(xihu.path("regions").valueStream().map(r -> r.path("regionCode").asString()).toList())
                .containsExactly("330106", "330106002052");
        JsonNode xihuTasks = api.get("xihu", "/api/notifications/campaigns/" + source + "/tasks?size=50").body();
        assertThat(xihuTasks.path("totalElements").asInt()).isEqualTo(3);
        JsonNode failedTasks = api.get("hangzhou", "/api/notifications/campaigns/" + source + "/tasks?status=FAILED").body();
        assertThat(failedTasks.path("content").valueStream().map(t -> t.path("name").asString() + t.path("channel").asString()).toList())
                .containsExactlyInAnyOrder("戊SMS", "戊WEBHOOK");
        assertThat(api.get("hangzhou", "/api/notifications/campaigns/" + source + "/tasks?channel=WEBHOOK&region=330106")
                .body().path("totalElements").asInt()).isEqualTo(1);
        // the export holds what the table shows for the same filter, in Chinese, and is audited
        long exports = count("select count(*) from audit_event where action = 'delivery.export'");
        byte[] workbook = api.download("hangzhou", "/api/notifications/campaigns/" + source + "/tasks/export?status=FAILED");
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(workbook))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("对象");
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            java.util.List<String> exported = new java.util.ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                exported.add(sheet.getRow(r).getCell(0).getStringCellValue() + sheet.getRow(r).getCell(3).getStringCellValue()
                        + sheet.getRow(r).getCell(5).getStringCellValue());
            }
            assertThat(exported).containsExactlyInAnyOrder("戊短信失败", "戊系统对接失败");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(count("select count(*) from audit_event where action = 'delivery.export'")).isEqualTo(exports + 1);
        assertThat(api.get("hangzhou", "/api/notifications/campaigns/" + source + "/tasks/export?status=LOST").status()).isEqualTo(400);

        // a campaign of one district is nothing to another, nor to an enterprise account
        String xihuOnly = source("xihu-only");
        deliveries.enqueue(Campaign.text(xihuOnly, XIHU, "西湖区预警", "内容。", List.of(Channel.SMS)),
                List.of(Target.publicMobile("己", XIHU, "13600000009")));
        Response refused = api.get("gongshu", "/api/notifications/campaigns/" + xihuOnly + "/coverage");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.detail()).isEqualTo("未找到 发布任务（" + xihuOnly + "），或您无权查看");
        assertThat(api.get("gongshu", "/api/notifications/campaigns/" + xihuOnly + "/tasks").status()).isEqualTo(404);
        assertThat(api.get("gongshu", "/api/notifications/campaigns/" + xihuOnly + "/tasks/export").status()).isEqualTo(404);
        assertThat(api.get("qiye", "/api/notifications/campaigns/" + source + "/coverage").status()).isEqualTo(404);
        assertThat(api.get("hangzhou", "/api/notifications/campaigns/" + xihuOnly + "/coverage").status()).isEqualTo(200);
        assertThat(api.send(HttpMethod.GET, "/api/notifications/campaigns/" + xihuOnly + "/coverage", null, null, Map.of()).status())
                .isEqualTo(401);
    }

    @Test
    void badTokensReportsAndQueriesAreExplainedInChineseOrEnglish() throws Exception {
        long id = deliveries.enqueue(Campaign.text(source("bad"), XIHU, "预警", "内容。", List.of(Channel.SMS)).acknowledged(Duration.ofMinutes(5), 2),
                List.of(Target.publicMobile("庚", XIHU, "13500000001")));
        String good = token(id, 0);
        // a token with one character changed, for another target, malformed, or of an unknown campaign
        String forged = good.substring(0, good.length() - 1) + (good.endsWith("A") ? "B" : "A");
        for (String bad : List.of(forged, id + "-1-" + good.substring(good.lastIndexOf('-') + 1), "nonsense", "999999-0-AAAAAAAAAAAAAAAAAAAAAA")) {
            Response answer = get("/public/ack/" + bad, "zh-CN");
            assertThat(answer.status()).as(bad).isEqualTo(404);
            assertThat(answer.detail()).isEqualTo("确认链接无效或已失效，请核对短信、邮件中的链接是否完整");
            assertThat(post("/public/ack/" + bad).status()).isEqualTo(404);
        }
        assertThat(get("/public/ack/" + forged, "en").detail())
                .isEqualTo("This confirmation link is invalid or no longer valid; check that the link from the SMS or e-mail is complete");
        assertThat(count("select count(*) from delivery_target where campaign_id = " + id + " and acknowledged_at is not null")).isZero();

        String body = "[{\"reference\":\"1\",\"status\":\"DELIVERED\"}]";
        Response wrongSecret = report(body, "not-the-secret", clock.instant().getEpochSecond());
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.detail()).isEqualTo("短信状态报告的签名无效，或时间戳与服务器时间相差超过 300 秒");
        assertThat(report(body, REPORT_SECRET, clock.instant().getEpochSecond() - 600).status()).isEqualTo(401);
        Response unsigned = api.send(HttpMethod.POST, "/public/notification/sms-report", null, body, Map.of("Accept-Language", "en"));
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.detail()).isEqualTo("The SMS delivery report's signature is invalid, or its timestamp is more than 300 seconds from the server's time");
        Response malformed = report("{\"reference\":\"1\"}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.detail()).startsWith("短信状态报告格式不正确");
        assertThat(report("[{\"reference\":\"1\",\"status\":\"READ\"}]").status()).isEqualTo(400);

        Response unknown = api.get("hangzhou", "/api/notifications/campaigns/warning:0/coverage");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.detail()).isEqualTo("未找到 发布任务（warning:0），或您无权查看");
        Response english = api.send(HttpMethod.GET, "/api/notifications/campaigns/warning:0/tasks", api.token("hangzhou"), null,
                Map.of("Accept-Language", "en"));
        assertThat(english.status()).isEqualTo(404);
        Response status = api.get("hangzhou", "/api/notifications/campaigns/warning:0/tasks?status=LOST");
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.errorFields()).containsExactly("status");
        assertThat(status.body().path("errors").get(0).path("message").asString())
                .isEqualTo("状态须为以下之一：QUEUED, SENDING, SENT, DELIVERED, FAILED, ACKNOWLEDGED, CANCELLED");
        assertThat(api.get("hangzhou", "/api/notifications/campaigns/warning:0/tasks?channel=FAX").errorFields()).containsExactly("channel");
        assertThat(api.get("hangzhou", "/api/notifications/campaigns/warning:0/tasks?region=33").errorFields()).containsExactly("region");
        assertThat(api.get("hangzhou", "/api/notifications/campaigns/warning:0/tasks?size=0").errorFields()).containsExactly("size");
    }

    @Test
    void aCampaignIsQueuedWholeOrNotAtAllAndABadOneIsRefusedWithReasons() {
        String source = source("atomic");
        List<Target> many = IntStream.range(0, 2500).mapToObj(i -> Target.publicMobile("人" + i, XIHU, "1380000" + String.format("%04d", i))).toList();
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            deliveries.enqueue(Campaign.text(source, XIHU, "标题", "正文。", List.of(Channel.SMS)), many);
            throw new IllegalStateException("the publishing transaction fails after queueing");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(count("select count(*) from delivery_campaign where source = '" + source + "'")).isZero();
        assertThat(count("select count(*) from delivery_target t where not exists (select 1 from delivery_campaign c where c.id = t.campaign_id)")).isZero();
        assertThat(count("select count(*) from delivery_task t where not exists (select 1 from delivery_campaign c where c.id = t.campaign_id)")).isZero();

        long id = deliveries.enqueue(Campaign.text(source, XIHU, "标题", "正文。", List.of(Channel.SMS, Channel.IN_APP)), many);
        assertThat(count("select count(*) from delivery_target where campaign_id = " + id)).isEqualTo(2500);
        assertThat(count("select count(*) from delivery_task where campaign_id = " + id + " and status = 'QUEUED' and channel = 'SMS'")).isEqualTo(2500);

        Problem again = catchProblem(() -> deliveries.enqueue(Campaign.text(source, XIHU, "标题", "正文。", List.of(Channel.SMS)), many));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.messageKey()).isEqualTo("notification.campaign.source.taken");

        Problem invalid = catchProblem(() -> deliveries.enqueue(new Campaign(" ", XIHU, "", "正文", List.of(), false, null,
                List.of(Channel.SMS, Channel.SMS), true, Duration.ofSeconds(10), 0), List.of(new Target(null, "", XIHU, "公众", null, null, null, null))));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.fieldProblems()).extracting(Problem.FieldProblem::field)
                .containsExactly("source", "title", "channels", "maxRounds", "renotifyAfter", "targets[0].name");
    }

    private static Problem catchProblem(Runnable work) {
        try {
            work.run();
        } catch (Problem problem) {
            return problem;
        }
        throw new AssertionError("no problem");
    }
}
