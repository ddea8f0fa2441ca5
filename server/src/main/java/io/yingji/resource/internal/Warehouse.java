package io.yingji.resource.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A warehouse or reserve point (储备库/点) at one of the four levels, with its owner and keeper. */
record Warehouse(
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) long id,
        String name,
        Level level,
        String regionCode,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) String regionName,
        Ownership ownership,
        @Nullable Long enterpriseId,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) @Nullable String enterpriseName,
        @Nullable String address,
        @Nullable Double longitude,
        @Nullable Double latitude,
        @Nullable BigDecimal capacityM2,
        String keeper,
        String keeperPhone,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) int version,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant createdAt) {

    /** The four levels of the reserve system (四级储备), each at the region level it names. */
    enum Level {
        CITY(2, "市级", "City"), COUNTY(3, "县级", "County"), TOWNSHIP(4, "乡镇(街道)级", "Township"), VILLAGE(5, "村(社区)级", "Village");

        final int regionLevel;
        final String nameZh;
        final String nameEn;

        Level(int regionLevel, String nameZh, String nameEn) {
            this.regionLevel = regionLevel;
            this.nameZh = nameZh;
            this.nameEn = nameEn;
        }
    }

    /** Who holds the stock: the government itself, an enterprise by agreement (企业代储), or as production capacity. */
    enum Ownership {
        GOVERNMENT("政府储备", "Government reserve"), AGREEMENT("协议储备(企业代储)", "Agreement reserve"),
        CAPACITY("产能储备", "Production-capacity reserve");

        final String nameZh;
        final String nameEn;

        Ownership(String nameZh, String nameEn) {
            this.nameZh = nameZh;
            this.nameEn = nameEn;
        }
    }
}
