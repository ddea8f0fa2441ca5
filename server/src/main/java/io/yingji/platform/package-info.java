/**
 * How the platform meets the web: security filter chain (session and bearer token), RFC 9457
 * problem responses in the caller's language, request size limits, the clock, OpenAPI.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "access", "identity" })
@org.jspecify.annotations.NullMarked
package io.yingji.platform;
