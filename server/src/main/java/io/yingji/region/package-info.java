/** The administrative division tree (行政区划): province → city → county → township → village. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "access", "audit" })
@org.jspecify.annotations.NullMarked
package io.yingji.region;
