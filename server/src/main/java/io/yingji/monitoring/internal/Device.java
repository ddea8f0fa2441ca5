package io.yingji.monitoring.internal;

import io.yingji.monitoring.DeviceType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** What the telemetry path needs of a device: who it is, where it belongs, and its alarm rules. */
record Device(long id, String code, String name, DeviceType type, String regionCode, @Nullable String industry,
              @Nullable Long enterpriseId, int expectedIntervalSeconds, boolean enabled, List<AlarmRule> rules,
              Map<String, List<AlarmRule>> byMetric) {

    Device(long id, String code, String name, DeviceType type, String regionCode, @Nullable String industry,
           @Nullable Long enterpriseId, int expectedIntervalSeconds, boolean enabled, List<AlarmRule> rules) {
        this(id, code, name, type, regionCode, industry, enterpriseId, expectedIntervalSeconds, enabled, rules,
                rules.stream().collect(Collectors.groupingBy(AlarmRule::metric, Collectors.toUnmodifiableList())));
    }

    /** The rules of one metric (looked up once per reading on the hot path, so kept grouped). */
    List<AlarmRule> rulesFor(String metric) {
        return byMetric.getOrDefault(metric, List.of());
    }
}
