package io.yingji.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * Instants to and from {@code timestamp with time zone} columns, always as UTC offsets so the
 * result never depends on the JVM's or the database session's time zone (both drivers agree).
 */
public final class UtcTimestamps {

    private UtcTimestamps() {
    }

    public static @Nullable OffsetDateTime of(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static @Nullable Instant read(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
