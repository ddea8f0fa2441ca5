package io.yingji.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegionCodeTests {

    @ParameterizedTest
    @CsvSource({"330000,1,33", "330100,2,3301", "330105,3,330105", "330482,3,330482",
        "330105001,4,330105001", "330105001055,5,330105001055"})
    void knowsItsLevelAndSubtreePrefix(String code, int level, String prefix) {
        RegionCode region = RegionCode.of(code);
        assertThat(region.level()).isEqualTo(level);
        assertThat(region.subtreePrefix()).isEqualTo(prefix);
    }

    @Test
    void containsItselfAndWhatIsBelowButNotItsNeighbours() {
        RegionCode hangzhou = RegionCode.of("330100");
        RegionCode gongshu = RegionCode.of("330105");
        assertThat(hangzhou.contains(gongshu)).isTrue();
        assertThat(gongshu.contains(RegionCode.of("330105001055"))).isTrue();
        assertThat(gongshu.contains(gongshu)).isTrue();
        assertThat(gongshu.contains(hangzhou)).isFalse();
        assertThat(gongshu.contains(RegionCode.of("330106"))).isFalse();
        assertThat(hangzhou.contains(RegionCode.of("330200"))).isFalse();
        assertThat(RegionCode.of("330000").contains(RegionCode.of("330482"))).isTrue();
    }

    @Test
    void refusesCodesOfOtherLengths() {
        assertThat(RegionCode.isValid("33010")).isFalse();
        assertThat(RegionCode.isValid("3301050010")).isFalse();
        assertThat(RegionCode.isValid("33010a")).isFalse();
        assertThatThrownBy(() -> RegionCode.of("1234567")).isInstanceOf(IllegalArgumentException.class);
    }
}
