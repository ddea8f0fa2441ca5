/**
 * Who is calling and what they may see: the data scope (差别化授权) that every module's queries
 * pass through. Records outside the scope behave as if they did not exist (404), to reads, to actions
 * on them and to creates that name them; 403 is for a missing permission and for a region outside the
 * scope. With no caller the scope is empty: it fails closed.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
@org.jspecify.annotations.NullMarked
package io.yingji.access;
