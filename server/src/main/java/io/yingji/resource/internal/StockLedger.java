package io.yingji.resource.internal;

import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.audit.AuditTrail;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stock ledger (库存台账). Stock is never edited: a receipt, issue, transfer, stocktake or write-off is one
 * movement per batch it touches, written with the balance it leaves. Every change locks its warehouse first (both
 * warehouses of a transfer, lower id first), so two officers issuing the same last units one moment apart are served
 * one after the other and the second is told what is left; the balance's check constraint is the last guard.
 * Issues take the earliest-expiring usable batch first (FEFO) unless a batch is named; expired batches are never
 * issued or sent. Days are Asia/Shanghai days.
 */
@Service
class StockLedger {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** A batch as its warehouse shows it: what it is, its balance and whether it is still usable. */
    record StockBatch(long id, long supplyTypeId, String supplyCode, String supplyName, String unit, String batchNo,
                      @Nullable LocalDate producedOn, @Nullable LocalDate expiresOn, BigDecimal quantity, State state) {
    }

    /** USABLE, NEARING_EXPIRY (within the type's lead time: due for rotation), EXPIRED (past its expiry date). */
    enum State { USABLE, NEARING_EXPIRY, EXPIRED }

    /** A warehouse's stock: its batches and per supply type the usable and expired totals. */
    record Stock(long warehouseId, List<StockBatch> batches, List<TypeTotal> totals) {
    }

    record TypeTotal(long supplyTypeId, String supplyName, String unit, BigDecimal usable, BigDecimal nearingExpiry,
                     BigDecimal expired) {
    }

    record Receipt(@Nullable Long supplyTypeId, @Nullable String batchNo, @Nullable LocalDate producedOn,
                   @Nullable LocalDate expiresOn, @Nullable BigDecimal quantity, @Nullable String source, @Nullable String note) {
    }

    record Issue(@Nullable Long supplyTypeId, @Nullable BigDecimal quantity, @Nullable Long batchId,
                 @Nullable String destination, @Nullable String note) {
    }

    record WriteOff(@Nullable Long batchId, @Nullable BigDecimal quantity, @Nullable String reason, @Nullable String note) {
    }

    record Count(@Nullable Long batchId, @Nullable BigDecimal counted, @Nullable String note) {
    }

    record Stocktake(@Nullable List<Count> lines, @Nullable String note) {
    }

    record TransferOrder(@Nullable Long fromWarehouseId, @Nullable Long toWarehouseId, @Nullable Long supplyTypeId,
                         @Nullable BigDecimal quantity, @Nullable Long batchId, @Nullable String note) {
    }

    /** What a ledger change did: the movements it wrote, each with the balance it left. */
    record Booked(long warehouseId, List<Line> lines) {
    }

    record Line(long batchId, String batchNo, BigDecimal quantity, BigDecimal balanceAfter) {
    }

    record StocktakeLine(long batchId, String batchNo, BigDecimal book, BigDecimal counted, BigDecimal difference) {
    }

    record TransferView(long id, long fromWarehouseId, String fromWarehouseName, long toWarehouseId, String toWarehouseName,
                        String state, @Nullable String note, java.time.Instant sentAt, String sentBy,
                        java.time.@Nullable Instant closedAt, @Nullable String closedBy, List<StockRepository.TransferLine> lines) {
    }

    enum Source { PURCHASE, DONATION, TRANSFER }

    enum Reason { EXPIRED, DAMAGED, LOST }

    private final WarehouseRepository warehouses;
    private final StockRepository stock;
    private final SupplyCatalogue catalogue;
    private final CallerContext callers;
    private final AuditTrail audit;
    private final Clock clock;

    StockLedger(WarehouseRepository warehouses, StockRepository stock, SupplyCatalogue catalogue, CallerContext callers,
                AuditTrail audit, Clock clock) {
        this.warehouses = warehouses;
        this.stock = stock;
        this.catalogue = catalogue;
        this.callers = callers;
        this.audit = audit;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), SHANGHAI);
    }

    @Transactional(readOnly = true)
    Stock stockOf(long warehouseId) {
        callers.requirePermission(Permissions.RESOURCE_READ);
        Warehouse warehouse = warehouses.findVisible(warehouseId).orElseThrow(() -> Problem.notFound("warehouse", warehouseId));
        Map<Long, SupplyType> types = types();
        LocalDate today = today();
        List<StockBatch> batches = new ArrayList<>();
        Map<Long, BigDecimal[]> sums = new LinkedHashMap<>();
        for (StockRepository.Batch b : stock.batches(warehouse.id())) {
            SupplyType type = types.get(b.supplyTypeId());
            State state = state(type, b, today);
            batches.add(new StockBatch(b.id(), type.id(), type.code(), type.name(), type.unit(), b.batchNo(), b.producedOn(),
                    b.expiresOn(), b.quantity(), state));
            BigDecimal[] sum = sums.computeIfAbsent(type.id(), id -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            sum[state.ordinal()] = sum[state.ordinal()].add(b.quantity());
        }
        List<TypeTotal> totals = new ArrayList<>();
        sums.forEach((id, sum) -> {
            SupplyType type = types.get(id);
            // usable counts what may still be issued: nearing expiry is usable too
            totals.add(new TypeTotal(id, type.name(), type.unit(), sum[0].add(sum[1]).stripTrailingZeros(),
                    sum[1].stripTrailingZeros(), sum[2].stripTrailingZeros()));
        });
        return new Stock(warehouse.id(), batches, totals);
    }

    @Transactional(readOnly = true)
    PageOf<StockRepository.Movement> movements(long warehouseId, @Nullable Long supplyTypeId, int page, int size) {
        callers.requirePermission(Permissions.RESOURCE_READ);
        PageOf.check(page, size);
        Warehouse warehouse = warehouses.findVisible(warehouseId).orElseThrow(() -> Problem.notFound("warehouse", warehouseId));
        return stock.movements(warehouse.id(), supplyTypeId, page, size);
    }

    /** 入库: into the batch of that number (its dates must agree) or a new one. */
    @Transactional
    Booked receive(long warehouseId, Receipt r) {
        Warehouse warehouse = writable(warehouseId);
        List<FieldProblem> problems = new ArrayList<>();
        SupplyType type = type(r.supplyTypeId(), problems);
        String batchNo = Warehouses.text(r.batchNo(), "batchNo", 64, true, problems);
        BigDecimal quantity = quantity(type, r.quantity(), "quantity", problems);
        Source source = Warehouses.parse(Source.class, r.source(), "source", "resource.receipt.source.invalid", problems);
        String note = Warehouses.text(r.note(), "note", 512, false, problems);
        LocalDate today = today();
        LocalDate expires = r.expiresOn();
        if (r.producedOn() != null && r.producedOn().isAfter(today)) {
            problems.add(new FieldProblem("producedOn", "resource.receipt.produced.future"));
        }
        if (expires == null && type != null && type.shelfLifeDays() != null && r.producedOn() != null) {
            expires = r.producedOn().plusDays(type.shelfLifeDays());
        }
        if (expires != null && r.producedOn() != null && expires.isBefore(r.producedOn())) {
            problems.add(new FieldProblem("expiresOn", "resource.receipt.expiry.before-production"));
        } else if (expires != null && expires.isBefore(today)) {
            problems.add(new FieldProblem("expiresOn", "resource.receipt.expired"));
        }
        if (type != null && type.shelfLifeDays() != null && expires == null) {
            problems.add(new FieldProblem("expiresOn", "resource.receipt.expiry.required", type.name()));
        }
        StockRepository.Batch batch = null;
        if (type != null && batchNo != null) {
            batch = stock.batch(warehouse.id(), type.id(), batchNo).orElse(null);
            if (batch != null && (!Objects.equals(batch.producedOn(), r.producedOn()) || !Objects.equals(batch.expiresOn(), expires))) {
                problems.add(new FieldProblem("batchNo", "resource.receipt.batch.dates", batchNo));
            }
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        if (batch == null) {
            long id = stock.insertBatch(warehouse.id(), type.id(), batchNo, r.producedOn(), expires, clock.instant());
            batch = stock.batch(warehouse.id(), id).orElseThrow();
        }
        Line line = move(batch, StockRepository.Kind.RECEIPT, quantity, context(source.name(), null, null, note));
        audit.record("stock.receive", "resource_warehouse", String.valueOf(warehouse.id()), warehouse.regionCode(), Map.of(
                "supplyTypeId", type.id(), "batchNo", batchNo, "quantity", quantity.toPlainString(), "source", source.name()));
        return new Booked(warehouse.id(), List.of(line));
    }

    /** 出库: from the named batch, or from the earliest-expiring usable batches first (FEFO). */
    @Transactional
    Booked issue(long warehouseId, Issue i) {
        Warehouse warehouse = writable(warehouseId);
        List<FieldProblem> problems = new ArrayList<>();
        SupplyType type = type(i.supplyTypeId(), problems);
        BigDecimal quantity = quantity(type, i.quantity(), "quantity", problems);
        String destination = Warehouses.text(i.destination(), "destination", 256, true, problems);
        String note = Warehouses.text(i.note(), "note", 512, false, problems);
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        List<Line> lines = take(warehouse, type, quantity, i.batchId(), StockRepository.Kind.ISSUE,
                context(null, destination, null, note));
        audit.record("stock.issue", "resource_warehouse", String.valueOf(warehouse.id()), warehouse.regionCode(), Map.of(
                "supplyTypeId", type.id(), "quantity", quantity.toPlainString(), "destination", destination));
        return new Booked(warehouse.id(), lines);
    }

    /** 报废: part or all of one batch, for a reason. */
    @Transactional
    Booked writeOff(long warehouseId, WriteOff w) {
        Warehouse warehouse = writable(warehouseId);
        List<FieldProblem> problems = new ArrayList<>();
        StockRepository.Batch batch = batchOf(warehouse, w.batchId(), "batchId", problems);
        SupplyType type = batch == null ? null : types().get(batch.supplyTypeId());
        BigDecimal quantity = quantity(type, w.quantity(), "quantity", problems);
        Reason reason = Warehouses.parse(Reason.class, w.reason(), "reason", "resource.write-off.reason.invalid", problems);
        String note = Warehouses.text(w.note(), "note", 512, false, problems);
        if (batch != null && quantity != null && quantity.compareTo(batch.quantity()) > 0) {
            problems.add(new FieldProblem("quantity", "resource.stock.batch-short", batch.batchNo(), plain(batch.quantity()), type.unit()));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        Line line = move(batch, StockRepository.Kind.WRITE_OFF, quantity.negate(), context(reason.name(), null, null, note));
        audit.record("stock.write-off", "resource_warehouse", String.valueOf(warehouse.id()), warehouse.regionCode(), Map.of(
                "supplyTypeId", type.id(), "batchNo", batch.batchNo(), "quantity", quantity.toPlainString(), "reason", reason.name()));
        return new Booked(warehouse.id(), List.of(line));
    }

    /** 盘点: counted against book per batch; each difference is a movement (reason COUNTED). */
    @Transactional
    List<StocktakeLine> stocktake(long warehouseId, Stocktake s) {
        Warehouse warehouse = writable(warehouseId);
        List<FieldProblem> problems = new ArrayList<>();
        String note = Warehouses.text(s.note(), "note", 512, false, problems);
        if (s.lines() == null || s.lines().isEmpty()) {
            problems.add(new FieldProblem("lines", "resource.stocktake.lines.required"));
        }
        List<StockRepository.Batch> batches = new ArrayList<>();
        List<BigDecimal> counted = new ArrayList<>();
        Map<Long, SupplyType> types = types();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        List<Count> lines = s.lines() == null ? List.of() : s.lines();
        for (int n = 0; n < lines.size(); n++) {
            Count count = lines.get(n);
            String field = "lines[" + n + "]";
            StockRepository.Batch batch = batchOf(warehouse, count.batchId(), field + ".batchId", problems);
            if (batch != null && !seen.add(batch.id())) {
                problems.add(new FieldProblem(field + ".batchId", "resource.stocktake.batch.twice", batch.batchNo()));
            }
            BigDecimal value = count.counted();
            if (value == null || value.signum() < 0 || value.compareTo(new BigDecimal("1000000000")) >= 0
                    || batch != null && value.stripTrailingZeros().scale() > (types.get(batch.supplyTypeId()).wholeUnits() ? 0 : 3)) {
                problems.add(new FieldProblem(field + ".counted", "resource.stocktake.counted.invalid"));
            }
            batches.add(batch);
            counted.add(value);
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        List<StocktakeLine> result = new ArrayList<>();
        for (int n = 0; n < batches.size(); n++) {
            StockRepository.Batch batch = batches.get(n);
            BigDecimal difference = counted.get(n).subtract(batch.quantity());
            if (difference.signum() != 0) {
                String lineNote = Warehouses.text(lines.get(n).note(), "note", 512, false, new ArrayList<>());
                move(batch, StockRepository.Kind.STOCKTAKE, difference, context("COUNTED", null, null, lineNote != null ? lineNote : note));
            }
            result.add(new StocktakeLine(batch.id(), batch.batchNo(), batch.quantity(), counted.get(n).stripTrailingZeros(),
                    difference.stripTrailingZeros()));
        }
        audit.record("stock.stocktake", "resource_warehouse", String.valueOf(warehouse.id()), warehouse.regionCode(), Map.of(
                "batches", result.size(), "differences", result.stream().filter(l -> l.difference().signum() != 0).count()));
        return result;
    }

    /** 调拨: sent from one warehouse (FEFO unless a batch is named), in transit until received or returned. */
    @Transactional
    TransferView send(TransferOrder t) {
        requireWrite();
        List<FieldProblem> problems = new ArrayList<>();
        if (t.fromWarehouseId() == null) {
            problems.add(new FieldProblem("fromWarehouseId", "resource.transfer.from.required"));
        }
        if (t.toWarehouseId() == null) {
            problems.add(new FieldProblem("toWarehouseId", "resource.transfer.to.required"));
        } else if (t.toWarehouseId().equals(t.fromWarehouseId())) {
            problems.add(new FieldProblem("toWarehouseId", "resource.transfer.same"));
        }
        SupplyType type = type(t.supplyTypeId(), problems);
        BigDecimal quantity = quantity(type, t.quantity(), "quantity", problems);
        String note = Warehouses.text(t.note(), "note", 512, false, problems);
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        long fromId = t.fromWarehouseId();
        long toId = t.toWarehouseId();
        // both ends locked, lower id first, so that crossing transfers never wait on each other
        Warehouse first = lock(Math.min(fromId, toId));
        Warehouse second = lock(Math.max(fromId, toId));
        Warehouse from = first.id() == fromId ? first : second;
        Warehouse to = first.id() == toId ? first : second;
        requireWrite();
        String by = callers.require().username();
        long transferId = stock.insertTransfer(from.id(), to.id(), note, clock.instant(), by);
        List<Line> lines = take(from, type, quantity, t.batchId(), StockRepository.Kind.TRANSFER_OUT,
                context(null, to.name(), transferId, note));
        for (Line line : lines) {
            stock.insertTransferLine(transferId, line.batchId(), line.quantity().negate());
        }
        audit.record("stock.transfer.send", "resource_transfer", String.valueOf(transferId), from.regionCode(), Map.of(
                "fromWarehouseId", from.id(), "toWarehouseId", to.id(), "supplyTypeId", type.id(), "quantity", quantity.toPlainString()));
        return view(stock.transfer(transferId).orElseThrow());
    }

    /** The receiving warehouse takes a transfer in: each line into the batch of the same number, made if new. */
    @Transactional
    TransferView receive(long transferId) {
        StockRepository.Transfer transfer = visibleTransfer(transferId);
        lockBoth(transfer);
        Warehouse to = warehouses.findVisible(transfer.toWarehouseId()).orElseThrow(() -> Problem.outOfScope("transfer", transferId));
        requireWrite();
        String by = callers.require().username();
        if (!stock.close(transferId, "RECEIVED", clock.instant(), by)) {
            throw Problem.conflict("resource.transfer.closed");
        }
        String fromName = warehouses.nameOf(transfer.fromWarehouseId()).orElse("");
        for (StockRepository.TransferLine line : stock.lines(transferId)) {
            StockRepository.Batch target = stock.batch(to.id(), line.supplyTypeId(), line.batchNo()).orElse(null);
            if (target == null) {
                long id = stock.insertBatch(to.id(), line.supplyTypeId(), line.batchNo(), line.producedOn(), line.expiresOn(), clock.instant());
                target = stock.batch(to.id(), id).orElseThrow();
            }
            move(target, StockRepository.Kind.TRANSFER_IN, line.quantity(), context(null, fromName, transferId, null));
        }
        audit.record("stock.transfer.receive", "resource_transfer", String.valueOf(transferId), to.regionCode(), Map.of(
                "fromWarehouseId", transfer.fromWarehouseId(), "toWarehouseId", to.id()));
        return view(stock.transfer(transferId).orElseThrow());
    }

    /** The sender calls a transfer back before it is received: every unit returns to the batch it left. */
    @Transactional
    TransferView cancel(long transferId) {
        StockRepository.Transfer transfer = visibleTransfer(transferId);
        lockBoth(transfer);
        Warehouse from = warehouses.findVisible(transfer.fromWarehouseId()).orElseThrow(() -> Problem.outOfScope("transfer", transferId));
        requireWrite();
        String by = callers.require().username();
        if (!stock.close(transferId, "RETURNED", clock.instant(), by)) {
            throw Problem.conflict("resource.transfer.closed");
        }
        String toName = warehouses.nameOf(transfer.toWarehouseId()).orElse("");
        for (StockRepository.TransferLine line : stock.lines(transferId)) {
            StockRepository.Batch source = stock.batch(from.id(), line.batchId()).orElseThrow();
            move(source, StockRepository.Kind.TRANSFER_RETURN, line.quantity(), context(null, toName, transferId, null));
        }
        audit.record("stock.transfer.cancel", "resource_transfer", String.valueOf(transferId), from.regionCode(), Map.of(
                "fromWarehouseId", from.id(), "toWarehouseId", transfer.toWarehouseId()));
        return view(stock.transfer(transferId).orElseThrow());
    }

    /** Both ends of a transfer locked, lower id first, so that crossing transfers never wait on each other. */
    private void lockBoth(StockRepository.Transfer transfer) {
        warehouses.lock(Math.min(transfer.fromWarehouseId(), transfer.toWarehouseId()));
        warehouses.lock(Math.max(transfer.fromWarehouseId(), transfer.toWarehouseId()));
    }

    @Transactional(readOnly = true)
    TransferView transfer(long transferId) {
        callers.requirePermission(Permissions.RESOURCE_READ);
        return view(visibleTransfer(transferId));
    }

    @Transactional(readOnly = true)
    List<TransferView> transfersOf(long warehouseId) {
        callers.requirePermission(Permissions.RESOURCE_READ);
        Warehouse warehouse = warehouses.findVisible(warehouseId).orElseThrow(() -> Problem.notFound("warehouse", warehouseId));
        List<TransferView> views = new ArrayList<>();
        for (StockRepository.Transfer t : stock.transfersOf(warehouse.id(), 50)) {
            views.add(view(t));
        }
        return views;
    }

    /** A transfer is known to whoever sees either end. */
    private StockRepository.Transfer visibleTransfer(long transferId) {
        StockRepository.Transfer transfer = stock.transfer(transferId).orElseThrow(() -> Problem.notFound("transfer", transferId));
        if (warehouses.findVisible(transfer.fromWarehouseId()).isEmpty() && warehouses.findVisible(transfer.toWarehouseId()).isEmpty()) {
            throw Problem.notFound("transfer", transferId);
        }
        return transfer;
    }

    private TransferView view(StockRepository.Transfer t) {
        return new TransferView(t.id(), t.fromWarehouseId(), warehouses.nameOf(t.fromWarehouseId()).orElse(""), t.toWarehouseId(),
                warehouses.nameOf(t.toWarehouseId()).orElse(""), t.state(), t.note(), t.sentAt(), t.sentBy(), t.closedAt(),
                t.closedBy(), stock.lines(t.id()));
    }

    /**
     * Takes {@code quantity} from the named batch or FEFO across the usable batches, one movement per batch; refuses
     * (nothing written) when there is not enough usable stock.
     */
    private List<Line> take(Warehouse warehouse, SupplyType type, BigDecimal quantity, @Nullable Long batchId,
                            StockRepository.Kind kind, StockRepository.Context context) {
        LocalDate today = today();
        List<StockRepository.Batch> candidates;
        if (batchId != null) {
            StockRepository.Batch named = stock.batch(warehouse.id(), batchId)
                    .filter(b -> b.supplyTypeId() == type.id())
                    .orElseThrow(() -> Problem.invalid("batchId", "resource.stock.batch.unknown", String.valueOf(batchId)));
            if (state(type, named, today) == State.EXPIRED) {
                throw Problem.invalid("batchId", "resource.stock.batch.expired", named.batchNo(), String.valueOf(named.expiresOn()));
            }
            candidates = List.of(named);
        } else {
            candidates = stock.stocked(warehouse.id(), type.id()).stream().filter(b -> state(type, b, today) != State.EXPIRED).toList();
        }
        BigDecimal available = candidates.stream().map(StockRepository.Batch::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (available.compareTo(quantity) < 0) {
            throw Problem.conflict("resource.stock.short", type.name(), plain(available), type.unit(), plain(quantity));
        }
        List<Line> lines = new ArrayList<>();
        BigDecimal left = quantity;
        for (StockRepository.Batch batch : candidates) {
            if (left.signum() == 0) {
                break;
            }
            BigDecimal part = batch.quantity().min(left);
            if (part.signum() > 0) {
                lines.add(move(batch, kind, part.negate(), context));
                left = left.subtract(part);
            }
        }
        return lines;
    }

    private Line move(StockRepository.Batch batch, StockRepository.Kind kind, BigDecimal delta, StockRepository.Context context) {
        if (!stock.move(batch, kind, delta, context)) {
            // the warehouse lock makes this unreachable; should it happen, the transaction ends with nothing written
            throw Problem.conflict("resource.stock.changed");
        }
        BigDecimal after = stock.batch(batch.warehouseId(), batch.id()).orElseThrow().quantity();
        return new Line(batch.id(), batch.batchNo(), delta.stripTrailingZeros(), after);
    }

    private StockRepository.Context context(@Nullable String reason, @Nullable String destination, @Nullable Long transferId,
                                            @Nullable String note) {
        return new StockRepository.Context(reason, destination, transferId, note, clock.instant(), callers.require().username());
    }

    private Warehouse writable(long warehouseId) {
        Warehouse warehouse = lock(warehouseId);
        requireWrite();
        return warehouse;
    }

    private Warehouse lock(long warehouseId) {
        return warehouses.lockVisible(warehouseId).orElseThrow(() -> Problem.outOfScope("warehouse", warehouseId));
    }

    private void requireWrite() {
        if (!callers.isSystem()) {
            callers.requirePermission(Permissions.RESOURCE_WRITE);
        }
    }

    private Map<Long, SupplyType> types() {
        Map<Long, SupplyType> types = new LinkedHashMap<>();
        for (SupplyType type : catalogue.all()) {
            types.put(type.id(), type);
        }
        return types;
    }

    private @Nullable SupplyType type(@Nullable Long id, List<FieldProblem> problems) {
        SupplyType type = id == null ? null : catalogue.find(id).orElse(null);
        if (type == null) {
            problems.add(new FieldProblem("supplyTypeId", "resource.supply-type.unknown", String.valueOf(id)));
        } else if (type.kit()) {
            problems.add(new FieldProblem("supplyTypeId", "resource.supply-type.kit", type.name()));
        }
        return type;
    }

    private StockRepository.@Nullable Batch batchOf(Warehouse warehouse, @Nullable Long batchId, String field, List<FieldProblem> problems) {
        StockRepository.Batch batch = batchId == null ? null : stock.batch(warehouse.id(), batchId).orElse(null);
        if (batch == null) {
            problems.add(new FieldProblem(field, "resource.stock.batch.unknown", String.valueOf(batchId)));
        }
        return batch;
    }

    private static @Nullable BigDecimal quantity(@Nullable SupplyType type, @Nullable BigDecimal quantity, String field,
                                                 List<FieldProblem> problems) {
        if (quantity == null) {
            problems.add(new FieldProblem(field, "resource.quantity.required"));
            return null;
        }
        if (type != null && !SupplyCatalogue.fits(type, quantity)) {
            problems.add(new FieldProblem(field, type.wholeUnits() ? "resource.quantity.whole" : "resource.quantity.invalid", type.unit()));
            return null;
        }
        if (type == null && quantity.signum() <= 0) {
            problems.add(new FieldProblem(field, "resource.quantity.invalid", ""));
            return null;
        }
        return quantity;
    }

    static State state(SupplyType type, StockRepository.Batch batch, LocalDate today) {
        if (batch.expiresOn() == null) {
            return State.USABLE;
        }
        if (batch.expiresOn().isBefore(today)) {
            return State.EXPIRED;
        }
        return batch.expiresOn().minusDays(type.expiryLeadDays()).isAfter(today) ? State.USABLE : State.NEARING_EXPIRY;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
