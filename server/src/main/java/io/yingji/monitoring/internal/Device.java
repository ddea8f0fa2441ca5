package io.yingji.monitoring.internal;

import io.yingji.monitoring.DeviceType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the telemetry path needs of a device: who it is, where it belongs, and its alarm rules. */
record Device(long id, String code, String name, DeviceType type, String regionCode, @Nullable String industry,
              @Nullable Long enterpriseId, int expectedIntervalSeconds, boolean enabled, List<AlarmRule> rules) {

    List<AlarmRule> rulesFor(String metric) {
        return rules.stream().filter(r -> r.metric().equals(metric)).toList();
    }
}
