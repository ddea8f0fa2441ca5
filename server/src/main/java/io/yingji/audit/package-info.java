/** The audit trail (审计): every change in every module, who made it, when and from where. Append-only. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "access" })
@org.jspecify.annotations.NullMarked
package io.yingji.audit;
