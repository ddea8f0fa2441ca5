package io.yingji.enterprise.internal;

import io.yingji.shared.Industry;
import org.jspecify.annotations.Nullable;

/** An enterprise's data after validation: everything required is present and well formed. */
record Row(
        String creditCode,
        String name,
        Industry industry,
        boolean aboveScale,
        String address,
        double longitude,
        double latitude,
        String regionCode,
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
        boolean microParkMember) {
}
