package io.yingji.resource.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The supplies catalogue: shared by every region (a tent is a tent everywhere), so not scoped. */
@Repository
class SupplyCatalogue {

    private final JdbcClient jdbc;

    SupplyCatalogue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<SupplyType> all() {
        Map<Long, List<SupplyType.KitItem>> items = new LinkedHashMap<>();
        jdbc.sql("""
                select k.kit_id, k.item_id, t.name, t.unit, k.quantity from resource_kit_item k
                join resource_supply_type t on t.id = k.item_id order by k.kit_id, t.code""")
                .query(rs -> {
                    items.computeIfAbsent(rs.getLong("kit_id"), id -> new ArrayList<>()).add(new SupplyType.KitItem(
                            rs.getLong("item_id"), rs.getString("name"), rs.getString("unit"), rs.getBigDecimal("quantity").stripTrailingZeros()));
                });
        return jdbc.sql("select * from resource_supply_type order by code")
                .query((rs, n) -> new SupplyType(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("unit"),
                        SupplyType.Category.valueOf(rs.getString("category")), rs.getBoolean("whole_units"),
                        (Integer) rs.getObject("shelf_life_days", Integer.class), rs.getInt("expiry_lead_days"), rs.getBoolean("kit"),
                        List.copyOf(items.getOrDefault(rs.getLong("id"), List.of()))))
                .list();
    }

    Optional<SupplyType> find(long id) {
        return all().stream().filter(t -> t.id() == id).findFirst();
    }

    /** Whether a quantity suits the type's unit: above zero, at most three decimals, whole where the unit is. */
    static boolean fits(SupplyType type, BigDecimal quantity) {
        BigDecimal stripped = quantity.stripTrailingZeros();
        return quantity.signum() > 0 && quantity.compareTo(new BigDecimal("1000000000")) < 0
                && stripped.scale() <= (type.wholeUnits() ? 0 : 3);
    }
}
