package io.yingji.warning.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param senderDomain    the domain of our CAP sender ids: a warning of 拱墅区 is sent by {@code 330105@<domain>}
 * @param expiryInterval  how often the expiry job looks for warnings past their expiry time
 * @param expiryInitialDelay how long after start-up the expiry job first runs
 */
@ConfigurationProperties("yingji.warning")
record WarningSettings(String senderDomain, Duration expiryInterval, Duration expiryInitialDelay) {

    WarningSettings {
        expiryInitialDelay = expiryInitialDelay == null ? Duration.ofMinutes(1) : expiryInitialDelay;
        senderDomain = senderDomain == null || senderDomain.isBlank() ? "yingji.local" : senderDomain;
        expiryInterval = expiryInterval == null ? Duration.ofMinutes(1) : expiryInterval;
    }
}
