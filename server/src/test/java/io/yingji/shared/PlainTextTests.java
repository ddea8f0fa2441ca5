package io.yingji.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlainTextTests {

    @Test
    void textWithTabsLineBreaksAndAnyScriptIsPlain() {
        assertThat(PlainText.forbiddenAt("储罐\t泄漏\r\n第二行 😀 العربية")).isEqualTo(-1);
    }

    @Test
    void findsTheFirstControlCharacterDirectionOverrideOrLoneSurrogate() {
        assertThat(PlainText.forbiddenAt("ab\u0000")).isEqualTo(2);
        assertThat(PlainText.forbiddenAt("\u001B[31m")).isZero();
        assertThat(PlainText.forbiddenAt("x\u007F")).isEqualTo(1);
        assertThat(PlainText.forbiddenAt("x\u009B")).isEqualTo(1);
        assertThat(PlainText.forbiddenAt("abc\u202Efed")).isEqualTo(3);
        assertThat(PlainText.forbiddenAt("\u2069")).isZero();
        assertThat(PlainText.forbiddenAt("a\uDC00")).isEqualTo(1);
        assertThat(PlainText.forbiddenAt("a\uD83D")).isEqualTo(1);
        assertThat(PlainText.describe("x\u202E", 1)).isEqualTo("U+202E");
    }

    @Test
    void decodesUtf8WithOrWithoutItsByteOrderMark() {
        byte[] text = "编码,名称\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        assertThat(PlainText.decodeUtf8(text, "file")).isEqualTo("编码,名称\n");
        assertThat(PlainText.decodeUtf8(withBom, "file")).isEqualTo("编码,名称\n");
    }

    @Test
    void refusesGbkNamingTheLineAndByteWhereUtf8Fails() {
        byte[] gbk = "code,name\nA-1,液位计\n".getBytes(Charset.forName("GBK"));
        assertThatThrownBy(() -> PlainText.decodeUtf8(gbk, "file")).isInstanceOfSatisfying(Problem.class, p -> {
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.fieldProblems()).singleElement().satisfies(f -> {
                assertThat(f.line()).isEqualTo(2);
                assertThat(f.field()).isEqualTo("file");
                assertThat(f.messageKey()).isEqualTo("text.file.not-utf8");
                // 液 (D2 BA) and 位 (CE BB) happen to be well-formed UTF-8 pairs; 计 (BC C6) starts with a continuation byte
                assertThat(f.args()).containsExactly("9");
            });
        });
        assertThatThrownBy(() -> PlainText.decodeUtf8("a".getBytes(StandardCharsets.UTF_16), "file"))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.fieldProblems().get(0).messageKey()).isEqualTo("text.file.utf16"));
    }

    @Test
    void aPointIsValidOnlyOnTheEarth() {
        assertThat(new GeoPoint(120.16, 30.28).isValid()).isTrue();
        assertThat(new GeoPoint(200, 30).isValid()).isFalse();
        assertThat(new GeoPoint(120, 95).isValid()).isFalse();
        assertThat(new GeoPoint(Double.POSITIVE_INFINITY, 30).isValid()).isFalse();
        assertThat(new GeoPoint(Double.NaN, 30).isValid()).isFalse();
        assertThat(BoundingBox.CHINA.contains(new GeoPoint(Double.NaN, Double.NaN))).isFalse();
        assertThat(GeoPoint.problemsOf(null, null)).isEmpty();
        assertThat(GeoPoint.problemsOf(1e308, 1e308)).extracting(Problem.FieldProblem::field).containsExactly("longitude", "latitude");
        assertThat(GeoPoint.problemsOf(120.0, null)).extracting(Problem.FieldProblem::field).containsExactly("latitude");
    }
}
