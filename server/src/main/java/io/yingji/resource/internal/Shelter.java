package io.yingji.resource.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A shelter (避灾安置场所) at a GB/T 44013-2024 level, with its capacity, whether it is open and how many are in it. */
record Shelter(
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) long id,
        String name,
        Level level,
        Kind kind,
        String regionCode,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) String regionName,
        String address,
        double longitude,
        double latitude,
        int capacity,
        @Nullable BigDecimal usableAreaM2,
        @Nullable String facilities,
        boolean open,
        int occupancy,
        String manager,
        String managerPhone,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) int version,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant createdAt) {

    /** Free places: capacity less occupancy, none while closed. */
    @Schema(accessMode = Schema.AccessMode.READ_ONLY)
    @com.fasterxml.jackson.annotation.JsonProperty("free")
    public int free() {
        return open ? Math.max(0, capacity - occupancy) : 0;
    }

    enum Level {
        COUNTY(3, "县级"), TOWNSHIP(4, "乡镇级"), VILLAGE(5, "村级");

        final int regionLevel;
        final String nameZh;

        Level(int regionLevel, String nameZh) {
            this.regionLevel = regionLevel;
            this.nameZh = nameZh;
        }
    }

    enum Kind {
        SCHOOL("学校"), GYMNASIUM("体育场馆"), CULTURAL_HALL("文化礼堂"), COMMUNITY_CENTRE("社区服务中心"), PARK("公园广场"), OTHER("其他");

        final String nameZh;

        Kind(String nameZh) {
            this.nameZh = nameZh;
        }
    }

    @JsonIgnoreProperties({"id", "regionName", "createdAt", "free"})
    record Draft(@Nullable String name, @Nullable String level, @Nullable String kind, @Nullable String regionCode,
                 @Nullable String address, @Nullable Double longitude, @Nullable Double latitude, @Nullable Integer capacity,
                 @Nullable BigDecimal usableAreaM2, @Nullable String facilities, @Nullable Boolean open, @Nullable Integer occupancy,
                 @Nullable String manager, @Nullable String managerPhone, @Nullable Integer version) {
    }
}
