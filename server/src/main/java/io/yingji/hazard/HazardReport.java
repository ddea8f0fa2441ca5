package io.yingji.hazard;

import org.jspecify.annotations.Nullable;

/**
 * A hazard report as submitted, by a user or by the public; validation decides what is missing.
 * {@code industry} is for a report without an enterprise by a department that supervises several
 * industries: it names the one the hazard belongs to (the enterprise's industry otherwise; a department
 * of one industry reports in it; a comprehensive department and the public report without industry).
 */
public record HazardReport(@Nullable String title, @Nullable String description, @Nullable String regionCode,
                           @Nullable Long enterpriseId, @Nullable String source, @Nullable Double longitude,
                           @Nullable Double latitude, @Nullable String contactName, @Nullable String contactPhone,
                           @Nullable String industry) {

    public HazardReport(@Nullable String title, @Nullable String description, @Nullable String regionCode,
                        @Nullable Long enterpriseId, @Nullable String source, @Nullable Double longitude,
                        @Nullable Double latitude, @Nullable String contactName, @Nullable String contactPhone) {
        this(title, description, regionCode, enterpriseId, source, longitude, latitude, contactName, contactPhone, null);
    }
}
