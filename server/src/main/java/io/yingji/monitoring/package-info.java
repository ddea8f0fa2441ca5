/**
 * Monitoring and alarms (监测预警, 末端感知): the device registry, telemetry in over MQTT and HTTP,
 * time-series storage, alarm rules and the alarm lifecycle, and the live alarm stream.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "access", "audit", "region", "enterprise",
        "identity", "notification", "jobs" })
@org.jspecify.annotations.NullMarked
package io.yingji.monitoring;
