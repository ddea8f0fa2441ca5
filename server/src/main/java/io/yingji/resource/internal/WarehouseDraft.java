package io.yingji.resource.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** What a caller sends to register or change a warehouse; the server's own fields of a GET are accepted and ignored. */
@JsonIgnoreProperties({"id", "regionName", "enterpriseName", "createdAt"})
record WarehouseDraft(@Nullable String name, @Nullable String level, @Nullable String regionCode, @Nullable String ownership,
                      @Nullable Long enterpriseId, @Nullable String address, @Nullable Double longitude,
                      @Nullable Double latitude, @Nullable BigDecimal capacityM2, @Nullable String keeper,
                      @Nullable String keeperPhone, @Nullable Integer version) {
}
