package io.yingji.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RiskGradingTests {

    private final RiskGrading grading = new RiskGrading(RiskSettings.defaults());

    @ParameterizedTest
    @CsvSource({"0.05,BLUE", "70,BLUE", "70.01,YELLOW", "160,YELLOW", "160.01,ORANGE", "320,ORANGE", "320.01,RED", "10000,RED"})
    void lecBandsExcludeTheirThreshold(String d, RiskLevel level) {
        assertThat(grading.lecLevel(new BigDecimal(d))).isEqualTo(level);
    }

    @ParameterizedTest
    @CsvSource({"1,BLUE", "8,BLUE", "9,YELLOW", "14,YELLOW", "15,ORANGE", "19,ORANGE", "20,RED", "25,RED"})
    void matrixBandsStartAtTheirThreshold(String r, RiskLevel level) {
        assertThat(grading.matrixLevel(new BigDecimal(r))).isEqualTo(level);
    }

    @Test
    void gradesAnLecAssessment() {
        // L 3 (可能，但不经常) · E 6 (每天工作时间内暴露) · C 15 (重伤) = 270 → 橙
        RiskGrading.Grade grade = grading.grade(RiskGrading.Method.LEC, new BigDecimal("3"), new BigDecimal("6"),
                new BigDecimal("15"), null);
        assertThat(grade.score()).isEqualByComparingTo("270");
        assertThat(grade.level()).isEqualTo(RiskLevel.ORANGE);
    }

    @Test
    void gradesAMatrixAssessment() {
        RiskGrading.Grade grade = grading.grade(RiskGrading.Method.LS, new BigDecimal("4"), null, null, new BigDecimal("5"));
        assertThat(grade.score()).isEqualByComparingTo("20");
        assertThat(grade.level()).isEqualTo(RiskLevel.RED);
    }

    @Test
    void thresholdsAreConfiguration() {
        // a region that counts D > 160 as 红
        RiskGrading strict = new RiskGrading(new RiskSettings(BigDecimal.valueOf(160), BigDecimal.valueOf(70),
                BigDecimal.valueOf(20), null, null, null));
        assertThat(strict.lecLevel(BigDecimal.valueOf(270))).isEqualTo(RiskLevel.RED);
        assertThat(strict.lecLevel(BigDecimal.valueOf(160))).isEqualTo(RiskLevel.ORANGE);
    }

    @Test
    void onlyTheMethodsOwnValuesAreAllowed() {
        assertThat(RiskGrading.allowed(RiskGrading.Method.LEC, new BigDecimal("0.5"), new BigDecimal("0.5"), new BigDecimal("1"), null)).isTrue();
        assertThat(RiskGrading.allowed(RiskGrading.Method.LEC, new BigDecimal("5"), new BigDecimal("6"), new BigDecimal("15"), null)).isFalse();
        assertThat(RiskGrading.allowed(RiskGrading.Method.LEC, new BigDecimal("3"), null, new BigDecimal("15"), null)).isFalse();
        assertThat(RiskGrading.allowed(RiskGrading.Method.LS, new BigDecimal("5"), null, null, new BigDecimal("1"))).isTrue();
        assertThat(RiskGrading.allowed(RiskGrading.Method.LS, new BigDecimal("6"), null, null, new BigDecimal("1"))).isFalse();
        assertThat(RiskGrading.allowed(RiskGrading.Method.LS, new BigDecimal("2.5"), null, null, new BigDecimal("2"))).isFalse();
    }

    @Test
    void theHigherLevelWins() {
        assertThat(RiskLevel.YELLOW.max(RiskLevel.RED)).isEqualTo(RiskLevel.RED);
        assertThat(RiskLevel.ORANGE.max(RiskLevel.BLUE)).isEqualTo(RiskLevel.ORANGE);
    }
}
