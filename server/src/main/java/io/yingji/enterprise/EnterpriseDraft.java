package io.yingji.enterprise;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * What a user submits to register or change an enterprise, from a form or a row of an import file.
 * Everything is nullable here because validation, not the parser, decides what is missing and says
 * so in the user's language. {@code version} is the version last read, for updates (optimistic lock).
 * The server's own fields of {@link Enterprise} are accepted and ignored, so an enterprise as read
 * can be sent back as it is; any other unknown field is refused.
 */
@JsonIgnoreProperties({"id", "regionName", "majorHazard", "createdAt", "updatedAt"})
public record EnterpriseDraft(
        @Nullable String creditCode,
        @Nullable String name,
        @Nullable String industry,
        @Nullable Boolean aboveScale,
        @Nullable String address,
        @Nullable Double longitude,
        @Nullable Double latitude,
        @Nullable String regionCode,
        @Nullable Long supervisingDepartmentId,
        @Nullable String legalRepresentative,
        @Nullable String legalRepresentativePhone,
        @Nullable String safetyManager,
        @Nullable String safetyManagerPhone,
        @Nullable Integer employees,
        @Nullable Boolean hazchemProduction,
        @Nullable Boolean hazchemOperation,
        @Nullable Boolean hazchemStorage,
        @Nullable Boolean hazchemUse,
        @Nullable Boolean threePlacesThreeEnterprises,
        @Nullable Boolean microParkMember,
        @Nullable Integer version) {
}
