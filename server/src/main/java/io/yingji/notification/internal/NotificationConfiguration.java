package io.yingji.notification.internal;

import io.yingji.notification.Channel;
import io.yingji.notification.Inbox;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The channel adapters this instance has (SMS and broadcast only with a URL, e-mail only with
 * {@code spring.mail.host}; webhook and in-app always) and its dispatcher, started once the
 * application is ready when {@code yingji.notification.dispatch.enabled}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationSettings.class)
class NotificationConfiguration {

    @Bean
    ChannelAdapters channelAdapters(NotificationSettings settings, ObjectProvider<JavaMailSender> mail, Inbox inbox,
                                    TransactionTemplate transactions, JsonMapper json, Clock clock) {
        HttpPost http = new HttpPost(HttpPost.newClient());
        List<ChannelAdapter> adapters = new ArrayList<>();
        if (settings.sms().url() != null && !settings.sms().url().isBlank()) {
            adapters.add(new SmsChannel(settings.sms(), http, json));
        }
        JavaMailSender sender = mail.getIfAvailable();
        if (sender != null) {
            adapters.add(new EmailChannel(settings.email(), sender));
        }
        adapters.add(new WebhookChannel(settings.webhook(), http, json, clock));
        if (settings.broadcast().url() != null && !settings.broadcast().url().isBlank()) {
            adapters.add(new BroadcastChannel(settings.broadcast(), http, json));
        }
        adapters.add(new InAppChannel(inbox, transactions));
        return new ChannelAdapters(adapters, limits(settings));
    }

    static Map<Channel, TokenBucket> limits(NotificationSettings settings) {
        Map<Channel, TokenBucket> limits = new EnumMap<>(Channel.class);
        limits.put(Channel.SMS, bucket(settings.sms().limit()));
        limits.put(Channel.EMAIL, bucket(settings.email().limit()));
        limits.put(Channel.WEBHOOK, bucket(settings.webhook().limit()));
        limits.put(Channel.BROADCAST, bucket(settings.broadcast().limit()));
        limits.put(Channel.IN_APP, bucket(settings.inApp()));
        return limits;
    }

    private static TokenBucket bucket(NotificationSettings.Limit limit) {
        return new TokenBucket(limit.rate(), limit.burst());
    }

    @Bean
    Dispatcher dispatcher(DeliveryTasks tasks, CampaignBook campaigns, ChannelAdapters adapters, NotificationSettings settings,
                          Clock clock) {
        NotificationSettings.Dispatch dispatch = settings.dispatch();
        return new Dispatcher(tasks, campaigns, adapters.adapters(), adapters.limits(), dispatch,
                new Backoff(dispatch.backoff(), dispatch.maxBackoff()), clock, settings.ack().baseUrl(),
                ManagementFactory.getRuntimeMXBean().getName());
    }

    /** The adapters and their rate limits, as configured. */
    record ChannelAdapters(List<ChannelAdapter> adapters, Map<Channel, TokenBucket> limits) {
    }

    @Bean
    DispatcherLifecycle dispatcherLifecycle(Dispatcher dispatcher, NotificationSettings settings) {
        return new DispatcherLifecycle(dispatcher, settings.dispatch().enabled());
    }

    /** Starts the dispatcher when the application is ready (after migrations), stops it on shutdown. */
    static class DispatcherLifecycle {

        private final Dispatcher dispatcher;
        private final boolean enabled;

        DispatcherLifecycle(Dispatcher dispatcher, boolean enabled) {
            this.dispatcher = dispatcher;
            this.enabled = enabled;
        }

        @EventListener(ApplicationReadyEvent.class)
        void start() {
            if (enabled) {
                dispatcher.start();
            }
        }

        @EventListener(ContextClosedEvent.class)
        void stop() {
            dispatcher.stop();
        }
    }
}
