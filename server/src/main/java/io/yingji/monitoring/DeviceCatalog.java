package io.yingji.monitoring;

import org.jspecify.annotations.Nullable;

/** Registering devices from other modules (the demo city), with the caller's rights and checks. */
public interface DeviceCatalog {

    /** A device to register; region and location default to the enterprise's, the interval to the type's. */
    record Spec(String code, String name, DeviceType type, @Nullable Long enterpriseId, @Nullable String regionCode,
                @Nullable Double longitude, @Nullable Double latitude, @Nullable Integer expectedIntervalSeconds) {
    }

    /** Answers the new device's id. */
    long register(Spec spec);

    /** A registered device as other modules see it. */
    record Listed(long id, String code, String name, DeviceType type, @Nullable Long hazardSourceId) {
    }

    /** The devices of an enterprise, within the caller's scope (at most {@link io.yingji.shared.PageOf#MAX_SIZE}). */
    java.util.List<Listed> ofEnterprise(long enterpriseId);

    /**
     * Links a device to the major hazard source (重大危险源) it watches, which must be one of the device's own
     * enterprise: checked and audited as an edit of the device is.
     */
    void watchHazardSource(long deviceId, long hazardSourceId);
    /**
     * Gives every device whose code starts with {@code prefix} this key (stored as its hash, replacing the
     * one issued at registration), so the demo city's sensors log in to the MQTT broker with a key the
     * README names; answers how many got it.
     */
    int keyDevices(String prefix, String key);

    /** The codes of the enabled devices whose code starts with {@code prefix} (all regions). */
    java.util.List<String> codesStartingWith(String prefix);
}
