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
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final DataSource dataSource;
    private final Duration retention;
    private volatile Boolean postgres;

    TelemetryPartitions(JdbcClient jdbc, org.springframework.transaction.support.TransactionTemplate transactions, DataSource dataSource,
                        @Value("${yingji.monitoring.retention:P90D}") Duration retention) {
        this.jdbc = jdbc;
        this.transactions = transactions;
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
                createDay(name, date);
            } catch (RuntimeException e) {
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

    /**
     * Creates a day's partition. Readings of that day that arrived before it existed sit in the default
     * partition, which PostgreSQL then refuses to split: they are moved into the new table and the table
     * attached, in one transaction, so no reading is ever outside its day (and retention drops it).
     */
    private void createDay(String name, LocalDate date) {
        if (jdbc.sql("select count(*) from pg_class where relname = :name").param("name", name).query(Long.class).single() > 0) {
            return;
        }
        String from = "'" + date + "T00:00:00Z'";
        String to = "'" + date.plusDays(1) + "T00:00:00Z'";
        boolean stray = jdbc.sql("select exists (select 1 from telemetry_default where ts >= " + from + " and ts < " + to + ")")
                .query(Boolean.class).single();
        if (!stray) {
            jdbc.sql("create table if not exists " + name + " partition of telemetry for values from (" + from + ") to (" + to + ")").update();
            return;
        }
        Integer moved = transactions.execute(status -> {
            jdbc.sql("create table " + name + " (like telemetry including defaults including constraints)").update();
            int rows = jdbc.sql("with moved as (delete from telemetry_default where ts >= " + from + " and ts < " + to
                    + " returning *) insert into " + name + " select * from moved").update();
            jdbc.sql("alter table telemetry attach partition " + name + " for values from (" + from + ") to (" + to + ")").update();
            return rows;
        });
        log.info("Telemetry partition {} created with {} readings moved from the default partition", name, moved);
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
