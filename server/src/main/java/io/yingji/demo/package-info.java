/**
 * The demo city: Zhejiang with Hangzhou's real districts and Gongshu's 18 streets, departments,
 * several thousand enterprises and the demo accounts, loaded into an empty database on start when
 * {@code yingji.demo.enabled} is true (the embedded default). Everything goes through the modules'
 * public APIs, so the demo data obeys the same validation as user input.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "access", "region", "identity", "enterprise", "risk", "hazard", "monitoring", "warning" })
@org.jspecify.annotations.NullMarked
package io.yingji.demo;
