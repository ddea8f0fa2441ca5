/**
 * Early-warning publication (预警信息发布): warnings as OASIS CAP 1.2 alerts with the four Chinese
 * levels, drafted, approved by someone else at the issuing level or above (four-eyes), published,
 * updated and cancelled as chains of CAP messages, expired on time; CAP XML and an Atom feed for other
 * platforms, and import of CAP from other issuers. Targeting: at publish time the people and places in the
 * warning's areas are resolved (accounts, enterprises' safety managers, the contact directory and the
 * registered public), recorded, and handed to the notification module's delivery queue.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "access", "audit", "region", "risk", "jobs", "notification", "identity", "enterprise" })
@org.jspecify.annotations.NullMarked
package io.yingji.warning;
