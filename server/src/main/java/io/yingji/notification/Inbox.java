package io.yingji.notification;

import java.util.Collection;

/** Puts notices into users' in-app inboxes. Joins the caller's transaction: nothing is delivered if it rolls back. */
public interface Inbox {

    /** Delivers {@code notice} once to each distinct user; answers how many inboxes received it. */
    int deliver(Notice notice, Collection<Long> userIds);
}
