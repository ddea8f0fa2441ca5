package io.yingji.enterprise;

import io.swagger.v3.oas.annotations.media.Schema;
import io.yingji.shared.Industry;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A registered enterprise as the API shows it; {@code majorHazard} when it has a graded major hazard source. */
public record Enterprise(
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) long id,
        String creditCode,
        String name,
        Industry industry,
        boolean aboveScale,
        String address,
        double longitude,
        double latitude,
        String regionCode,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) String regionName,
        @Nullable Long supervisingDepartmentId,
        String legalRepresentative,
        @Nullable String legalRepresentativePhone,
        String safetyManager,
        String safetyManagerPhone,
        @Nullable Integer employees,
        boolean hazchemProduction,
        boolean hazchemOperation,
        boolean hazchemStorage,
        boolean hazchemUse,
        boolean threePlacesThreeEnterprises,
        boolean microParkMember,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) boolean majorHazard,
        int version,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant createdAt,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant updatedAt) {
}
