package io.yingji.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Login and token settings.
 *
 * @param tokenTtl          how long a bearer token stays valid after login
 * @param maxFailedAttempts failed logins in a row that lock the account
 * @param lockDuration      how long a locked account stays locked
 */
@ConfigurationProperties("yingji.identity")
public record IdentitySettings(Duration tokenTtl, int maxFailedAttempts, Duration lockDuration) {

    public IdentitySettings {
        tokenTtl = tokenTtl == null ? Duration.ofHours(8) : tokenTtl;
        maxFailedAttempts = maxFailedAttempts <= 0 ? 5 : maxFailedAttempts;
        lockDuration = lockDuration == null ? Duration.ofMinutes(15) : lockDuration;
    }
}
