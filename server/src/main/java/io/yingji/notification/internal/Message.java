package io.yingji.notification.internal;

import io.yingji.notification.Channel;
import org.jspecify.annotations.Nullable;

/**
 * One delivery task ready to send: the rendered (Chinese) title and body, the target's address on the
 * task's channel, and the acknowledgement link when the campaign asks for one.
 *
 * @param taskId    the task; sent to providers as our reference, so reports can name it
 * @param source    the campaign's source, e.g. warning:123
 * @param address   mobile, e-mail, URL, terminal code, or the user id for in-app
 * @param ackUrl    where the recipient confirms, or null
 * @param inAppLink the web app path the in-app notice opens
 */
record Message(long taskId, Channel channel, String source, long campaignId, int targetNo, int round, String name,
               String regionCode, String group, String address, String title, String body, @Nullable String ackUrl,
               String inAppLink, String titleKey, String bodyKey, java.util.List<String> args) {
}
