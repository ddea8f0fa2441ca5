package io.yingji.notification.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delivery settings ({@code yingji.notification.*}); docs/operations.md explains each key.
 *
 * @param dispatch   how the dispatchers drain the queue
 * @param sms        the HTTP SMS gateway
 * @param email      e-mail (the SMTP server itself is {@code spring.mail.*})
 * @param webhook    signed webhooks to other systems
 * @param broadcast  the emergency broadcast system's HTTP API
 * @param inApp      the in-app inbox's rate limit
 * @param ack        acknowledgement links and re-notification
 * @param streamPoll how often the live notice stream looks for new notices of its subscribers
 */
@ConfigurationProperties("yingji.notification")
record NotificationSettings(Dispatch dispatch, Sms sms, Email email, Webhook webhook, Broadcast broadcast, Limit inApp,
                            Ack ack, Duration streamPoll) {

    /** A token bucket: {@code rate} sends per second on average, bursts of up to {@code burst}. */
    record Limit(double rate, int burst) {
    }

    /**
     * @param enabled      run a dispatcher on this instance
     * @param batchSize    tasks claimed at once
     * @param concurrency  sends in flight at once
     * @param pollInterval how long an idle dispatcher waits before looking for due tasks again
     * @param lease        how long a claimed task may stay SENDING before another dispatcher reclaims it
     * @param maxAttempts  attempts on one channel before falling back to the next
     * @param backoff      delay after the first failed attempt, doubled after each further one
     * @param maxBackoff   the longest delay between attempts
     */
    record Dispatch(boolean enabled, int batchSize, int concurrency, Duration pollInterval, Duration lease, int maxAttempts,
                    Duration backoff, Duration maxBackoff) {
    }

    /**
     * @param url          the gateway's send endpoint (empty: no SMS on this instance)
     * @param authHeader   header carrying the credential, e.g. {@code Authorization} or {@code X-Api-Key}
     * @param authValue    its value, passed by environment
     * @param reportSecret shared secret that signs delivery reports to POST /public/notification/sms-report
     * @param signature    the registered SMS signature put before every text, e.g. 【应急管理】
     * @param limit        sends per second the gateway allows
     * @param timeout      per request
     */
    record Sms(String url, String authHeader, String authValue, String reportSecret, String signature, Limit limit,
               Duration timeout) {
    }

    /** @param from sender address; @param limit messages per second */
    record Email(String from, Limit limit) {
    }

    /** @param secret HMAC-SHA256 key of the signature header; @param limit posts per second; @param timeout per request */
    record Webhook(String secret, Limit limit, Duration timeout) {
    }

    /** @param url the broadcast system's endpoint (empty: none); @param authHeader/authValue its credential */
    record Broadcast(String url, String authHeader, String authValue, Limit limit, Duration timeout) {
    }

    /**
     * @param baseUrl     public address of the acknowledgement page; the token is appended
     * @param jobInterval how often the re-notification job looks for targets who have not acknowledged
     */
    record Ack(String baseUrl, Duration jobInterval) {
    }
}
