/**
 * Risk identification and assessment (风险辨识评估): risk points per enterprise graded by LEC or the
 * risk matrix into 红/橙/黄/蓝 with configurable thresholds, their control measures and responsible
 * people, the history of every assessment, and the enterprise risk level derived from its points.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "access", "audit", "enterprise", "region", "jobs", "identity", "notification" })
@org.jspecify.annotations.NullMarked
package io.yingji.risk;
