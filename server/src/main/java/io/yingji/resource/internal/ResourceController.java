package io.yingji.resource.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "应急资源 Emergency resources")
class ResourceController {

    private final SupplyCatalogue catalogue;
    private final Warehouses warehouses;
    private final StockLedger ledger;
    private final ExpiryWatch expiry;
    private final Teams teams;
    private final Shelters shelters;
    private final NearbyHelp nearby;
    private final CallerContext callers;

    ResourceController(SupplyCatalogue catalogue, Warehouses warehouses, StockLedger ledger, ExpiryWatch expiry, Teams teams,
                       Shelters shelters, NearbyHelp nearby, CallerContext callers) {
        this.catalogue = catalogue;
        this.warehouses = warehouses;
        this.ledger = ledger;
        this.expiry = expiry;
        this.teams = teams;
        this.shelters = shelters;
        this.nearby = nearby;
        this.callers = callers;
    }

    record StatusChange(@Nullable String status, @Nullable Integer version) {
    }

    record OccupancyChange(@Nullable Boolean open, @Nullable Integer occupancy, @Nullable Integer version) {
    }

    @GetMapping("/api/resources/nearby")
    @Operation(summary = "The nearest available help in scope (teams on standby with the capability, warehouses with enough "
            + "usable stock, open shelters with free places), with distance and an estimated arrival (straight line × detour factor)")
    NearbyHelp.Answer nearby(@RequestParam(required = false) @Nullable Double lon, @RequestParam(required = false) @Nullable Double lat,
                             @RequestParam(required = false) @Nullable String kind, @RequestParam(required = false) @Nullable String need,
                             @RequestParam(required = false) java.math.@Nullable BigDecimal quantity,
                             @RequestParam(defaultValue = "10") int limit) {
        return nearby.nearby(lon, lat, kind, need, quantity, limit);
    }

    @GetMapping("/api/resources/teams")
    @Operation(summary = "Rescue teams in scope")
    PageOf<RescueTeam> teams(@RequestParam(required = false) @Nullable String regionCode,
                             @RequestParam(required = false) @Nullable String status,
                             @RequestParam(required = false) @Nullable String capability,
                             @RequestParam(required = false) @Nullable String q,
                             @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return teams.search(new Teams.Search(regionCode, enumOf(RescueTeam.Status.class, status, "status", "resource.team.status.invalid"),
                enumOf(RescueTeam.Capability.class, capability, "capability", "resource.team.capability.invalid"), q), page, size);
    }

    @GetMapping("/api/resources/teams/{id}")
    @Operation(summary = "One rescue team with its members")
    RescueTeam team(@PathVariable long id) {
        return teams.find(id);
    }

    @PostMapping("/api/resources/teams")
    @Operation(summary = "Register a rescue team")
    ResponseEntity<RescueTeam> createTeam(@RequestBody RescueTeam.Draft draft) {
        RescueTeam created = teams.register(draft);
        return ResponseEntity.created(URI.create("/api/resources/teams/" + created.id())).body(created);
    }

    @PutMapping("/api/resources/teams/{id}")
    @Operation(summary = "Change a rescue team")
    RescueTeam updateTeam(@PathVariable long id, @RequestBody RescueTeam.Draft draft) {
        return teams.change(id, draft);
    }

    @PutMapping("/api/resources/teams/{id}/status")
    @Operation(summary = "Set a team's readiness (STANDBY 待命, DEPLOYED 出动中, RESTING 休整, UNAVAILABLE 不可用)")
    RescueTeam teamStatus(@PathVariable long id, @RequestBody StatusChange change) {
        return teams.setStatus(id, change.status(), change.version());
    }

    @GetMapping("/api/resources/shelters")
    @Operation(summary = "Shelters in scope")
    PageOf<Shelter> shelters(@RequestParam(required = false) @Nullable String regionCode,
                             @RequestParam(required = false) @Nullable Boolean open,
                             @RequestParam(required = false) @Nullable String q,
                             @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return shelters.search(new Shelters.Search(regionCode, open, q), page, size);
    }

    @GetMapping("/api/resources/shelters/{id}")
    @Operation(summary = "One shelter")
    Shelter shelter(@PathVariable long id) {
        return shelters.find(id);
    }

    @PostMapping("/api/resources/shelters")
    @Operation(summary = "Register a shelter")
    ResponseEntity<Shelter> createShelter(@RequestBody Shelter.Draft draft) {
        Shelter created = shelters.register(draft);
        return ResponseEntity.created(URI.create("/api/resources/shelters/" + created.id())).body(created);
    }

    @PutMapping("/api/resources/shelters/{id}")
    @Operation(summary = "Change a shelter")
    Shelter updateShelter(@PathVariable long id, @RequestBody Shelter.Draft draft) {
        return shelters.change(id, draft);
    }

    @PutMapping("/api/resources/shelters/{id}/occupancy")
    @Operation(summary = "Open or close a shelter and set how many people it holds now")
    Shelter occupancy(@PathVariable long id, @RequestBody OccupancyChange change) {
        return shelters.occupancy(id, change.open(), change.occupancy(), change.version());
    }

    @GetMapping("/api/resources/expiring")
    @Operation(summary = "Batches in scope due for rotation (within their type's lead time) or expired, earliest first")
    List<ExpiryWatch.Expiring> expiring(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > PageOf.MAX_SIZE) {
            throw Problem.invalid("limit", "problem.size.range", PageOf.MAX_SIZE);
        }
        return expiry.expiring(limit);
    }

    @GetMapping("/api/resources/supply-types")
    @Operation(summary = "The supplies catalogue (应急物资目录): GB/T 38565-2020 categories, units, shelf lives and kits")
    List<SupplyType> supplyTypes() {
        callers.requirePermission(Permissions.RESOURCE_READ);
        return catalogue.all();
    }

    @GetMapping("/api/resources/warehouses")
    @Operation(summary = "Warehouses and reserve points in scope, city level first")
    PageOf<Warehouse> list(@RequestParam(required = false) @Nullable String regionCode,
                           @RequestParam(required = false) @Nullable String level,
                           @RequestParam(required = false) @Nullable String ownership,
                           @RequestParam(required = false) @Nullable String q,
                           @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return warehouses.search(new WarehouseRepository.Search(regionCode,
                enumOf(Warehouse.Level.class, level, "level", "resource.warehouse.level.invalid"),
                enumOf(Warehouse.Ownership.class, ownership, "ownership", "resource.warehouse.ownership.invalid"), q), page, size);
    }

    @GetMapping("/api/resources/warehouses/{id}")
    @Operation(summary = "One warehouse")
    Warehouse get(@PathVariable long id) {
        return warehouses.find(id);
    }

    @PostMapping("/api/resources/warehouses")
    @Operation(summary = "Register a warehouse or reserve point")
    ResponseEntity<Warehouse> create(@RequestBody WarehouseDraft draft) {
        Warehouse created = warehouses.register(draft);
        return ResponseEntity.created(URI.create("/api/resources/warehouses/" + created.id())).body(created);
    }

    @PutMapping("/api/resources/warehouses/{id}")
    @Operation(summary = "Change a warehouse's description (its stock changes only through movements)")
    Warehouse update(@PathVariable long id, @RequestBody WarehouseDraft draft) {
        return warehouses.change(id, draft);
    }

    @GetMapping("/api/resources/warehouses/{id}/stock")
    @Operation(summary = "The warehouse's stock by batch (usable, nearing expiry, expired) and per supply type")
    StockLedger.Stock stock(@PathVariable long id) {
        return ledger.stockOf(id);
    }

    @GetMapping("/api/resources/warehouses/{id}/movements")
    @Operation(summary = "The warehouse's movements (入库, 出库, 调拨, 盘点, 报废), newest first")
    PageOf<StockRepository.Movement> movements(@PathVariable long id, @RequestParam(required = false) @Nullable Long supplyTypeId,
                                               @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return ledger.movements(id, supplyTypeId, page, size);
    }

    @PostMapping("/api/resources/warehouses/{id}/receipts")
    @Operation(summary = "入库: receive a batch (purchase, donation, transfer from outside)")
    StockLedger.Booked receive(@PathVariable long id, @RequestBody StockLedger.Receipt receipt) {
        return ledger.receive(id, receipt);
    }

    @PostMapping("/api/resources/warehouses/{id}/issues")
    @Operation(summary = "出库: issue to an incident or a place, earliest-expiring usable batch first unless one is named")
    StockLedger.Booked issue(@PathVariable long id, @RequestBody StockLedger.Issue issue) {
        return ledger.issue(id, issue);
    }

    @PostMapping("/api/resources/warehouses/{id}/write-offs")
    @Operation(summary = "报废: write off part or all of a batch (expired, damaged, lost)")
    StockLedger.Booked writeOff(@PathVariable long id, @RequestBody StockLedger.WriteOff writeOff) {
        return ledger.writeOff(id, writeOff);
    }

    @PostMapping("/api/resources/warehouses/{id}/stocktakes")
    @Operation(summary = "盘点: counted against book per batch; each difference becomes a movement")
    List<StockLedger.StocktakeLine> stocktake(@PathVariable long id, @RequestBody StockLedger.Stocktake stocktake) {
        return ledger.stocktake(id, stocktake);
    }

    @GetMapping("/api/resources/warehouses/{id}/transfers")
    @Operation(summary = "Transfers leaving or reaching the warehouse, newest first")
    List<StockLedger.TransferView> transfersOf(@PathVariable long id) {
        return ledger.transfersOf(id);
    }

    @PostMapping("/api/resources/transfers")
    @Operation(summary = "调拨: send stock from one warehouse to another; in transit until received or returned")
    ResponseEntity<StockLedger.TransferView> send(@RequestBody StockLedger.TransferOrder order) {
        StockLedger.TransferView sent = ledger.send(order);
        return ResponseEntity.created(URI.create("/api/resources/transfers/" + sent.id())).body(sent);
    }

    @GetMapping("/api/resources/transfers/{id}")
    @Operation(summary = "One transfer")
    StockLedger.TransferView transfer(@PathVariable long id) {
        return ledger.transfer(id);
    }

    @PostMapping("/api/resources/transfers/{id}/receive")
    @Operation(summary = "The receiving warehouse takes a transfer in")
    StockLedger.TransferView receiveTransfer(@PathVariable long id) {
        return ledger.receive(id);
    }

    @PostMapping("/api/resources/transfers/{id}/cancel")
    @Operation(summary = "The sender calls a transfer back before it is received; the units return")
    StockLedger.TransferView cancelTransfer(@PathVariable long id) {
        return ledger.cancel(id);
    }

    private static <E extends Enum<E>> @Nullable E enumOf(Class<E> type, @Nullable String value, String field, String key) {
        if (value == null || value.isBlank()) {
            return null;
        }
        java.util.List<Problem.FieldProblem> problems = new java.util.ArrayList<>();
        E parsed = Warehouses.parse(type, value, field, key, problems);
        if (parsed == null) {
            throw Problem.invalid(problems);
        }
        return parsed;
    }
}
