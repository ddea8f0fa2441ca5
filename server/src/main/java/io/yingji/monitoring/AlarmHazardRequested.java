package io.yingji.monitoring;

import org.jspecify.annotations.Nullable;

/**
 * Someone handling an alarm asked for a hidden hazard to be opened from it (the hazard module does so,
 * source {@code MONITORING}, traceable back by {@code alarm:<id>}).
 */
public record AlarmHazardRequested(long alarmId, String requestedBy, @Nullable Long enterpriseId, String regionCode,
                                   @Nullable String industry, String title, String description, double longitude,
                                   double latitude) {
}
