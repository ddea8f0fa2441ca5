package io.yingji.notification.internal;

import io.yingji.notification.Channel;

/**
 * The port every channel speaks through: send one message to one target and say what happened.
 * Implementations never throw for the provider's failures; they answer an {@link Outcome}.
 */
interface ChannelAdapter {

    Channel channel();

    Outcome send(Message message);
}
