package io.yingji.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.AtOnce;
import io.yingji.support.Enterprises;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Risk writes fired ten times at once: one commitment a day, one reassessment or edit per version. */
class RiskConcurrencyIntegrationTests extends ApiTest {

    private long enterprise;

    /** A new enterprise in 拱墅区 with one orange risk point (so it must commit daily); answers the point's id. */
    private long orangePoint() {
        Response created = api.post("gongshu", "/api/enterprises", Enterprises.inGongshu());
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        enterprise = created.body().path("id").asLong();
        Map<String, Object> point = new HashMap<>(Map.of("name", "反应釜", "category", "EQUIPMENT", "method", "LEC",
                "controlMeasures", "联锁与报警", "responsiblePerson", "李娜", "responsiblePhone", "13906812222"));
        point.put("l", 3);
        point.put("e", 6);
        point.put("c", 15);
        Response registered = api.post("gongshu", "/api/enterprises/" + enterprise + "/risk-points", point);
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        return registered.body().path("id").asLong();
    }

    private int version(long point) {
        return api.get("gongshu", "/api/risk-points/" + point).body().path("point").path("version").asInt();
    }

    @Test
    void tenCommitmentsAtOnceAreOneCommitment() {
        orangePoint();
        AtOnce.exactlyOneWins(() -> api.post("gongshu", "/api/enterprises/" + enterprise + "/commitments", Map.of()));
        assertThat(count("select count(*) from daily_commitment where enterprise_id = " + enterprise)).isEqualTo(1);
    }

    @Test
    void tenReassessmentsOfTheSameVersionAtOnceKeepOne() {
        long point = orangePoint();
        int version = version(point);

        Response won = AtOnce.exactlyOneWins(() -> api.post("gongshu", "/api/risk-points/" + point + "/assessments",
                Map.of("method", "LS", "l", 2, "s", 4, "comment", "增设联锁后复评", "version", version)));

        assertThat(won.body().path("level").asString()).isEqualTo("BLUE");
        assertThat(count("select count(*) from risk_assessment where risk_point_id = " + point)).isEqualTo(2);
        assertThat(version(point)).isEqualTo(version + 1);
    }

    @Test
    void tenEditsOfTheSameVersionAtOnceSaveOne() {
        long point = orangePoint();
        int version = version(point);
        Map<String, Object> edit = new HashMap<>(Map.of("name", "1号反应釜", "category", "EQUIPMENT",
                "controlMeasures", "联锁、报警与视频监控", "responsiblePerson", "李娜", "responsiblePhone", "13906812222",
                "version", version));

        AtOnce.exactlyOneWins(() -> api.put("gongshu", "/api/risk-points/" + point, edit));

        assertThat(version(point)).isEqualTo(version + 1);
        assertThat(count("select count(*) from audit_event where entity_type = 'risk_point' and entity_id = '" + point
                + "' and action = 'risk-point.update'")).isEqualTo(1);
    }
}
