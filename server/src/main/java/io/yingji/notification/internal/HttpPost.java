package io.yingji.notification.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Function;

/**
 * The HTTP side the SMS, webhook and broadcast adapters share: POST a JSON body and turn the answer
 * into an {@link Outcome}. 2xx is the adapter's to interpret; 429 is {@link Outcome.Throttled} for
 * the Retry-After the provider asked (seconds or an HTTP date; 1 s when absent); 408, 5xx and network
 * failures are worth retrying; any other status is a permanent failure on this channel.
 */
final class HttpPost {

    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final HttpClient client;

    HttpPost(HttpClient client) {
        this.client = client;
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    Outcome post(String url, Map<String, String> headers, byte[] json, Duration timeout, Function<HttpResponse<String>, Outcome> ok) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        } catch (IllegalArgumentException badUrl) {
            return new Outcome.Failed("地址无效：" + url);
        }
        headers.forEach((name, value) -> {
            if (!name.isBlank()) {
                request.header(name, value);
            }
        });
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return new Outcome.Retry("超时（" + timeout.toMillis() + " ms）");
        } catch (IOException e) {
            return new Outcome.Retry("连接失败：" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Retry("发送被中断");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return ok.apply(response);
        }
        if (status == 429) {
            return new Outcome.Throttled(retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        }
        String error = "HTTP " + status + (response.body() == null || response.body().isBlank() ? ""
                : " " + abbreviate(response.body(), 200));
        return status == 408 || status >= 500 ? new Outcome.Retry(error) : new Outcome.Failed(error);
    }

    /** Retry-After as delay-seconds or an HTTP-date; 1 s when absent or unreadable. */
    static Duration retryAfter(@org.jspecify.annotations.Nullable String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_RETRY_AFTER;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(java.time.Instant.now(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (RuntimeException unreadable) {
                return DEFAULT_RETRY_AFTER;
            }
        }
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
