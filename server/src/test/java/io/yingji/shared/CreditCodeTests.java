package io.yingji.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCodeTests {

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "91110000600037341L"})
    void acceptsPublishedExamples(String code) {
        assertThat(CreditCode.isValid(code)).isTrue();
    }

    @Test
    void computesTheCheckCharacterOfTheExamples() {
        assertThat(CreditCode.checkCharacter("91350100M000100Y4")).isEqualTo('3');
        assertThat(CreditCode.checkCharacter("91110000600037341")).isEqualTo('L');
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "91350100M000100Y44", // wrong check character
        "91350100M000100Y4",  // 17 characters
        "91350100M000100Y433", // 19 characters
        "91350100O000100Y43", // O is not in the alphabet
        "91350100m000100Y43", // lower case
        ""})
    void refusesMalformedCodes(String code) {
        assertThat(CreditCode.isValid(code)).isFalse();
    }

    @Test
    void refusesNull() {
        assertThat(CreditCode.isValid(null)).isFalse();
    }
}
