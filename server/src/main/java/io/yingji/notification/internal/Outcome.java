package io.yingji.notification.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What a channel adapter reports about one send. Only {@link Delivered} marks a task delivered. */
sealed interface Outcome {

    /** The recipient has it, on the provider's word (2xx of a webhook, stored in the inbox, played). */
    record Delivered(@Nullable String reference) implements Outcome {
    }

    /** The provider accepted it; delivery is confirmed later (an SMS report) or never (e-mail). */
    record Sent(@Nullable String reference) implements Outcome {
    }

    /** A temporary failure (5xx, timeout, connection refused): try again after a backoff. */
    record Retry(String error) implements Outcome {
    }

    /** The provider asks us to slow down (429): try again after {@code after}; not counted as a failed attempt. */
    record Throttled(Duration after) implements Outcome {
    }

    /** A permanent failure on this channel (bad address, 4xx): fall back to the next channel at once. */
    record Failed(String error) implements Outcome {
    }

    /** Not sent: the target acknowledged before this task's turn came. */
    record Skipped() implements Outcome {
    }
}
