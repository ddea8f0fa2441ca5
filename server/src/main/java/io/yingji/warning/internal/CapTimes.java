package io.yingji.warning.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CAP dateTime: whole seconds with an explicit offset, never "Z" (CAP 1.2 §3.3.2). Instants are stored
 * in UTC and written in Beijing time, e.g. {@code 2026-11-23T14:05:00+08:00}.
 */
final class CapTimes {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Pattern END_OF_DAY = Pattern.compile("(-?\\d{4,}-\\d{2}-\\d{2})T24:00:00(?:\\.0+)?(.*)");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private CapTimes() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(SHANGHAI));
    }

    /**
     * A CAP dateTime (already schema-checked) as an instant. xs:dateTime allows the hour 24 for the end of a day
     * ({@code 2026-12-07T24:00:00-05:00}): that is the next day's 00:00, which java.time does not parse itself.
     */
    static Instant parse(String text) {
        String value = text.strip();
        Matcher endOfDay = END_OF_DAY.matcher(value);
        if (endOfDay.matches()) {
            return OffsetDateTime.parse(endOfDay.group(1) + "T00:00:00" + endOfDay.group(2)).plusDays(1).toInstant();
        }
        return OffsetDateTime.parse(value).toInstant();
    }
}
