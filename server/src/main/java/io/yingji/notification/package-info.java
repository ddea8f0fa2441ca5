/**
 * Notifications to people (通知): the in-app inbox every user has, filled by other modules through
 * {@link io.yingji.notification.Inbox} (reminders, escalations). Messages are stored as keys with
 * arguments and rendered in the reader's language.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "access" })
@org.jspecify.annotations.NullMarked
package io.yingji.notification;
