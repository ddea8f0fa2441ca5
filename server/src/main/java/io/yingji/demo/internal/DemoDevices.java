package io.yingji.demo.internal;

import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.enterprise.EnterpriseSearch;
import io.yingji.enterprise.MapPoint;
import io.yingji.monitoring.DeviceCatalog;
import io.yingji.monitoring.DeviceType;
import io.yingji.monitoring.TelemetryIntake;
import io.yingji.monitoring.TelemetryIntake.Reading;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo city's monitoring: gas, tank-level, pressure and temperature sensors at Hangzhou's chemical
 * enterprises, with six hours of readings ({@link DemoSimulator} keeps them reporting while it runs). Most are quiet; qiye's enterprise has a 一级 gas
 * alarm waiting to be acknowledged and a tank-level alarm that recovered on its own; one enterprise
 * elsewhere has a 二级 gas alarm; one detector never reports (it goes offline once the platform runs).
 */
final class DemoDevices {

    /** The detector that never reports (offline once the platform runs). */
    static final String SILENT = "YJ-0003-LVL";
    /** qiye's tank-farm gas detector, left in a 一级 alarm. */
    static final String ALARMED_LEVEL_1 = "YJ-QY-GAS-01";
    /** A gas detector elsewhere, left in a 二级 alarm. */
    static final String ALARMED_LEVEL_2 = "YJ-0006-GAS";

    private static final Duration HISTORY = Duration.ofHours(6);
    private static final Duration STEP = Duration.ofMinutes(10);

    private final DeviceCatalog devices;
    private final TelemetryIntake telemetry;
    private final EnterpriseRegistry enterprises;
    private final Random random = new Random(20261122);

    DemoDevices(DeviceCatalog devices, TelemetryIntake telemetry, EnterpriseRegistry enterprises) {
        this.devices = devices;
        this.telemetry = telemetry;
        this.enterprises = enterprises;
    }

    private record Planned(String code, DeviceType type, String metric, double normal, double spread) {
    }

    /** Answers how many devices were registered. */
    int load(long qiyeEnterprise, Instant now) {
        Instant start = now.truncatedTo(ChronoUnit.MINUTES).minus(HISTORY);
        List<Planned> planned = new ArrayList<>();
        // qiye's chemical plant: the devices a duty officer will look at first
        planned.add(register("YJ-QY-GAS-01", "2号储罐区可燃气体探测器", DeviceType.COMBUSTIBLE_GAS, qiyeEnterprise, "lel", 3, 2));
        planned.add(register("YJ-QY-GAS-02", "装卸站台可燃气体探测器", DeviceType.COMBUSTIBLE_GAS, qiyeEnterprise, "lel", 2, 1.5));
        planned.add(register("YJ-QY-TOX-01", "液氨泵房有毒气体探测器", DeviceType.TOXIC_GAS, qiyeEnterprise, "ppm", 1, 1));
        planned.add(register("YJ-QY-LVL-01", "甲醇储罐液位计", DeviceType.TANK_LEVEL, qiyeEnterprise, "level", 62, 4));
        planned.add(register("YJ-QY-PRS-01", "反应釜压力变送器", DeviceType.PRESSURE, qiyeEnterprise, "pressure", 1.2, 0.02));
        planned.add(register("YJ-QY-TMP-01", "反应釜温度变送器", DeviceType.TEMPERATURE, qiyeEnterprise, "temperature", 42, 3));
        List<MapPoint> major = enterprises.mapPoints(new EnterpriseSearch("330100", io.yingji.shared.Industry.CHEMICAL, null, null))
                .stream().filter(p -> p.id() != qiyeEnterprise).limit(40).toList();
        for (int i = 0; i < major.size(); i++) {
            MapPoint site = major.get(i);
            String prefix = String.format("YJ-%04d-", i + 1);
            planned.add(register(prefix + "GAS", site.name() + " 可燃气体探测器", DeviceType.COMBUSTIBLE_GAS, site.id(), "lel", 3, 2));
            planned.add(register(prefix + "LVL", site.name() + " 储罐液位计", DeviceType.TANK_LEVEL, site.id(), "level", 55, 6));
        }
        List<Reading> readings = new ArrayList<>();
        for (Planned p : planned) {
            if (p.code().equals(SILENT)) {
                continue; // this one never reports: offline
            }
            for (Instant t = start; !t.isAfter(now.minus(STEP)); t = t.plus(STEP)) {
                double value = Math.max(0, p.normal() + random.nextGaussian() * p.spread() / 2);
                readings.add(new Reading(p.code(), t, p.metric(), Math.round(value * 100) / 100.0));
            }
        }
        Instant last = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(2));
        // an excursion of the methanol tank two hours ago that came back by itself
        readings.add(new Reading("YJ-QY-LVL-01", now.minus(Duration.ofMinutes(125)), "level", 88.5));
        // gas rising at qiye's tank farm just now: 一级
        readings.add(new Reading(ALARMED_LEVEL_1, last, "lel", 31.2));
        // a leak elsewhere: 二级
        if (major.size() > 5) {
            readings.add(new Reading(ALARMED_LEVEL_2, last, "lel", 56.0));
        }
        telemetry.accept(readings);
        devices.keyDevices("YJ-", DemoSimulator.DEVICE_KEY);
        return planned.size();
    }

    private Planned register(String code, String name, DeviceType type, long enterprise, String metric, double normal, double spread) {
        devices.register(new DeviceCatalog.Spec(code, name.length() > 128 ? name.substring(0, 128) : name, type, enterprise, null,
                null, null, null));
        return new Planned(code, type, metric, normal, spread);
    }
}
