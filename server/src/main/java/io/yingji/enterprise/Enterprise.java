package io.yingji.enterprise;

import io.yingji.shared.Industry;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A registered enterprise as the API shows it; {@code majorHazard} when it has a graded major hazard source. */
public record Enterprise(
        long id,
        String creditCode,
        String name,
        Industry industry,
        boolean aboveScale,
        String address,
        double longitude,
        double latitude,
        String regionCode,
        String regionName,
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
        boolean majorHazard,
        int version,
        Instant createdAt,
        Instant updatedAt) {
}
