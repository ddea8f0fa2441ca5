package io.yingji.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.enterprise.EnterpriseDraft;
import io.yingji.region.Region;
import io.yingji.shared.CreditCode;
import io.yingji.shared.GeoPoint;
import io.yingji.shared.MobileNumber;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoEnterprisesTests {

    private final List<Region> regions = DemoCity.readRegions();
    private final Map<String, Region> byCode = regions.stream().collect(Collectors.toMap(r -> r.code().value(), r -> r));
    private final List<EnterpriseDraft> drafts = new DemoEnterprises(regions, new HashMap<>()).generate(3000);

    @Test
    void theRegionTreeHasGongshusEighteenStreetsAndHangzhousDistricts() {
        List<String> gongshuStreets = regions.stream()
                .filter(r -> r.parent() != null && r.parent().value().equals("330105")).map(Region::name).toList();
        assertThat(gongshuStreets).hasSize(18).contains("米市巷街道", "拱宸桥街道", "武林街道", "石桥街道");
        assertThat(byCode.get("330106").name()).isEqualTo("西湖区");
        assertThat(byCode.get("330482").name()).isEqualTo("平湖市");
        assertThat(regions).allSatisfy(r -> {
            if (r.parent() != null) {
                assertThat(byCode).containsKey(r.parent().value());
            }
        });
    }

    @Test
    void everyEnterpriseHasAValidUniqueCreditCodeAndAUniqueName() {
        assertThat(drafts).allSatisfy(d -> assertThat(CreditCode.isValid(d.creditCode())).as(d.creditCode()).isTrue());
        Set<String> codes = drafts.stream().map(EnterpriseDraft::creditCode).collect(Collectors.toSet());
        Set<String> names = drafts.stream().map(EnterpriseDraft::name).collect(Collectors.toSet());
        assertThat(codes).hasSize(drafts.size()).doesNotContain(DemoCity.QIYE_CREDIT_CODE);
        assertThat(names).hasSize(drafts.size());
    }

    @Test
    void everyEnterpriseLiesInsideItsRegionAndHasDialableContacts() {
        assertThat(drafts).allSatisfy(d -> {
            Region region = byCode.get(d.regionCode());
            assertThat(region.boundingBox().contains(new GeoPoint(d.longitude(), d.latitude())))
                    .as(d.name() + " in " + region.name()).isTrue();
            assertThat(d.creditCode().substring(2, 8)).isEqualTo(d.regionCode().substring(0, 6));
            assertThat(MobileNumber.isPhone(d.safetyManagerPhone())).isTrue();
            assertThat(MobileNumber.isMobile(d.legalRepresentativePhone())).isTrue();
        });
    }

    @Test
    void gongshuAndXihuHaveHundredsOfEnterprisesAcrossTheIndustries() {
        long gongshu = drafts.stream().filter(d -> d.regionCode().startsWith("330105")).count();
        long xihu = drafts.stream().filter(d -> d.regionCode().startsWith("330106")).count();
        assertThat(gongshu).isGreaterThan(300);
        assertThat(xihu).isGreaterThan(200);
        assertThat(drafts.stream().map(EnterpriseDraft::industry).collect(Collectors.toSet()))
                .contains("CHEMICAL", "CONSTRUCTION", "MANUFACTURING", "TRANSPORT", "TRADE", "MINING");
    }

    @Test
    void theRegionTreeIsAllOfZhejiangsOfficialCodes() {
        assertThat(regions).hasSize(27_036);
        assertThat(regions.stream().collect(Collectors.groupingBy(Region::level, Collectors.counting())))
                .containsEntry(2, 11L).containsEntry(3, 90L).containsEntry(4, 1_387L).containsEntry(5, 25_547L);
        assertThat(byCode.get("330105001055").name()).isEqualTo("大塘巷社区");
        assertThat(byCode.get("330105001").name()).isEqualTo("米市巷街道");
        assertThat(regions).allSatisfy(r -> assertThat(r.boundingBox()).as(r.name()).isNotNull());
    }

    @Test
    void everyVillageOfMishixiangHasEnterprises() {
        regions.stream().filter(r -> r.parent() != null && r.parent().value().equals("330105001")).forEach(village ->
                assertThat(drafts.stream().filter(d -> d.regionCode().equals(village.code().value())).count())
                        .as(village.name()).isGreaterThanOrEqualTo(3));
    }

    @Test
    void theSameSeedGivesTheSameCity() {
        List<EnterpriseDraft> again = new DemoEnterprises(regions, new HashMap<>()).generate(3000);
        assertThat(again).isEqualTo(drafts);
    }
}
