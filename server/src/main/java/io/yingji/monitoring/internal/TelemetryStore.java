package io.yingji.monitoring.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.stereotype.Component;

/**
 * Writes readings durably. On PostgreSQL a batch goes in with one binary {@code COPY}; should a row
 * already be stored (a redelivered MQTT message) the COPY fails whole and the batch is written again
 * row by row with {@code ON CONFLICT DO NOTHING}, and the rows that were already there come back as
 * duplicates. Elsewhere (H2) it is always the row-by-row batch. Either way the batch is committed
 * before this returns: only then may the sender be acknowledged.
 */
@Component
class TelemetryStore {

    /** A reading bound to its stored device. */
    record Row(long deviceId, String metric, Instant ts, double value) {
    }

    private static final byte[] COPY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in seconds since 1970. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;
    private static final String INSERT =
            "insert into telemetry (device_id, metric, ts, val) values (?, ?, ?, ?) on conflict do nothing";

    private final DataSource dataSource;
    private volatile Boolean postgres;

    TelemetryStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the rows; answers those that were already stored (duplicates), which are not stored again. */
    List<Row> write(List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                if (isPostgres(connection)) {
                    try {
                        copy(connection, rows);
                        connection.commit();
                        return List.of();
                    } catch (SQLException e) {
                        connection.rollback();
                        if (!"23505".equals(e.getSQLState())) {
                            throw e;
                        }
                    }
                }
                List<Row> duplicates = insertEach(connection, rows);
                connection.commit();
                return duplicates;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private boolean isPostgres(Connection connection) throws SQLException {
        if (postgres == null) {
            postgres = connection.isWrapperFor(PGConnection.class);
        }
        return postgres;
    }

    private static void copy(Connection connection, List<Row> rows) throws SQLException {
        byte[] data = binaryCopy(rows);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy telemetry (device_id, metric, ts, val) from stdin (format binary)", new java.io.ByteArrayInputStream(data));
        } catch (IOException e) {
            throw new SQLException("COPY of telemetry failed", e);
        }
    }

    /** The rows in PostgreSQL's binary COPY format. */
    static byte[] binaryCopy(List<Row> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rows.size() * 48 + 32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(COPY_HEADER);
            for (Row row : rows) {
                out.writeShort(4);
                out.writeInt(8);
                out.writeLong(row.deviceId());
                byte[] metric = row.metric().getBytes(StandardCharsets.UTF_8);
                out.writeInt(metric.length);
                out.write(metric);
                out.writeInt(8);
                Instant ts = row.ts();
                out.writeLong((ts.getEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + ts.getNano() / 1_000);
                out.writeInt(8);
                out.writeDouble(row.value());
            }
            out.writeShort(-1);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return bytes.toByteArray();
    }

    private static List<Row> insertEach(Connection connection, List<Row> rows) throws SQLException {
        List<Row> duplicates = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Row row : rows) {
                insert.setLong(1, row.deviceId());
                insert.setString(2, row.metric());
                insert.setObject(3, java.time.OffsetDateTime.ofInstant(row.ts(), java.time.ZoneOffset.UTC));
                insert.setDouble(4, row.value());
                insert.addBatch();
            }
            int[] counts = insert.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    duplicates.add(rows.get(i));
                }
            }
        }
        return duplicates;
    }
}
