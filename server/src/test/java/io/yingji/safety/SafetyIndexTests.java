package io.yingji.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafetyIndexTests {

    @Test
    void aCleanAreaScoresAHundred() {
        assertThat(SafetyIndex.of(new SafetyIndex.Inputs(200, 0, 0, 0, 0, 0))).isEqualTo(100.0);
        assertThat(SafetyIndex.of(new SafetyIndex.Inputs(0, 0, 0, 0, 0, 0))).isEqualTo(100.0);
    }

    @Test
    void deductsPerHundredEnterprisesAndPerMajorHazard() {
        // 200 enterprises: 2 red (−3), 5 orange (−2.5), 10 open hazards (−2.5) of which 2 overdue (−2), 1 major open (−2)
        assertThat(SafetyIndex.of(new SafetyIndex.Inputs(200, 2, 5, 10, 2, 1))).isEqualTo(88.0);
        // one in ten orange, one in fifty red: 84
        assertThat(SafetyIndex.of(new SafetyIndex.Inputs(100, 2, 10, 0, 0, 0))).isEqualTo(84.0);
        assertThat(SafetyIndex.of(new SafetyIndex.Inputs(10, 10, 0, 0, 0, 0))).isEqualTo(0.0);
    }

    @ParameterizedTest
    @CsvSource({"100,BLUE", "90,BLUE", "89.9,YELLOW", "80,YELLOW", "79.9,ORANGE", "70,ORANGE", "69.9,RED", "0,RED"})
    void bandsStartAtTheirThreshold(double index, SafetyIndex.Band band) {
        assertThat(SafetyIndex.band(index)).isEqualTo(band);
    }
}
