package io.yingji.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.hazard.HazardWorkflow.Standing;
import io.yingji.monitoring.AlarmBoard;
import io.yingji.risk.RiskLevel;
import org.junit.jupiter.api.Test;

class SafetyCodeTests {

    private static final Standing CLEAN = new Standing(0, 0, 0);

    @Test
    void noRiskAndNoHazardsIsGreen() {
        assertThat(SafetyCode.of(null, CLEAN).colour()).isEqualTo(SafetyCode.Colour.GREEN);
        assertThat(SafetyCode.of(RiskLevel.YELLOW, new Standing(0, 0, 3)).colour()).isEqualTo(SafetyCode.Colour.GREEN);
        assertThat(SafetyCode.of(RiskLevel.BLUE, CLEAN).reasons()).isEmpty();
    }

    @Test
    void highRiskOrAnOpenMajorHazardOrOneOverdueHazardIsYellow() {
        assertThat(SafetyCode.of(RiskLevel.ORANGE, CLEAN).colour()).isEqualTo(SafetyCode.Colour.YELLOW);
        assertThat(SafetyCode.of(RiskLevel.RED, CLEAN).colour()).isEqualTo(SafetyCode.Colour.YELLOW);
        assertThat(SafetyCode.of(null, new Standing(1, 0, 1)).colour()).isEqualTo(SafetyCode.Colour.YELLOW);
        SafetyCode.Result overdue = SafetyCode.of(null, new Standing(0, 1, 1));
        assertThat(overdue.colour()).isEqualTo(SafetyCode.Colour.YELLOW);
        assertThat(overdue.reasons()).containsExactly(new SafetyCode.Reason("safety.reason.overdue", 1));
    }

    @Test
    void anOverdueMajorHazardTwoOverdueHazardsOrMajorRiskWithAMajorHazardIsRed() {
        assertThat(SafetyCode.of(null, new Standing(1, 1, 1)).colour()).isEqualTo(SafetyCode.Colour.RED);
        assertThat(SafetyCode.of(null, new Standing(0, 2, 2)).colour()).isEqualTo(SafetyCode.Colour.RED);
        SafetyCode.Result result = SafetyCode.of(RiskLevel.RED, new Standing(1, 0, 1));
        assertThat(result.colour()).isEqualTo(SafetyCode.Colour.RED);
        assertThat(result.reasons()).extracting(SafetyCode.Reason::key)
                .containsExactly("safety.reason.major-open", "safety.reason.risk-red");
    }

    @Test
    void anUnhandledLevelTwoAlarmIsRedAndAnyOpenAlarmYellow() {
        SafetyCode.Result high = SafetyCode.of(null, CLEAN, new AlarmBoard.Standing(1, 1));
        assertThat(high.colour()).isEqualTo(SafetyCode.Colour.RED);
        assertThat(high.reasons()).containsExactly(new SafetyCode.Reason("safety.reason.alarm-high", 1),
                new SafetyCode.Reason("safety.reason.alarm-open", 1));
        assertThat(SafetyCode.of(null, CLEAN, new AlarmBoard.Standing(0, 2)).colour()).isEqualTo(SafetyCode.Colour.YELLOW);
        assertThat(SafetyCode.of(null, CLEAN, AlarmBoard.Standing.NONE).colour()).isEqualTo(SafetyCode.Colour.GREEN);
    }
}
