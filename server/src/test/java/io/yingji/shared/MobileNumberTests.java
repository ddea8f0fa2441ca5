package io.yingji.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MobileNumberTests {

    @ParameterizedTest
    @ValueSource(strings = {"13906810001", "18867112233", "0571-88001234", "057188001234", "010-12345678"})
    void acceptsMobilesAndFixedLinesWithAreaCode(String number) {
        assertThat(MobileNumber.isPhone(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1390681000", "139068100011", "23906810001", "12345678", "phone", "0571-123"})
    void refusesWhatCannotBeDialled(String number) {
        assertThat(MobileNumber.isPhone(number)).isFalse();
    }
}
