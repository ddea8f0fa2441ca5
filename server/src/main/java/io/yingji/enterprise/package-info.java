/**
 * The enterprise registry (生产经营单位): who they are, where they are, who supervises them, and
 * their major hazard sources graded by GB 18218-2018. Every read and write passes the data scope.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "access", "region", "audit", "identity" })
@org.jspecify.annotations.NullMarked
package io.yingji.enterprise;
