package io.yingji.monitoring.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the telemetry table's storage: on PostgreSQL, one partition per UTC day from yesterday to a
 * week ahead, and partitions wholly older than the retention dropped (a cheap metadata change, not a
 * mass delete); on other databases old rows are deleted.
 */
@Component
class TelemetryPartitions {

    private static final Logger log = LoggerFactory.getLogger(TelemetryPartitions.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Duration retention;
    private volatile Boolean postgres;

    TelemetryPartitions(JdbcClient jdbc, DataSource dataSource, @Value("${yingji.monitoring.retention:P90D}") Duration retention) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.retention = retention;
    }

    /** Creates today's and the coming days' partitions before the first readings arrive. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void atStart() {
        upkeep(Instant.now());
    }

    void upkeep(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant oldest = now.minus(retention);
        if (!isPostgres()) {
            jdbc.sql("delete from telemetry where ts < :before").param("before", java.time.OffsetDateTime.ofInstant(oldest, ZoneOffset.UTC)).update();
            return;
        }
        for (int day = -1; day <= 7; day++) {
            LocalDate date = today.plusDays(day);
            String name = "telemetry_" + date.format(DAY);
            try {
                jdbc.sql("create table if not exists " + name + " partition of telemetry for values from ('" + date
                        + "T00:00:00Z') to ('" + date.plusDays(1) + "T00:00:00Z')").update();
            } catch (RuntimeException e) {
                // readings of that day already sit in the default partition (the job did not run then): leave them there
                log.warn("Telemetry partition {} not created: {}", name, e.getMessage());
            }
        }
        List<String> old = jdbc.sql("""
                select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
                 where p.relname = 'telemetry' and c.relname ~ '^telemetry_[0-9]{8}$'""").query(String.class).list();
        LocalDate keepFrom = LocalDate.ofInstant(oldest, ZoneOffset.UTC);
        for (String name : old) {
            LocalDate date = LocalDate.parse(name.substring("telemetry_".length()), DAY);
            if (date.plusDays(1).isBefore(keepFrom) || date.plusDays(1).equals(keepFrom)) {
                jdbc.sql("drop table " + name).update();
                log.info("Dropped telemetry partition {} (past retention {})", name, retention);
            }
        }
    }

    private boolean isPostgres() {
        if (postgres == null) {
            try (Connection connection = dataSource.getConnection()) {
                postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
            } catch (SQLException e) {
                return false;
            }
        }
        return postgres;
    }
}
