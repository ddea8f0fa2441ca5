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

    /**
     * Gives every device whose code starts with {@code prefix} this key (stored as its hash, replacing the
     * one issued at registration), so the demo city's sensors log in to the MQTT broker with a key the
     * README names; answers how many got it.
     */
    int keyDevices(String prefix, String key);

    /** The codes of the enabled devices whose code starts with {@code prefix} (all regions). */
    java.util.List<String> codesStartingWith(String prefix);
}
