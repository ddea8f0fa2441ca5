package io.yingji.resource.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A rescue team (救援队伍): its kind, base, size, leader, capabilities, equipment, members and readiness. */
record RescueTeam(
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) long id,
        String name,
        Kind kind,
        String regionCode,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) String regionName,
        @Nullable Long enterpriseId,
        @Nullable String baseAddress,
        double longitude,
        double latitude,
        int headcount,
        String leader,
        String leaderPhone,
        Status status,
        List<Capability> capabilities,
        @Nullable String equipment,
        List<Member> members,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) int version,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant createdAt) {

    enum Kind {
        FIRE_RESCUE("综合性消防救援队伍"), PROFESSIONAL("专业救援队伍"), SOCIAL("社会救援力量"), GRASSROOTS("基层综合性应急救援队伍"),
        VILLAGE("村级应急突击队");

        final String nameZh;

        Kind(String nameZh) {
            this.nameZh = nameZh;
        }
    }

    /** 待命 (may be sent), 出动中, 休整, 不可用. */
    enum Status {
        STANDBY("待命"), DEPLOYED("出动中"), RESTING("休整"), UNAVAILABLE("不可用");

        final String nameZh;

        Status(String nameZh) {
            this.nameZh = nameZh;
        }
    }

    /** The fixed list of what a team can do. */
    enum Capability {
        WATER_RESCUE("水域救援"), FLOOD("防汛抢险"), HAZCHEM("危化品处置"), MOUNTAIN("山地救援"), COLLAPSE("建筑坍塌/地震救援"),
        FIRE("灭火"), FOREST_FIRE("森林灭火"), MEDICAL("医疗救护"), ELECTRICITY("电力抢修"), COMMUNICATIONS("通信保障"),
        TRAFFIC("交通疏导"), EVACUATION("人员转移");

        final String nameZh;

        Capability(String nameZh) {
            this.nameZh = nameZh;
        }
    }

    record Member(String name, String role, String phone) {
    }

    /** What a caller sends to register or change a team; the server's own fields of a GET are accepted and ignored. */
    @JsonIgnoreProperties({"id", "regionName", "createdAt"})
    record Draft(@Nullable String name, @Nullable String kind, @Nullable String regionCode, @Nullable Long enterpriseId,
                 @Nullable String baseAddress, @Nullable Double longitude, @Nullable Double latitude, @Nullable Integer headcount,
                 @Nullable String leader, @Nullable String leaderPhone, @Nullable String status, @Nullable List<String> capabilities,
                 @Nullable String equipment, @Nullable List<Member> members, @Nullable Integer version) {
    }
}
