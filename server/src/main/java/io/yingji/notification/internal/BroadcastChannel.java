package io.yingji.notification.internal;

import io.yingji.notification.Channel;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emergency broadcast system (应急广播): POST {@code {"terminal", "title", "text", "reference"}} to
 * its HTTP API with the configured credential. The system answers {@code {"id", "status"}}: status
 * {@code PLAYED} means the terminals played it (delivered); anything else means it was accepted and
 * queued for playing (sent).
 */
final class BroadcastChannel implements ChannelAdapter {

    private final NotificationSettings.Broadcast settings;
    private final HttpPost http;
    private final JsonMapper json;

    BroadcastChannel(NotificationSettings.Broadcast settings, HttpPost http, JsonMapper json) {
        this.settings = settings;
        this.http = http;
        this.json = json;
    }

    @Override
    public Channel channel() {
        return Channel.BROADCAST;
    }

    @Override
    public Outcome send(Message message) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("terminal", message.address());
        payload.put("title", message.title());
        payload.put("text", message.body());
        payload.put("reference", String.valueOf(message.taskId()));
        byte[] body = json.writeValueAsBytes(payload);
        return http.post(settings.url(), Map.of(SmsChannel.nullToEmpty(settings.authHeader()), SmsChannel.nullToEmpty(settings.authValue())),
                body, settings.timeout(), response -> {
                    String id = null;
                    String status = "";
                    try {
                        JsonNode answer = json.readTree(response.body());
                        id = answer.path("id").isMissingNode() ? null : answer.path("id").asString();
                        status = answer.path("status").asString("");
                    } catch (RuntimeException notJson) {
                        // accepted without details
                    }
                    return "PLAYED".equalsIgnoreCase(status) ? new Outcome.Delivered(id) : new Outcome.Sent(id);
                });
    }
}
