package io.yingji.warning.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.shared.GeoPoint;
import io.yingji.warning.WarningLevel;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarningCapTests {

    @Test
    void levelsMapToCapSeverities() {
        assertThat(List.of(WarningLevel.values())).extracting(WarningLevel::severity)
                .containsExactly("Extreme", "Severe", "Moderate", "Minor");
        assertThat(WarningLevel.ofSeverity("Moderate")).isEqualTo(WarningLevel.YELLOW);
        assertThat(WarningLevel.ofSeverity("Unknown")).isNull();
    }

    @Test
    void capTimesAreBeijingTimeWithAnOffsetAndWholeSeconds() {
        assertThat(CapTimes.format(Instant.parse("2026-11-23T06:05:09.750Z"))).isEqualTo("2026-11-23T14:05:09+08:00");
        assertThat(CapTimes.parse("2026-11-23T14:05:09+08:00")).isEqualTo(Instant.parse("2026-11-23T06:05:09Z"));
    }

    @Test
    void hour24IsMidnightOfTheNextDay() {
        assertThat(CapTimes.parse("2026-12-07T24:00:00-05:00")).isEqualTo(Instant.parse("2026-12-08T05:00:00Z"));
        assertThat(CapTimes.parse("2026-12-31T24:00:00+08:00")).isEqualTo(Instant.parse("2026-12-31T16:00:00Z"));
        assertThat(CapTimes.parse(" 2026-02-28T24:00:00+00:00 ")).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    }

    @Test
    void documentsAreDecodedAsTheirMarkOrDeclarationSaysAndWrittenBackTheSame() {
        String latin = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><alert>Usulután</alert>";
        byte[] latinBytes = latin.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(CapEncoding.decode(latinBytes)).isEqualTo(latin);
        assertThat(CapEncoding.encode(CapEncoding.decode(latinBytes))).isEqualTo(latinBytes);
        String plain = "<alert>杭州</alert>";
        assertThat(CapEncoding.decode(plain.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(plain);
        byte[] utf16 = ("\uFEFF<?xml version='1.0' encoding='UTF-16'?><alert>杭州</alert>").getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        assertThat(CapEncoding.decode(utf16)).isEqualTo("<?xml version='1.0' encoding='UTF-16'?><alert>杭州</alert>");
        byte[] utf16NoMark = "<?xml version='1.0' encoding='UTF-16'?><alert>杭州</alert>".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        assertThat(CapEncoding.decode(utf16NoMark)).isEqualTo("<?xml version='1.0' encoding='UTF-16'?><alert>杭州</alert>");
        byte[] utf8Bom = ("\uFEFF" + plain).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(CapEncoding.decode(utf8Bom)).isEqualTo(plain);
        byte[] big5 = "<?xml version=\"1.0\" encoding=\"Big5\"?><alert>臺北</alert>".getBytes(java.nio.charset.Charset.forName("Big5"));
        assertThat(CapEncoding.decode(big5)).endsWith("<alert>臺北</alert>");
        assertThat(CapEncoding.encode(CapEncoding.decode(big5))).isEqualTo(big5);
    }

    @Test
    void undecodableBytesAndUnknownEncodingsAreFieldProblems() {
        byte[] bad = "<alert>\nUsulután</alert>".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(io.yingji.shared.Problem.class, () -> CapEncoding.decode(bad)))
                .satisfies(p -> {
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.fieldProblems()).singleElement().satisfies(f -> {
                        assertThat(f.messageKey()).isEqualTo("warning.import.encoding-invalid");
                        assertThat(f.line()).isEqualTo(2);
                        assertThat(f.column()).isEqualTo(7);
                        assertThat(f.args()).containsExactly("UTF-8", "14");
                    });
                });
        byte[] unknown = "<?xml version=\"1.0\" encoding=\"x-klingon\"?><alert/>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(io.yingji.shared.Problem.class, () -> CapEncoding.decode(unknown))
                .fieldProblems()).singleElement().satisfies(f -> assertThat(f.messageKey()).isEqualTo("warning.import.encoding-unknown"));
    }

    @Test
    void aClosedPolygonOfFourPointsIsRead() {
        var parsed = CapGeometry.polygon(" 30.31,120.14 30.31,120.16  30.33,120.16 30.31,120.14 ");
        assertThat(parsed.problem()).isNull();
        assertThat(parsed.value()).hasSize(4).first().isEqualTo(new GeoPoint(120.14, 30.31));
        assertThat(CapGeometry.polygonText(parsed.value())).isEqualTo("30.31,120.14 30.31,120.16 30.33,120.16 30.31,120.14");
    }

    @Test
    void badPolygonsSayWhatIsWrong() {
        assertThat(CapGeometry.polygon("30.31,120.14 30.31,120.16 30.31,120.14").problem()).isEqualTo("warning.polygon.too-few");
        assertThat(CapGeometry.polygon("30.31,120.14 30.31,120.16 30.33,120.16 30.34,120.14").problem()).isEqualTo("warning.polygon.open");
        assertThat(CapGeometry.polygon("120.14,30.31 95,30 95,31 120.14,30.31").problem()).isEqualTo("warning.polygon.point");
        assertThat(CapGeometry.polygon("30.31;120.14 a,b").problem()).isEqualTo("warning.polygon.point");
        assertThat(CapGeometry.polygon(" ").problem()).isEqualTo("warning.polygon.required");
    }

    @Test
    void circlesNeedACentreAndANonNegativeRadiusInKilometres() {
        var circle = CapGeometry.circle("30.29,120.16 1.50");
        assertThat(circle.value().radiusKm()).isEqualTo(1.5);
        assertThat(CapGeometry.circleText(circle.value())).isEqualTo("30.29,120.16 1.5");
        // radius 0 is a point (CAP 1.2 example A.3); drafting refuses it separately
        assertThat(CapGeometry.circle("32.9525,-115.5527 0").value().radiusKm()).isZero();
        assertThat(CapGeometry.circle("30.29,120.16 -2").problem()).isEqualTo("warning.circle.radius");
        assertThat(CapGeometry.circle("30.29,120.16").problem()).isEqualTo("warning.circle.format");
        assertThat(CapGeometry.circle("30.29,120.16 NaN").problem()).isEqualTo("warning.circle.radius");
        assertThat(CapGeometry.number(1.0E-4)).isEqualTo("0.0001");
    }

    @Test
    void identifiersAndSendersAreCapTokens() {
        assertThat(CapText.isToken("YJ-330105-20261123-000001")).isTrue();
        assertThat(CapText.isToken("a b")).isFalse();
        assertThat(CapText.isToken("a,b")).isFalse();
        assertThat(CapText.isToken("a<b")).isFalse();
        assertThat(CapText.isToken("a&b")).isFalse();
    }

    @Test
    void addressesWithSpacesAreQuotedAndReadBack() {
        String text = CapText.addresses(List.of("13800000001", "米市巷 值班室"));
        assertThat(text).isEqualTo("13800000001 \"米市巷 值班室\"");
        assertThat(CapText.splitAddresses(text)).containsExactly("13800000001", "米市巷 值班室");
    }

    @Test
    void aFollowingMessageReferencesTheWholeChain() {
        Warning alert = new Warning();
        alert.sender = "330105@yingji.local";
        alert.identifier = "YJ-1";
        alert.sent = Instant.parse("2026-11-23T06:00:00Z");
        Warning update = new Warning();
        update.sender = alert.sender;
        update.identifier = "YJ-2";
        update.sent = Instant.parse("2026-11-23T07:00:00Z");
        update.references = WarningDesk.chainAfter(alert);
        assertThat(WarningDesk.chainAfter(update)).containsExactly("330105@yingji.local,YJ-1,2026-11-23T14:00:00+08:00",
                "330105@yingji.local,YJ-2,2026-11-23T15:00:00+08:00");
    }

    @Test
    void aWarningIsActiveOnlyWhilePublishedAndBeforeItsExpiry() {
        Warning w = new Warning();
        Instant now = Instant.parse("2026-11-23T06:00:00Z");
        w.expires = now.plusSeconds(60);
        assertThat(w.isActive(now)).isFalse();
        w.state = Warning.State.PUBLISHED;
        assertThat(w.isActive(now)).isTrue();
        assertThat(w.isActive(now.plusSeconds(60))).isFalse();
        assertThat(w.expireIfDue(now)).isFalse();
        assertThat(w.expireIfDue(now.plusSeconds(61))).isTrue();
        assertThat(w.state).isEqualTo(Warning.State.EXPIRED);
    }
}
