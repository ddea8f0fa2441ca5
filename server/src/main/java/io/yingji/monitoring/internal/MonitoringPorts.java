package io.yingji.monitoring.internal;

import io.yingji.monitoring.DeviceCatalog;
import io.yingji.monitoring.TelemetryIntake;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class MonitoringPorts implements DeviceCatalog, TelemetryIntake {

    private final DeviceRegistry registry;
    private final TelemetryIngest ingest;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    MonitoringPorts(DeviceRegistry registry, TelemetryIngest ingest, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.ingest = ingest;
    }

    @Override
    public long register(Spec spec) {
        return registry.register(new DeviceDraft(spec.code(), spec.name(), spec.type().name(), null, spec.regionCode(),
                spec.enterpriseId(), null, spec.longitude(), spec.latitude(), spec.expectedIntervalSeconds(), null, true, null))
                .device().id();
    }

    @Override
    public List<Listed> ofEnterprise(long enterpriseId) {
        return registry.search(new DeviceRegistry.DeviceSearch(null, null, enterpriseId, null, null), 0, io.yingji.shared.PageOf.MAX_SIZE).content().stream()
                .map(d -> new Listed(d.id(), d.code(), d.name(), io.yingji.monitoring.DeviceType.valueOf(d.type()), d.hazardSourceId()))
                .toList();
    }

    @Override
    public void watchHazardSource(long deviceId, long hazardSourceId) {
        DeviceRegistry.DeviceView d = registry.find(deviceId)
                .orElseThrow(() -> io.yingji.shared.Problem.outOfScope("device", deviceId));
        registry.change(deviceId, new DeviceDraft(d.code(), d.name(), d.type(), d.unit(), d.regionCode(), d.enterpriseId(),
                hazardSourceId, d.longitude(), d.latitude(), d.expectedIntervalSeconds(), d.streamUrl(), d.enabled(), d.version()));
    }

    @Override
    public int keyDevices(String prefix, String key) {
        return jdbc.sql("update device set key_hash = :hash where code like :prefix")
                .param("hash", DeviceRegistry.sha256(key))
                .param("prefix", prefix.replace("%", "\\%").replace("_", "\\_") + "%").update();
    }

    @Override
    public List<String> codesStartingWith(String prefix) {
        return jdbc.sql("select code from device where enabled and code like :prefix order by code")
                .param("prefix", prefix.replace("%", "\\%").replace("_", "\\_") + "%").query(String.class).list();
    }

    @Override
    public int accept(List<Reading> readings) {
        List<TelemetryParser.Sample> samples = new ArrayList<>(readings.size());
        for (Reading r : readings) {
            samples.add(new TelemetryParser.Sample(r.deviceCode(), r.ts(), r.metric(), r.value()));
        }
        try {
            return ingest.ingest("INTERNAL", samples, List.of(), TelemetryIngest.Sender.ANY).accepted();
        } catch (SQLException e) {
            throw new IllegalStateException("Storing readings failed", e);
        }
    }
}
