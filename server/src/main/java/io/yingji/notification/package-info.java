/**
 * Notifications to people (通知): the in-app inbox every user has, filled by other modules through
 * {@link io.yingji.notification.Inbox} (reminders, escalations), and multi-channel delivery with
 * receipts through {@link io.yingji.notification.Deliveries}: a persisted queue of delivery tasks
 * (SMS, e-mail, webhook, emergency broadcast, in-app) drained by every instance, with retries,
 * fallback between channels, acknowledgement (叫应), re-notification and coverage. Messages are stored
 * as keys with arguments (or plain text) and rendered in the reader's language.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "access", "jobs", "audit" })
@org.jspecify.annotations.NullMarked
package io.yingji.notification;
