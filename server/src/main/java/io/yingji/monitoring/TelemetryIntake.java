package io.yingji.monitoring;

import java.time.Instant;
import java.util.List;

/** Readings from inside the platform (the demo city's history), through the same pipeline as MQTT and HTTP. */
public interface TelemetryIntake {

    record Reading(String deviceCode, Instant ts, String metric, double value) {
    }

    /** Stores and evaluates the readings; answers how many were stored. */
    int accept(List<Reading> readings);
}
