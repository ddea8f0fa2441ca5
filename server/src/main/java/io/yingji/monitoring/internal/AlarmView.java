package io.yingji.monitoring.internal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An alarm as lists, the stream and the board show it. */
record AlarmView(long id, long deviceId, String deviceCode, String deviceName, String deviceType, String metric, String kind,
                 int level, String status, String regionCode, String regionName, @Nullable String industry,
                 @Nullable Long enterpriseId, @Nullable String enterpriseName, @Nullable Double threshold,
                 @Nullable Double firstValue, @Nullable Double lastValue, @Nullable Double peakValue, Instant raisedAt,
                 Instant lastBreachAt, @Nullable Instant recoveredAt, @Nullable String acknowledgedBy,
                 @Nullable Instant acknowledgedAt, @Nullable String handledBy, @Nullable Instant handledAt,
                 @Nullable String disposal, @Nullable Instant clearedAt, int escalationLevel,
                 double longitude, double latitude, int version) {
}
