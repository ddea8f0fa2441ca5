package io.yingji.hazard;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Reminders to the people of a hazard: each step that needs someone, nearly due, and escalated. */
class HazardReminderIntegrationTests extends ApiTest {

    @Autowired
    MutableClock clock;

    @Autowired
    io.yingji.hazard.internal.SupervisionRunner supervision;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
    }

    private long reportAtQiye(String title) {
        long enterprise = api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
        return api.post("gongshu", "/api/hazards", Map.of("title", title, "description", "现场检查发现",
                "enterpriseId", enterprise, "source", "GOVERNMENT_INSPECTION")).body().path("id").asLong();
    }

    private void verifyAndAssign(long id, String grade, LocalDate deadline) {
        assertThat(api.post("gongshu", "/api/hazards/" + id + "/verify", Map.of("grade", grade, "category", "HAZCHEM",
                "responsibleUnit", "杭州运河精细化工有限公司", "deadline", deadline.toString())).status()).isEqualTo(200);
        assertThat(api.post("gongshu", "/api/hazards/" + id + "/assign", Map.of()).status()).isEqualTo(200);
    }

    /** The titles of a user's notifications about one hazard, oldest first. */
    private List<String> noticesAbout(String user, long hazard) {
        Response page = api.get(user, "/api/notifications?size=500");
        assertThat(page.status()).isEqualTo(200);
        List<String> newestFirst = page.body().path("content").valueStream()
                .filter(n -> n.path("link").asString().equals("/hazards/" + hazard))
                .map(n -> n.path("kind").asString() + " " + n.path("title").asString())
                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Test
    void eachStepThatNeedsSomeoneTellsThem() {
        long id = reportAtQiye("液氨储罐安全阀未定期校验");
        verifyAndAssign(id, "GENERAL", today().plusDays(10));
        assertThat(noticesAbout("qiye", id)).containsExactly("hazard.assigned 隐患整改任务：液氨储罐安全阀未定期校验");
        Response zh = api.get("qiye", "/api/notifications?size=500");
        assertThat(zh.body().path("content").get(0).path("body").asString())
                .isEqualTo("隐患“液氨储罐安全阀未定期校验”已交办给您单位，请于 " + today().plusDays(10) + " 前完成整改并提交验收。");

        api.post("qiye", "/api/hazards/" + id + "/complete", Map.of("comment", "已送检"));
        // the township 330105005 has no verifier account: the district's bureau is told instead
        assertThat(noticesAbout("gongshu", id)).containsExactly("hazard.completed 隐患待验收：液氨储罐安全阀未定期校验");
        // the construction department does not supervise chemicals; the street's station is another street
        assertThat(noticesAbout("zhujian", id)).isEmpty();
        assertThat(noticesAbout("mishixiang", id)).isEmpty();

        api.post("gongshu", "/api/hazards/" + id + "/reject", Map.of("comment", "缺校验报告"));
        assertThat(noticesAbout("qiye", id)).containsExactly("hazard.assigned 隐患整改任务：液氨储罐安全阀未定期校验",
                "hazard.rejected 隐患验收未通过：液氨储罐安全阀未定期校验");
        // other enterprises' accounts never hear of it
        assertThat(noticesAbout("xihu", id)).isEmpty();
    }

    @Test
    void aNearDeadlineIsRemindedOnceAndAFarOneNotYet() {
        long id = reportAtQiye("甲类仓库防爆灯具损坏");
        verifyAndAssign(id, "GENERAL", today().plusDays(2));
        supervision.run();
        supervision.run();
        assertThat(noticesAbout("qiye", id)).containsExactly("hazard.assigned 隐患整改任务：甲类仓库防爆灯具损坏",
                "hazard.due 隐患整改即将到期：甲类仓库防爆灯具损坏");
        assertThat(noticesAbout("gongshu", id)).containsExactly("hazard.due 隐患整改即将到期：甲类仓库防爆灯具损坏");
        assertThat(api.get("qiye", "/api/notifications?size=1").body().path("content").get(0).path("body").asString())
                .contains("还剩 2 天");

        long far = reportAtQiye("危化品装卸区静电接地不良");
        verifyAndAssign(far, "GENERAL", today().plusDays(10));
        supervision.run();
        assertThat(noticesAbout("qiye", far)).containsExactly("hazard.assigned 隐患整改任务：危化品装卸区静电接地不良");
    }

    @Test
    void anEscalationTellsTheEnterpriseTheNewSupervisorsAndTheLevelItLeft() {
        long id = reportAtQiye("重大危险源监控系统长期停用");
        verifyAndAssign(id, "MAJOR", today().plusDays(1));
        clock.advance(Duration.ofDays(3));
        api = new Api(port); // three days on, the morning's tokens have expired
        supervision.run();
        String overdue = "hazard.overdue 隐患逾期升级督办：重大危险源监控系统长期停用";
        assertThat(noticesAbout("qiye", id)).contains(overdue);
        assertThat(noticesAbout("hangzhou", id)).containsExactly(overdue);
        assertThat(noticesAbout("gongshu", id)).contains(overdue);
        assertThat(noticesAbout("jiaotong", id)).isEmpty();
        Response english = api.send(org.springframework.http.HttpMethod.GET, "/api/notifications?size=500", api.token("hangzhou"),
                null, Map.of("Accept-Language", "en"));
        assertThat(english.body().path("content").valueStream()
                .filter(n -> n.path("link").asString().equals("/hazards/" + id)).findFirst().orElseThrow()
                .path("body").asString())
                .isEqualTo("The hazard \"重大危险源监控系统长期停用\" passed its deadline " + today().minusDays(2)
                        + " without being closed and is now supervised by the city. Remediate it at once.");
    }
}
