package io.yingji.warning.internal;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param senderDomain    the domain of our CAP sender ids: a warning of 拱墅区 is sent by {@code 330105@<domain>}
 * @param expiryInterval  how often the expiry job looks for warnings past their expiry time
 * @param expiryInitialDelay how long after start-up the expiry job first runs
 * @param publicBaseUrl   the platform's public address (scheme, host, port, path) from which the Atom feed's id and
 *                        every absolute link are built — never the request's Host header, which any client may forge
 * @param feedCancelRetention how long a published Cancel stays in the Atom feed, so subscribers learn the warning ended
 */
@ConfigurationProperties("yingji.warning")
record WarningSettings(String senderDomain, Duration expiryInterval, Duration expiryInitialDelay, String publicBaseUrl,
                       Duration feedCancelRetention) {

    WarningSettings {
        expiryInitialDelay = expiryInitialDelay == null ? Duration.ofMinutes(1) : expiryInitialDelay;
        senderDomain = senderDomain == null || senderDomain.isBlank() ? "yingji.local" : senderDomain;
        expiryInterval = expiryInterval == null ? Duration.ofMinutes(1) : expiryInterval;
        publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? "http://localhost:8080" : publicBaseUrl.strip();
        while (publicBaseUrl.endsWith("/")) {
            publicBaseUrl = publicBaseUrl.substring(0, publicBaseUrl.length() - 1);
        }
        URI uri = URI.create(publicBaseUrl);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("yingji.warning.public-base-url must be an http(s) address without query, e.g. "
                    + "https://yingji.example.cn, not " + publicBaseUrl);
        }
        feedCancelRetention = feedCancelRetention == null ? Duration.ofHours(24) : feedCancelRetention;
    }
}
