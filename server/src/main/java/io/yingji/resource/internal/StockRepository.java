package io.yingji.resource.internal;

import io.yingji.shared.PageOf;
import io.yingji.shared.UtcTimestamps;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Batches, movements and transfers of warehouses already found through the scoped {@link WarehouseRepository}
 * (records that hang off a scoped aggregate are reached only through it). Every balance change goes with its
 * movement in {@link #move}, and only there.
 */
@Repository
class StockRepository {

    /** A batch of one supply type in one warehouse, with the balance its movements leave. */
    record Batch(long id, long warehouseId, long supplyTypeId, String batchNo, @Nullable LocalDate producedOn,
                 @Nullable LocalDate expiresOn, BigDecimal quantity, Instant receivedAt) {
    }

    record Movement(long id, long warehouseId, long batchId, String batchNo, long supplyTypeId, String supplyName, String unit,
                    Kind kind, BigDecimal quantity, BigDecimal balanceAfter, @Nullable String reason,
                    @Nullable String destination, @Nullable Long transferId, @Nullable String note, Instant at, String by) {
    }

    enum Kind { RECEIPT, ISSUE, TRANSFER_OUT, TRANSFER_IN, TRANSFER_RETURN, STOCKTAKE, WRITE_OFF }

    record Transfer(long id, long fromWarehouseId, long toWarehouseId, String state, @Nullable String note, Instant sentAt,
                    String sentBy, @Nullable Instant closedAt, @Nullable String closedBy) {
    }

    record TransferLine(long batchId, long supplyTypeId, String batchNo, @Nullable LocalDate producedOn,
                        @Nullable LocalDate expiresOn, BigDecimal quantity) {
    }

    /** What a movement says besides its batch and quantity. */
    record Context(@Nullable String reason, @Nullable String destination, @Nullable Long transferId, @Nullable String note,
                   Instant at, String by) {
    }

    private final JdbcClient jdbc;

    StockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Batch> batches(long warehouseId) {
        return jdbc.sql("select * from resource_batch where warehouse_id = :w order by supply_type_id, expires_on, id")
                .param("w", warehouseId).query(StockRepository::batch).list();
    }

    /** A type's batches holding stock, earliest expiry first (FEFO; batches that never expire last). */
    List<Batch> stocked(long warehouseId, long supplyTypeId) {
        return jdbc.sql("""
                select * from resource_batch where warehouse_id = :w and supply_type_id = :t and quantity > 0
                order by case when expires_on is null then 1 else 0 end, expires_on, id""")
                .param("w", warehouseId).param("t", supplyTypeId).query(StockRepository::batch).list();
    }

    Optional<Batch> batch(long warehouseId, long batchId) {
        return jdbc.sql("select * from resource_batch where warehouse_id = :w and id = :id")
                .param("w", warehouseId).param("id", batchId).query(StockRepository::batch).optional();
    }

    Optional<Batch> batch(long warehouseId, long supplyTypeId, String batchNo) {
        return jdbc.sql("select * from resource_batch where warehouse_id = :w and supply_type_id = :t and batch_no = :no")
                .param("w", warehouseId).param("t", supplyTypeId).param("no", batchNo).query(StockRepository::batch).optional();
    }

    long insertBatch(long warehouseId, long supplyTypeId, String batchNo, @Nullable LocalDate producedOn,
                     @Nullable LocalDate expiresOn, Instant at) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into resource_batch (warehouse_id, supply_type_id, batch_no, produced_on, expires_on, quantity, received_at)
                values (:w, :t, :no, :produced, :expires, 0, :at)""")
                .param("w", warehouseId).param("t", supplyTypeId).param("no", batchNo)
                .param("produced", producedOn == null ? null : Date.valueOf(producedOn))
                .param("expires", expiresOn == null ? null : Date.valueOf(expiresOn))
                .param("at", UtcTimestamps.of(at)).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /**
     * Moves a batch's balance by {@code delta} and records the movement with the balance it leaves. The update is
     * conditional on the balance staying at or above zero; false (nothing written) when it would not.
     */
    boolean move(Batch batch, Kind kind, BigDecimal delta, Context context) {
        int changed = jdbc.sql("update resource_batch set quantity = quantity + :delta where id = :id and quantity + :delta >= 0")
                .param("delta", delta).param("id", batch.id()).update();
        if (changed == 0) {
            return false;
        }
        BigDecimal after = jdbc.sql("select quantity from resource_batch where id = :id").param("id", batch.id())
                .query(BigDecimal.class).single();
        jdbc.sql("""
                insert into resource_movement (warehouse_id, batch_id, supply_type_id, kind, quantity, balance_after, reason,
                    destination, transfer_id, note, at, by_user)
                values (:w, :b, :t, :kind, :q, :after, :reason, :destination, :transfer, :note, :at, :by)""")
                .param("w", batch.warehouseId()).param("b", batch.id()).param("t", batch.supplyTypeId())
                .param("kind", kind.name()).param("q", delta).param("after", after).param("reason", context.reason())
                .param("destination", context.destination()).param("transfer", context.transferId())
                .param("note", context.note()).param("at", UtcTimestamps.of(context.at())).param("by", context.by())
                .update();
        return true;
    }

    PageOf<Movement> movements(long warehouseId, @Nullable Long supplyTypeId, int page, int size) {
        String where = " where m.warehouse_id = :w" + (supplyTypeId == null ? "" : " and m.supply_type_id = :t");
        var count = jdbc.sql("select count(*) from resource_movement m" + where).param("w", warehouseId);
        var select = jdbc.sql("""
                select m.*, b.batch_no, t.name as supply_name, t.unit,
                       coalesce((select u.display_name from app_user u where u.username = m.by_user), m.by_user) as by_name
                from resource_movement m
                join resource_batch b on b.id = m.batch_id join resource_supply_type t on t.id = m.supply_type_id"""
                + where + " order by m.id desc limit :limit offset :offset").param("w", warehouseId);
        if (supplyTypeId != null) {
            count.param("t", supplyTypeId);
            select.param("t", supplyTypeId);
        }
        List<Movement> content = select.param("limit", size).param("offset", (long) page * size).query((rs, n) -> new Movement(
                rs.getLong("id"), rs.getLong("warehouse_id"), rs.getLong("batch_id"), rs.getString("batch_no"),
                rs.getLong("supply_type_id"), rs.getString("supply_name"), rs.getString("unit"), Kind.valueOf(rs.getString("kind")),
                rs.getBigDecimal("quantity").stripTrailingZeros(), rs.getBigDecimal("balance_after").stripTrailingZeros(),
                rs.getString("reason"), rs.getString("destination"), (Long) rs.getObject("transfer_id", Long.class),
                rs.getString("note"), UtcTimestamps.read(rs, "at"), rs.getString("by_name"))).list();
        return PageOf.of(content, page, size, count.query(Long.class).single());
    }

    long insertTransfer(long from, long to, @Nullable String note, Instant at, String by) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into resource_transfer (from_warehouse_id, to_warehouse_id, state, note, sent_at, sent_by)
                values (:from, :to, 'IN_TRANSIT', :note, :at, :by)""")
                .param("from", from).param("to", to).param("note", note).param("at", UtcTimestamps.of(at)).param("by", by)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void insertTransferLine(long transferId, long batchId, BigDecimal quantity) {
        jdbc.sql("insert into resource_transfer_line (transfer_id, batch_id, quantity) values (:t, :b, :q)")
                .param("t", transferId).param("b", batchId).param("q", quantity).update();
    }

    /** People are shown by name: the login names the rows keep, resolved to the accounts' display names. */
    private static final String TRANSFER = """
            select r.*, coalesce((select u.display_name from app_user u where u.username = r.sent_by), r.sent_by) as sent_name,
                   coalesce((select u.display_name from app_user u where u.username = r.closed_by), r.closed_by) as closed_name
            from resource_transfer r""";

    Optional<Transfer> transfer(long id) {
        return jdbc.sql(TRANSFER + " where r.id = :id").param("id", id).query(StockRepository::transfer).optional();
    }

    /** The transfers that leave or reach a warehouse, newest first. */
    List<Transfer> transfersOf(long warehouseId, int limit) {
        return jdbc.sql(TRANSFER + " where r.from_warehouse_id = :w or r.to_warehouse_id = :w order by r.id desc limit :limit")
                .param("w", warehouseId).param("limit", limit)
                .query(StockRepository::transfer).list();
    }

    List<TransferLine> lines(long transferId) {
        return jdbc.sql("""
                select l.batch_id, l.quantity, b.supply_type_id, b.batch_no, b.produced_on, b.expires_on
                from resource_transfer_line l join resource_batch b on b.id = l.batch_id where l.transfer_id = :t order by l.batch_id""")
                .param("t", transferId).query((rs, n) -> new TransferLine(rs.getLong("batch_id"), rs.getLong("supply_type_id"),
                        rs.getString("batch_no"), date(rs, "produced_on"), date(rs, "expires_on"),
                        rs.getBigDecimal("quantity").stripTrailingZeros())).list();
    }

    /** Ends a transfer still in transit; false when another request ended it first. */
    boolean close(long transferId, String state, Instant at, String by) {
        return jdbc.sql("""
                update resource_transfer set state = :state, closed_at = :at, closed_by = :by
                where id = :id and state = 'IN_TRANSIT'""")
                .param("state", state).param("at", UtcTimestamps.of(at)).param("by", by).param("id", transferId).update() == 1;
    }

    private static Transfer transfer(ResultSet rs, int n) throws SQLException {
        return new Transfer(rs.getLong("id"), rs.getLong("from_warehouse_id"), rs.getLong("to_warehouse_id"), rs.getString("state"),
                rs.getString("note"), UtcTimestamps.read(rs, "sent_at"), rs.getString("sent_name"), UtcTimestamps.read(rs, "closed_at"),
                rs.getString("closed_name"));
    }

    private static Batch batch(ResultSet rs, int n) throws SQLException {
        return new Batch(rs.getLong("id"), rs.getLong("warehouse_id"), rs.getLong("supply_type_id"), rs.getString("batch_no"),
                date(rs, "produced_on"), date(rs, "expires_on"), rs.getBigDecimal("quantity").stripTrailingZeros(),
                UtcTimestamps.read(rs, "received_at"));
    }

    private static @Nullable LocalDate date(ResultSet rs, String column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}
