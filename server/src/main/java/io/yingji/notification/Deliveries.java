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

    /**
     * Tells again, now, every target of an open campaign that asks for acknowledgement who has not
     * acknowledged (再次叫应 on request): a new round on the target's first channel, as the re-notification
     * job would add it, without waiting for the interval or counting against the campaign's rounds. A target
     * whose latest round is still being sent (a task QUEUED or SENDING) is left out, so nobody gets two
     * messages for one round. Joins the caller's transaction. Answers how many targets were notified again;
     * 0 for an unknown or closed campaign or one without acknowledgement.
     */
    int renotifyUnacknowledged(String source);
}
