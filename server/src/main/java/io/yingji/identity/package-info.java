/**
 * Departments, users, roles and permissions; password login with lockout, bearer tokens for API
 * clients (hashed, expiring, revocable) and the session login of the web app.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "access", "region", "audit" })
@org.jspecify.annotations.NullMarked
package io.yingji.identity;
