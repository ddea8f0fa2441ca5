package io.yingji.notification.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A per-channel rate limit: {@code rate} permits per second on average, at most {@code burst} at once.
 * A provider's 429 with Retry-After {@link #pauseFor pauses} the bucket: nobody sends on the channel
 * until then. Thread-safe; permits are handed out in order of asking.
 */
final class TokenBucket {

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    /** The moment the tokens were counted; in the future while the bucket is paused. */
    private long last;

    TokenBucket(double ratePerSecond, int burst) {
        this(ratePerSecond, burst, System::nanoTime);
    }

    TokenBucket(double ratePerSecond, int burst, LongSupplier nanoTime) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1: " + ratePerSecond + ", " + burst);
        }
        this.perNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.last = nanoTime.getAsLong();
        this.tokens = burst;
    }

    /**
     * Takes one permit, answering how many nanoseconds the caller must wait before using it (0: now).
     * Permits may be reserved ahead: the bucket goes negative and later callers wait longer.
     */
    synchronized long reserve() {
        long now = refill();
        tokens -= 1;
        long wait = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano);
        return Math.max(0, last - now + wait);
    }

    /** Adds the tokens earned since they were last counted; answers now. */
    private long refill() {
        long now = nanoTime.getAsLong();
        if (now - last > 0) {
            tokens = Math.min(burst, tokens + (now - last) * perNano);
            last = now;
        }
        return now;
    }

    /** Blocks until a permit is free. */
    void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /**
     * Nobody gets a permit before {@code nanos} from now (a provider's Retry-After); then one permit is
     * free and the rest come at the rate, so a throttled provider is not hit with a burst again.
     */
    synchronized void pauseFor(long nanos) {
        long until = refill() + nanos;
        if (until - last > 0) {
            last = until;
            tokens = Math.min(tokens, 1);
        }
    }
}
