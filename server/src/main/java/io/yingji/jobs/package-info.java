/**
 * Scheduled jobs that must run on one instance at a time: a lease row per job in {@code job_lock}
 * (created with the hazard module's first migration, which had the first such job).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared" })
@org.jspecify.annotations.NullMarked
package io.yingji.jobs;
