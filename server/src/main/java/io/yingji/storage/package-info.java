/** Where uploaded files live: outside the database, behind a port (a local folder now; object storage later). */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared" })
@org.jspecify.annotations.NullMarked
package io.yingji.storage;
