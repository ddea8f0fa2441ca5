/**
 * Who is calling and what they may see: the data scope (差别化授权) that every module's queries
 * pass through. Reads outside the scope behave as if the record did not exist (404); actions on
 * records outside it are refused (403). With no caller the scope is empty: it fails closed.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
@org.jspecify.annotations.NullMarked
package io.yingji.access;
