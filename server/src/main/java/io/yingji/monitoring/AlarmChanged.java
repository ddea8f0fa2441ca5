package io.yingji.monitoring;

import org.jspecify.annotations.Nullable;

/**
 * An alarm was raised, acknowledged, handled, recovered or cleared. {@code open} is false once it is
 * cleared; the safety code and the area index count open alarms.
 */
public record AlarmChanged(long alarmId, long deviceId, @Nullable Long enterpriseId, String regionCode, int level,
                           String status, boolean open) {
}
