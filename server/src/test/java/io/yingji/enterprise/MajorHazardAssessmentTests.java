package io.yingji.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.enterprise.MajorHazardAssessment.Quantity;
import io.yingji.enterprise.MajorHazardAssessment.Result;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MajorHazardAssessmentTests {

    private static Quantity ammonia(String tonnes) {
        return new Quantity(new BigDecimal(tonnes), BigDecimal.TEN, new BigDecimal("2"));
    }

    @ParameterizedTest
    @CsvSource({"0,0.5", "1,1.0", "29,1.0", "30,1.2", "49,1.2", "50,1.5", "99,1.5", "100,2.0", "5000,2.0"})
    void alphaFollowsThePeopleExposedWithin500Metres(int people, String alpha) {
        assertThat(MajorHazardAssessment.alpha(people)).isEqualByComparingTo(alpha);
    }

    @ParameterizedTest
    @CsvSource({"100,1", "99.9999,2", "50,2", "49.9999,3", "10,3", "9.9999,4", "0.5,4"})
    void gradeBandsIncludeTheirLowerBound(String r, int grade) {
        assertThat(MajorHazardAssessment.grade(new BigDecimal(r))).isEqualTo(grade);
    }

    @Test
    void belowTheCriticalQuantityIsNotAMajorHazardSource() {
        Result result = MajorHazardAssessment.assess(List.of(ammonia("9.99")), 200);
        assertThat(result.s()).isEqualByComparingTo("0.999");
        assertThat(result.isMajor()).isFalse();
        assertThat(result.grade()).isNull();
    }

    @Test
    void exactlyTheCriticalQuantityIsAMajorHazardSource() {
        // S = 10/10 = 1; R = α·β·S = 1.0 · 2 · 1 = 2 → 四级
        Result result = MajorHazardAssessment.assess(List.of(ammonia("10")), 10);
        assertThat(result.s()).isEqualByComparingTo("1");
        assertThat(result.r()).isEqualByComparingTo("2");
        assertThat(result.grade()).isEqualTo(4);
    }

    @Test
    void sumsSeveralChemicalsWithTheirCorrectionFactors() {
        // chlorine 10 t of Q 5 t, β 4 → 2 · 4 = 8; ammonia 50 t of Q 10, β 2 → 5 · 2 = 10
        // S = 2 + 5 = 7; R = 2.0 (≥100 people) · (8 + 10) = 36 → 三级
        Quantity chlorine = new Quantity(BigDecimal.TEN, new BigDecimal("5"), new BigDecimal("4"));
        Result result = MajorHazardAssessment.assess(List.of(chlorine, ammonia("50")), 150);
        assertThat(result.s()).isEqualByComparingTo("7");
        assertThat(result.r()).isEqualByComparingTo("36");
        assertThat(result.grade()).isEqualTo(3);
    }

    @Test
    void phosgeneNearManyPeopleIsFirstGrade() {
        // 1.5 t phosgene, Q 0.3 t, β 20: S = 5, R = 2.0 · 20 · 5 = 200 → 一级
        Quantity phosgene = new Quantity(new BigDecimal("1.5"), new BigDecimal("0.3"), new BigDecimal("20"));
        Result result = MajorHazardAssessment.assess(List.of(phosgene), 100);
        assertThat(result.r()).isEqualByComparingTo("200");
        assertThat(result.grade()).isEqualTo(1);
    }
}
