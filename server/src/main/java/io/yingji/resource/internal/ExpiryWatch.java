package io.yingji.resource.internal;

import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.access.ScopedQueries;
import io.yingji.identity.Recipients;
import io.yingji.jobs.JobLease;
import io.yingji.notification.Inbox;
import io.yingji.notification.Notice;
import io.yingji.shared.Industry;
import io.yingji.shared.RegionCode;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotation (轮换): batches holding stock whose expiry falls within their type's lead time. The workbench lists those of
 * the caller's scope ({@link #expiring}); once per batch a pass tells the warehouse's people through the inbox — the
 * resource officers placed at the warehouse's region and at its county (the bureau), and for an enterprise's reserve
 * the enterprise's accounts.
 */
@Component
class ExpiryWatch {

    private static final Logger log = LoggerFactory.getLogger(ExpiryWatch.class);
    private static final String JOB = "resource.expiry";

    /** A batch due for rotation, as the workbench lists it. */
    record Expiring(long batchId, long warehouseId, String warehouseName, String regionName, String supplyName, String unit,
                    String batchNo, LocalDate expiresOn, java.math.BigDecimal quantity, boolean expired) {
    }

    private final JdbcClient jdbc;
    private final ScopedQueries scoped;
    private final StockLedger ledger;
    private final Recipients recipients;
    private final Inbox inbox;
    private final JobLease lease;
    private final TransactionTemplate transactions;
    private final CallerContext callers;

    ExpiryWatch(JdbcClient jdbc, ScopedQueries scoped, StockLedger ledger, Recipients recipients, Inbox inbox, JobLease lease,
                TransactionTemplate transactions, CallerContext callers) {
        this.jdbc = jdbc;
        this.scoped = scoped;
        this.ledger = ledger;
        this.recipients = recipients;
        this.inbox = inbox;
        this.lease = lease;
        this.transactions = transactions;
        this.callers = callers;
    }

    /** The caller's batches due for rotation or already expired (with stock), earliest expiry first. */
    List<Expiring> expiring(int limit) {
        callers.requirePermission(Permissions.RESOURCE_READ);
        LocalDate today = ledger.today();
        return scoped.sql("""
                select b.id, b.warehouse_id, w.name as warehouse_name, r.name as region_name, t.name as supply_name, t.unit,
                       b.batch_no, b.expires_on, b.quantity, t.expiry_lead_days
                from resource_batch b join resource_warehouse w on w.id = b.warehouse_id
                join resource_supply_type t on t.id = b.supply_type_id join region r on r.code = w.region_code
                where {scope} and b.quantity > 0 and b.expires_on is not null and b.expires_on <= :horizon
                order by b.expires_on, b.id""", WarehouseRepository.COLUMNS)
                .param("horizon", Date.valueOf(horizon(today)))
                .query((rs, n) -> {
                    LocalDate expires = rs.getDate("expires_on").toLocalDate();
                    return due(expires, rs.getInt("expiry_lead_days"), today) ? new Expiring(rs.getLong("id"), rs.getLong("warehouse_id"),
                            rs.getString("warehouse_name"), rs.getString("region_name"), rs.getString("supply_name"), rs.getString("unit"),
                            rs.getString("batch_no"), expires, rs.getBigDecimal("quantity").stripTrailingZeros(), expires.isBefore(today)) : null;
                }).list().stream().filter(java.util.Objects::nonNull).limit(limit).toList();
    }

    /** Due for rotation: the expiry lies within the type's lead time (or has passed). */
    private static boolean due(LocalDate expires, int leadDays, LocalDate today) {
        return !expires.minusDays(leadDays).isAfter(today);
    }

    /** The latest expiry any type's lead time reaches from today (a prefilter; {@link #due} decides). */
    private LocalDate horizon(LocalDate today) {
        Integer longest = jdbc.sql("select max(expiry_lead_days) from resource_supply_type").query(Integer.class).single();
        return today.plusDays(longest == null ? 0 : longest);
    }

    @Scheduled(fixedDelayString = "${yingji.resource.expiry-interval:PT1H}",
            initialDelayString = "${yingji.resource.expiry-initial-delay:PT2M}")
    void scheduled() {
        run();
    }

    /** One pass; answers how many warehouses' people were told (0 when another instance holds the lease). */
    int run() {
        return lease.runExclusively(JOB, Duration.ofMinutes(10), this::pass, 0);
    }

    private record Due(long warehouseId, String warehouseName, String regionCode, @Nullable Long enterpriseId,
                       @Nullable String industry, List<Long> batches, LocalDate earliest) {
    }

    private int pass() {
        LocalDate today = ledger.today();
        Map<Long, Due> due = new LinkedHashMap<>();
        jdbc.sql("""
                select b.id, b.expires_on, t.expiry_lead_days, w.id as warehouse_id, w.name, w.region_code, w.enterprise_id, w.industry
                from resource_batch b join resource_warehouse w on w.id = b.warehouse_id
                join resource_supply_type t on t.id = b.supply_type_id
                where b.quantity > 0 and b.expiry_notified_on is null and b.expires_on is not null and b.expires_on <= :horizon
                order by w.id, b.expires_on""").param("horizon", Date.valueOf(horizon(today))).query(rs -> {
                    long warehouse = rs.getLong("warehouse_id");
                    LocalDate expires = rs.getDate("expires_on").toLocalDate();
                    if (!due(expires, rs.getInt("expiry_lead_days"), today)) {
                        return;
                    }
                    Due entry = due.computeIfAbsent(warehouse, id -> {
                        try {
                            return new Due(id, rs.getString("name"), rs.getString("region_code"),
                                    (Long) rs.getObject("enterprise_id", Long.class), rs.getString("industry"), new ArrayList<>(), expires);
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    entry.batches().add(rs.getLong("id"));
                });
        int told = 0;
        for (Due entry : due.values()) {
            Integer delivered = callers.runAsSystem(() -> transactions.execute(status -> tell(entry, today)));
            if (delivered != null && delivered > 0) {
                told++;
            }
        }
        if (!due.isEmpty()) {
            log.info("Told the people of {} warehouses about batches due for rotation", told);
        }
        return told;
    }

    private int tell(Due entry, LocalDate today) {
        // marked first: of two instances' passes (the lease aside) only the one that marks tells
        int marked = jdbc.sql("update resource_batch set expiry_notified_on = :today where id in (:ids) and expiry_notified_on is null")
                .param("today", Date.valueOf(today)).param("ids", entry.batches()).update();
        if (marked == 0) {
            return 0;
        }
        RegionCode region = RegionCode.of(entry.regionCode());
        Industry industry = entry.industry() == null ? null : Industry.valueOf(entry.industry());
        Set<Long> users = new LinkedHashSet<>(recipients.atRegion(region, Permissions.RESOURCE_WRITE, industry));
        if (region.level() > 3) {
            users.addAll(recipients.atRegion(RegionCode.of(region.value().substring(0, 6)), Permissions.RESOURCE_WRITE, industry));
        }
        if (entry.enterpriseId() != null) {
            users.addAll(recipients.ofEnterprise(entry.enterpriseId()));
        }
        return inbox.deliver(new Notice("resource.expiring", "notice.resource.expiring.title", "notice.resource.expiring.body",
                List.of(entry.warehouseName(), String.valueOf(marked), entry.earliest().toString()),
                "/resources/warehouses/" + entry.warehouseId()), users);
    }
}
