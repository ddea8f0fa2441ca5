package io.yingji.demo.internal;

import io.yingji.monitoring.DeviceCatalog;
import io.yingji.monitoring.TelemetryIntake;
import io.yingji.monitoring.TelemetryIntake.Reading;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the demo city's sensors reporting while the platform runs (the embedded demo only, {@code
 * yingji.demo.simulate}): quiet values around each kind's normal level, except the gas detectors the
 * demo left in alarm, which stay high until someone looks, and one tank-level meter, which stays silent
 * so the offline check has something to find. Readings go through the same pipeline as a real sensor's.
 */
@Component
@ConditionalOnProperty(name = "yingji.demo.simulate", havingValue = "true")
class DemoSimulator {

    private static final Logger log = LoggerFactory.getLogger(DemoSimulator.class);

    private final DeviceCatalog devices;
    private final TelemetryIntake telemetry;
    private final Clock clock;
    private final Random random = new Random();

    private final DemoCity city;

    DemoSimulator(DeviceCatalog devices, TelemetryIntake telemetry, Clock clock, DemoCity city) {
        this.city = city;
        this.devices = devices;
        this.telemetry = telemetry;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${yingji.demo.simulate-interval:PT20S}", initialDelayString = "PT5S")
    void report() {
        if (city.isLoading()) {
            return; // the city's six hours of history go in first; a newer reading would make them too old to evaluate
        }
        try {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            List<Reading> readings = new ArrayList<>();
            for (String code : devices.codesStartingWith("YJ-")) {
                if (code.equals(DemoDevices.SILENT)) {
                    continue;
                }
                double[] level = normal(code);
                if (level.length > 0) {
                    double value = Math.max(0, level[1] + random.nextGaussian() * level[2] / 2);
                    readings.add(new Reading(code, now, metric(code), Math.round(value * 100) / 100.0));
                }
            }
            if (!readings.isEmpty()) {
                telemetry.accept(readings);
            }
        } catch (RuntimeException e) {
            log.warn("Demo sensors did not report: {}", e.getMessage());
        }
    }

    /** {kind, normal level, spread} by the code's suffix; the demo's alarmed detectors stay high. */
    static double[] normal(String code) {
        if (code.equals(DemoDevices.ALARMED_LEVEL_1)) {
            return new double[] {0, 30, 1};
        }
        if (code.equals(DemoDevices.ALARMED_LEVEL_2)) {
            return new double[] {0, 55, 1};
        }
        if (code.contains("-GAS")) {
            return new double[] {0, 3, 2};
        }
        if (code.contains("-TOX")) {
            return new double[] {0, 1, 1};
        }
        if (code.contains("-LVL")) {
            return new double[] {0, 60, 4};
        }
        if (code.contains("-PRS")) {
            return new double[] {0, 1.2, 0.02};
        }
        if (code.contains("-TMP")) {
            return new double[] {0, 42, 3};
        }
        return new double[0];
    }

    static String metric(String code) {
        return code.contains("-GAS") ? "lel" : code.contains("-TOX") ? "ppm" : code.contains("-LVL") ? "level"
                : code.contains("-PRS") ? "pressure" : "temperature";
    }
}
