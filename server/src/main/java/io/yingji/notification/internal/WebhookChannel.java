package io.yingji.notification.internal;

import io.yingji.notification.Channel;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks to other systems: POST the message as JSON to the target's URL, signed with HMAC-SHA256
 * over {@code timestamp + "." + body} ({@link Signatures}); the receiver checks the signature and the
 * timestamp's age. A 2xx answer is the receiving system's confirmation: delivered.
 */
final class WebhookChannel implements ChannelAdapter {

    private final NotificationSettings.Webhook settings;
    private final HttpPost http;
    private final JsonMapper json;
    private final Clock clock;

    WebhookChannel(NotificationSettings.Webhook settings, HttpPost http, JsonMapper json, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public Outcome send(Message message) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("reference", String.valueOf(message.taskId()));
        payload.put("source", message.source());
        payload.put("title", message.title());
        payload.put("body", message.body());
        payload.put("recipient", message.name());
        payload.put("regionCode", message.regionCode());
        payload.put("group", message.group());
        payload.put("round", message.round());
        payload.put("ackUrl", message.ackUrl());
        byte[] body = json.writeValueAsBytes(payload);
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        return http.post(message.address(), Map.of(Signatures.TIMESTAMP_HEADER, timestamp,
                        Signatures.SIGNATURE_HEADER, Signatures.sign(settings.secret(), timestamp, body)),
                body, settings.timeout(), response -> new Outcome.Delivered(null));
    }
}
