/**
 * Tiny value types shared by every module (region codes, points, identifiers) and the
 * exceptions that carry a problem to the caller. Never a dumping ground.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@org.jspecify.annotations.NullMarked
package io.yingji.shared;
