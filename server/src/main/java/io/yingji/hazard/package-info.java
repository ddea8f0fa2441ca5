/**
 * Hidden-hazard reporting, verification, remediation and sign-off (隐患排查治理), with supervision
 * (督办) by the 60/30/15-day rule and escalation of overdue hazards.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "access", "audit", "enterprise", "region", "storage", "identity", "notification", "jobs", "monitoring" })
@org.jspecify.annotations.NullMarked
package io.yingji.hazard;
