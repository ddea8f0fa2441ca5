/**
 * Early-warning publication (预警信息发布): warnings as OASIS CAP 1.2 alerts with the four Chinese
 * levels, drafted, approved by someone else at the issuing level or above (four-eyes), published,
 * updated and cancelled as chains of CAP messages, expired on time; CAP XML and an Atom feed for other
 * platforms, and import of CAP from other issuers. Who receives a warning and over which channel is
 * decided by listeners of {@link io.yingji.warning.WarningPublished}, not here.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "access", "audit", "region", "risk", "jobs" })
@org.jspecify.annotations.NullMarked
package io.yingji.warning;
