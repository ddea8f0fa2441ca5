package io.yingji.warning.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * CAP dateTime: whole seconds with an explicit offset, never "Z" (CAP 1.2 §3.3.2). Instants are stored
 * in UTC and written in Beijing time, e.g. {@code 2026-11-23T14:05:00+08:00}.
 */
final class CapTimes {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private CapTimes() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(SHANGHAI));
    }

    /** A CAP dateTime (already schema-checked) as an instant. */
    static Instant parse(String text) {
        return java.time.OffsetDateTime.parse(text.strip()).toInstant();
    }
}
