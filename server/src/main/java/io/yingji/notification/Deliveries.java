package io.yingji.notification;

import java.util.List;

/**
 * The delivery queue: a campaign and its targets become persisted delivery tasks, one per target and
 * channel attempt, which the dispatchers of all instances send, retry, fall back and report on.
 */
public interface Deliveries {

    /**
     * Queues the campaign for every target, all or nothing, joining the caller's transaction: nothing
     * is sent if it rolls back. A target with no address for any of the campaign's channels is still
     * recorded (and counted as targeted but unreachable). Answers the campaign's id.
     *
     * @throws io.yingji.shared.Problem 400 for an invalid campaign, 409 when its source was queued before
     */
    long enqueue(Campaign campaign, List<Target> targets);

    /**
     * Ends a campaign whose message no longer holds (e.g. the warning was cancelled or replaced): nobody is
     * re-notified any more, and tasks still waiting to be sent are cancelled (those sent keep their status).
     * Joins the caller's transaction. Answers the tasks cancelled; an unknown or already closed source is
     * left as it is (0).
     */
    int close(String source);
}
