package io.yingji.resource.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One kind of supply of the catalogue (应急物资目录): its code and name, unit, GB/T 38565-2020 category, whether it
 * is counted in whole units, its shelf life, how long before expiry a batch is due for rotation, and, for a kit,
 * what it is made of.
 */
record SupplyType(long id, String code, String name, String unit, Category category, boolean wholeUnits,
                  @Nullable Integer shelfLifeDays, int expiryLeadDays, boolean kit, List<KitItem> items) {

    /** GB/T 38565-2020's top levels. */
    enum Category {
        LIVING("基本生活保障物资", "Basic living supplies"),
        EQUIPMENT("应急装备及配套物资", "Emergency equipment"),
        ENGINEERING("工程材料与机械加工设备", "Engineering materials and machinery");

        final String nameZh;
        final String nameEn;

        Category(String nameZh, String nameEn) {
            this.nameZh = nameZh;
            this.nameEn = nameEn;
        }
    }

    record KitItem(long supplyTypeId, String name, String unit, java.math.BigDecimal quantity) {
    }
}
