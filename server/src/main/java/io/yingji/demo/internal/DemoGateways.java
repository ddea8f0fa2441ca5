package io.yingji.demo.internal;

import io.yingji.shared.Problem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stand-ins for the SMS gateway and the emergency broadcast system, for the embedded demo only
 * ({@code yingji.demo.gateways=true}, set by the embedded profile), so that a published warning's
 * delivery can be watched end to end without outside services: the SMS stand-in takes each text and, a
 * moment later, reports it delivered through the real signed report endpoint; the broadcast stand-in
 * answers PLAYED. Both speak the same HTTP the real adapters speak and check the configured credential.
 * Never enable this where real people must be reached: nothing is sent to any phone.
 */
@RestController
@ConditionalOnProperty(name = "yingji.demo.gateways", havingValue = "true")
class DemoGateways {

    private static final Logger log = LoggerFactory.getLogger(DemoGateways.class);

    record Sms(@Nullable String mobile, @Nullable String text, @Nullable String reference) {
    }

    private final String credentialHeader;
    private final String credential;
    private final String reportSecret;
    private final Queue<String> delivered = new ConcurrentLinkedQueue<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile int port;

    DemoGateways(@Value("${yingji.notification.sms.auth-header:X-Gateway-Key}") String credentialHeader,
                 @Value("${yingji.notification.sms.auth-value:}") String credential,
                 @Value("${yingji.notification.sms.report-secret:}") String reportSecret) {
        this.credentialHeader = credentialHeader;
        this.credential = credential;
        this.reportSecret = reportSecret;
    }

    @EventListener
    void started(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() != null) {
            return; // the management server (its own port), not the one the report endpoint is on
        }
        port = event.getWebServer().getPort();
        log.info("Demo gateways: texts and broadcasts go nowhere; SMS are reported delivered a moment later");
    }

    @PostMapping("/demo/gateway/sms")
    ResponseEntity<Map<String, String>> sms(@RequestHeader Map<String, String> headers, @RequestBody Sms sms) {
        requireCredential(headers);
        if (sms.reference() == null || sms.mobile() == null || sms.text() == null) {
            throw new Problem(400, "problem.gateway.sms.incomplete");
        }
        delivered.add(sms.reference());
        return ResponseEntity.ok(Map.of("messageId", "demo-" + sms.reference()));
    }

    @PostMapping("/demo/gateway/broadcast")
    ResponseEntity<Map<String, String>> broadcast(@RequestHeader Map<String, String> headers, @RequestBody Map<String, Object> body) {
        requireCredential(headers);
        return ResponseEntity.ok(Map.of("status", "PLAYED", "id", "demo-" + body.get("reference")));
    }

    /** The configured credential in the configured header (header names compared without case), else a 401 problem. */
    private void requireCredential(Map<String, String> headers) {
        if (headers.entrySet().stream().noneMatch(h -> h.getKey().equalsIgnoreCase(credentialHeader) && credential.equals(h.getValue()))) {
            throw new Problem(401, "problem.gateway.credential");
        }
    }

    /** Reports what was taken as delivered, in batches, signed like a real gateway's reports. */
    @Scheduled(fixedDelay = 2000, initialDelay = 5000)
    void report() {
        if (port <= 0 || delivered.isEmpty() || reportSecret.isBlank()) {
            return;
        }
        List<String> batch = new ArrayList<>();
        String reference;
        while (batch.size() < 500 && (reference = delivered.poll()) != null) {
            batch.add(reference);
        }
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < batch.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"reference\":\"").append(batch.get(i)).append("\",\"status\":\"DELIVERED\"}");
        }
        byte[] body = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/public/notification/sms-report"))
                    .header("Content-Type", "application/json").header("X-Yingji-Timestamp", timestamp)
                    .header("X-Yingji-Signature", sign(timestamp, body)).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                log.warn("Demo SMS report answered {}: {}", answer.statusCode(), answer.body());
            }
        } catch (java.io.IOException e) {
            log.warn("Demo SMS report failed: {}", e.getMessage());
            delivered.addAll(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The gateway side of the report signature: HMAC-SHA256 of "timestamp.body", as the platform checks it. */
    private String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(reportSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
