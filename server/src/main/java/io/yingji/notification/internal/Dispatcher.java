package io.yingji.notification.internal;

import io.yingji.notification.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the delivery queue on one instance; every instance runs one, and they share the work
 * through the claim ({@link DeliveryTasks#claim}). Claimed tasks are sent concurrently, each channel
 * no faster than its token bucket allows, and their outcomes written in batches while the next
 * tasks are already being sent.
 *
 * <p>Per outcome: delivered / sent are recorded as such (only an adapter's {@link Outcome.Delivered}
 * marks a task delivered); a temporary failure is retried after an exponential backoff until
 * {@code maxAttempts}, then the task FAILS and the target's next channel gets a task; a 429 pauses
 * the channel for its Retry-After and the task waits as long, without counting as a failed attempt.
 */
class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final Locale OUTBOUND = Locale.SIMPLIFIED_CHINESE;

    private final DeliveryTasks tasks;
    private final CampaignBook campaigns;
    private final Map<Channel, ChannelAdapter> adapters;
    private final Map<Channel, TokenBucket> limits;
    private final NotificationSettings.Dispatch settings;
    private final Backoff backoff;
    private final Clock clock;
    private final String ackBaseUrl;
    private final ExecutorService senders;
    private final Map<Long, String[]> texts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<DeliveryTasks.Result> done = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running;
    private @Nullable Thread loop;

    Dispatcher(DeliveryTasks tasks, CampaignBook campaigns, List<ChannelAdapter> adapters, Map<Channel, TokenBucket> limits,
               NotificationSettings.Dispatch settings, Backoff backoff, Clock clock, String ackBaseUrl, String name) {
        this.tasks = tasks;
        this.campaigns = campaigns;
        this.adapters = new EnumMap<>(Channel.class);
        adapters.forEach(a -> this.adapters.put(a.channel(), a));
        this.limits = new EnumMap<>(limits);
        this.settings = settings;
        this.backoff = backoff;
        this.clock = clock;
        this.ackBaseUrl = ackBaseUrl;
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, name + "-send-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** One pass for tests and tools: claims a batch, sends it, waits for every send and records them. */
    int runOnce() {
        List<DeliveryTasks.Claimed> claimed = tasks.claim(settings.batchSize(), clock.instant(), settings.lease());
        CountDownLatch latch = new CountDownLatch(claimed.size());
        List<DeliveryTasks.Result> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (DeliveryTasks.Claimed task : claimed) {
            senders.execute(() -> {
                try {
                    results.add(send(task));
                } finally {
                    latch.countDown();
                }
            });
        }
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tasks.record(new ArrayList<>(results), clock.instant());
        return claimed.size();
    }

    /** Runs passes until nothing is due (tasks waiting for a backoff are not due). */
    int drain() {
        int total = 0;
        for (int n = runOnce(); n > 0; n = runOnce()) {
            total += n;
        }
        return total;
    }

    /** Starts the background loop: claims while fewer than a batch are in flight, records as sends finish. */
    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        loop = new Thread(this::loop, "delivery-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    synchronized void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        senders.shutdown();
        try {
            senders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    private void loop() {
        int batch = settings.batchSize();
        while (running) {
            try {
                flush();
                int room = batch - inFlight.get();
                int claimed = 0;
                if (room >= Math.max(1, batch / 4)) {
                    for (DeliveryTasks.Claimed task : tasks.claim(room, clock.instant(), settings.lease())) {
                        claimed++;
                        inFlight.incrementAndGet();
                        senders.execute(() -> {
                            try {
                                done.add(send(task));
                            } finally {
                                inFlight.decrementAndGet();
                            }
                        });
                    }
                }
                if (claimed == 0) {
                    Thread.sleep(inFlight.get() == 0 && done.isEmpty() ? settings.pollInterval().toMillis() : 5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Delivery dispatch pass failed; trying again", e);
                try {
                    Thread.sleep(settings.pollInterval().toMillis());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private void flush() {
        List<DeliveryTasks.Result> batch = new ArrayList<>();
        for (DeliveryTasks.Result r = done.poll(); r != null; r = done.poll()) {
            batch.add(r);
        }
        tasks.record(batch, clock.instant());
    }

    /** Sends one claimed task and answers its new state; never throws. */
    DeliveryTasks.Result send(DeliveryTasks.Claimed task) {
        Outcome outcome;
        try {
            outcome = attempt(task);
        } catch (RuntimeException e) {
            log.warn("Channel {} failed on task {}", task.channel(), task.id(), e);
            outcome = new Outcome.Retry("内部错误：" + e.getClass().getSimpleName());
        }
        return result(task, outcome, clock.instant());
    }

    private Outcome attempt(DeliveryTasks.Claimed task) {
        if (task.acknowledged()) {
            return new Outcome.Skipped();
        }
        ChannelAdapter adapter = adapters.get(task.channel());
        if (adapter == null) {
            return new Outcome.Failed("本实例未配置渠道 " + task.channel());
        }
        String address = task.address();
        CampaignBook.Stored campaign = campaigns.find(task.campaignId()).orElse(null);
        if (address == null || campaign == null) {
            return new Outcome.Failed("缺少地址");
        }
        TokenBucket limit = limits.get(task.channel());
        if (limit != null) {
            try {
                limit.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome.Retry("发送被中断");
            }
        }
        String[] text = texts.computeIfAbsent(campaign.id(), id -> new String[] {campaigns.title(campaign, OUTBOUND),
                campaigns.body(campaign, OUTBOUND)});
        String token = campaign.ackRequired() ? campaigns.token(campaign, task.targetNo()) : null;
        String inAppLink = token != null ? "/ack/" + token : campaign.link() != null ? campaign.link() : "/notifications";
        Message message = new Message(task.id(), task.channel(), campaign.source(), campaign.id(), task.targetNo(), task.round(),
                task.name(), task.regionCode(), task.group(), address, text[0], text[1], token == null ? null : ackBaseUrl + token,
                inAppLink, campaigns.titleKey(campaign), campaigns.bodyKey(campaign), campaigns.noticeArgs(campaign));
        Outcome outcome = adapter.send(message);
        if (outcome instanceof Outcome.Throttled throttled && limit != null) {
            limit.pauseFor(throttled.after().toNanos());
        }
        return outcome;
    }

    DeliveryTasks.Result result(DeliveryTasks.Claimed task, Outcome outcome, Instant now) {
        if (outcome instanceof Outcome.Skipped) {
            return new DeliveryTasks.Result(task, "CANCELLED", 0, now, null, null, null, null, null);
        }
        if (outcome instanceof Outcome.Delivered d) {
            return new DeliveryTasks.Result(task, "DELIVERED", 0, now, d.reference(), null, now, now, null);
        }
        if (outcome instanceof Outcome.Sent s) {
            return new DeliveryTasks.Result(task, "SENT", 0, now, s.reference(), null, now, null, null);
        }
        if (outcome instanceof Outcome.Throttled t) {
            return new DeliveryTasks.Result(task, "QUEUED", -1, now.plus(t.after()), null,
                    "HTTP 429，" + t.after().toMillis() + " ms 后重试", null, null, null);
        }
        if (outcome instanceof Outcome.Retry r) {
            if (task.attempts() < settings.maxAttempts()) {
                return new DeliveryTasks.Result(task, "QUEUED", 0, now.plus(backoff.after(task.attempts())), null, r.error(),
                        null, null, null);
            }
            return new DeliveryTasks.Result(task, "FAILED", 0, now, null, r.error() + "（已尝试 " + task.attempts() + " 次）",
                    null, null, now);
        }
        Outcome.Failed f = (Outcome.Failed) outcome;
        return new DeliveryTasks.Result(task, "FAILED", 0, now, null, f.error(), null, null, now);
    }

    Duration lease() {
        return settings.lease();
    }
}
