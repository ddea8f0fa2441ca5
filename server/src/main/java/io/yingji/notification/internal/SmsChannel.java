package io.yingji.notification.internal;

import io.yingji.notification.Channel;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS through an HTTP gateway: POST {@code {"mobile", "text", "reference"}} with the configured
 * credential header. A 2xx only means the gateway took the message ({@code Sent}, keeping its
 * {@code messageId}); the handset's delivery is known from the gateway's delivery report to
 * {@code POST /public/notification/sms-report}, which names our {@code reference} (the task id).
 */
final class SmsChannel implements ChannelAdapter {

    private final NotificationSettings.Sms settings;
    private final HttpPost http;
    private final JsonMapper json;

    SmsChannel(NotificationSettings.Sms settings, HttpPost http, JsonMapper json) {
        this.settings = settings;
        this.http = http;
        this.json = json;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    /** The text of an SMS: signature, title, body and, when asked, the link to confirm. */
    String text(Message message) {
        StringBuilder text = new StringBuilder(settings.signature() == null ? "" : settings.signature())
                .append(message.title()).append('：').append(message.body());
        if (message.ackUrl() != null) {
            text.append(" 收到请点击确认：").append(message.ackUrl());
        }
        return text.toString();
    }

    @Override
    public Outcome send(Message message) {
        byte[] body = json.writeValueAsBytes(Map.of("mobile", message.address(), "text", text(message),
                "reference", String.valueOf(message.taskId())));
        return http.post(settings.url(), Map.of(nullToEmpty(settings.authHeader()), nullToEmpty(settings.authValue())), body,
                settings.timeout(), response -> {
                    String id = null;
                    try {
                        JsonNode answer = json.readTree(response.body());
                        id = answer.path("messageId").isMissingNode() ? null : answer.path("messageId").asString();
                    } catch (RuntimeException notJson) {
                        // the gateway took it; without an id the report still names our reference
                    }
                    return new Outcome.Sent(id);
                });
    }

    static String nullToEmpty(@org.jspecify.annotations.Nullable String s) {
        return s == null ? "" : s;
    }
}
