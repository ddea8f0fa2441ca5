package io.yingji.monitoring.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * A device as registered or changed. The region defaults to the enterprise's; the interval to the
 * type's usual one; the unit to the type's. A change may name the version it was made from (409 when
 * the device changed since); without one, the version read at the start of the request is expected.
 * The server's own fields of {@link DeviceRegistry.DeviceView} are accepted and ignored, so a device as
 * read can be sent back as it is.
 */
@JsonIgnoreProperties({"id", "regionName", "industry", "enterpriseName", "hasKey", "lastSeenAt", "online", "openAlarms", "createdAt"})
record DeviceDraft(@Nullable String code, @Nullable String name, @Nullable String type, @Nullable String unit,
                   @Nullable String regionCode, @Nullable Long enterpriseId, @Nullable Long hazardSourceId,
                   @Nullable Double longitude, @Nullable Double latitude, @Nullable Integer expectedIntervalSeconds,
                   @Nullable String streamUrl, @Nullable Boolean enabled, @Nullable Integer version) {
}
