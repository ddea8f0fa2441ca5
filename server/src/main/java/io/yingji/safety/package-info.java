/**
 * The enterprise safety code (安全码: 红/黄/绿), derived from the enterprise's risk level and its
 * hazards, each code with the reasons for it; recomputed from module events, never by polling.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "access", "enterprise", "risk", "hazard", "region", "monitoring" })
@org.jspecify.annotations.NullMarked
package io.yingji.safety;
