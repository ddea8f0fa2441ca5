package io.yingji.demo.internal;

import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.enterprise.EnterpriseSearch;
import io.yingji.enterprise.MajorHazardSources;
import io.yingji.enterprise.MajorHazardSources.Registered;
import io.yingji.enterprise.MajorHazardSources.Stored;
import io.yingji.enterprise.MapPoint;
import io.yingji.monitoring.DeviceCatalog;
import io.yingji.monitoring.DeviceType;
import io.yingji.shared.Industry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo city's major hazard sources (重大危险源): tank farms and stores of GB 18218-2018 table 1 chemicals at
 * Hangzhou's chemical plants, registered through the enterprise module as a bureau officer would, so S, R and
 * the grade come from the real assessment ({@code MajorHazardAssessment}); the plants' tank-level and gas
 * detectors are linked to the source they watch. The quantities are chosen to give the mix a city sees: one
 * 一级, two 二级, several 三级 and 四级, and one store under its threshold (S &lt; 1, not a major hazard source).
 * Run after {@link DemoDevices}, as the city's bureau.
 */
@Component
class DemoMajorHazards {

    /** One source to register: its name, people within 500 m, chemicals (GB 18218 code, tonnes). */
    record Planned(String name, int exposedPeople, List<Stored> chemicals) {
    }

    /** What was registered at one enterprise: the sources, and how many detectors now watch one. */
    record Loaded(int sources, int linkedDevices) {
    }

    private final MajorHazardSources sources;
    private final DeviceCatalog devices;
    private final EnterpriseRegistry enterprises;
    private final TransactionTemplate transactions;

    DemoMajorHazards(MajorHazardSources sources, DeviceCatalog devices, EnterpriseRegistry enterprises,
                     TransactionTemplate transactions) {
        this.sources = sources;
        this.devices = devices;
        this.enterprises = enterprises;
        this.transactions = transactions;
    }

    private static Stored t(String chemical, String tonnes) {
        return new Stored(chemical, new BigDecimal(tonnes));
    }

    /**
     * qiye's fine-chemicals plant by the canal: a methanol tank farm (S 2.4, R 4.8, 四级) and the liquid
     * ammonia store of its refrigeration (S 4, R 16, 三级), 120 people within 500 m (α 2.0).
     */
    static List<Planned> qiye() {
        return List.of(
                new Planned("甲醇储罐区（2号罐区）", 120, List.of(t("METHANOL", "1200"))),
                new Planned("液氨储存区（制冷站）", 120, List.of(t("AMMONIA", "40"))));
    }

    /** The other plants, in turn: a mix of grades. R = α · Σ β·q/Q; α from the people within 500 m. */
    static List<List<Planned>> others() {
        return List.of(
                // 氯 Q 5 t, β 4: 75 t → 15 × 4 = 60, α 2.0 → R 120: 一级
                List.of(new Planned("液氯储罐区", 150, List.of(t("CHLORINE", "75")))),
                // 苯 Q 50 t and 甲苯 Q 500 t, β 1: 24 + 6 = 30, α 2.0 → R 60: 二级
                List.of(new Planned("芳烃储罐区（苯、甲苯）", 110, List.of(t("BENZENE", "1200"), t("TOLUENE", "3000")))),
                // 环氧乙烷 Q 10 t, β 2: 150 t → 30, α 2.0 → R 60: 二级
                List.of(new Planned("环氧乙烷储罐区", 130, List.of(t("ETHYLENE_OXIDE", "150")))),
                // 汽油 Q 200 t, β 1: 3,000 t → 15, α 1.5 → R 22.5: 三级
                List.of(new Planned("汽油储罐区", 80, List.of(t("GASOLINE", "3000")))),
                // 液化石油气 Q 50 t, β 1.5: 300 t → 9, α 1.2 → R 10.8: 三级; 甲醇 800 t → S 1.6, α 1.2 → R 1.92: 四级
                List.of(new Planned("液化石油气球罐区", 40, List.of(t("LPG", "300"))),
                        new Planned("甲醇中间罐区", 40, List.of(t("METHANOL", "800")))),
                // 氨 Q 10 t, β 2: 60 t → 12, α 1.5 → R 18: 三级
                List.of(new Planned("合成氨储罐区", 60, List.of(t("AMMONIA", "60")))),
                // 丙酮 300 t + 乙醇 400 t, Q 500 t each, β 1: S 1.4, α 1.0 → R 1.4: 四级
                List.of(new Planned("溶剂库（丙酮、乙醇）", 20, List.of(t("ACETONE", "300"), t("ETHANOL", "400")))),
                // 甲苯 150 t: S 0.3 < 1 — identified, not a major hazard source
                List.of(new Planned("甲苯周转罐", 20, List.of(t("TOLUENE", "150")))));
    }

    /** Registers the sources and links the detectors; answers how many sources were registered. */
    int load(long qiyeEnterprise) {
        Integer count = transactions.execute(status -> {
            int registered = at(qiyeEnterprise, qiye()).sources();
            List<List<Planned>> plans = others();
            // the chemical plants with detectors (DemoDevices equips Hangzhou's first ones), in a stable order
            List<MapPoint> plants = enterprises.mapPoints(new EnterpriseSearch("330100", Industry.CHEMICAL, null, null)).stream()
                    .filter(p -> p.id() != qiyeEnterprise)
                    .filter(p -> !devices.ofEnterprise(p.id()).isEmpty())
                    .limit(plans.size())
                    .toList();
            for (int i = 0; i < plants.size(); i++) {
                registered += at(plants.get(i).id(), plans.get(i)).sources();
            }
            return registered;
        });
        return count == null ? 0 : count;
    }

    /**
     * Registers the plans at one enterprise and links its tank-level and gas detectors: a toxic-gas detector to
     * the source holding a toxic chemical where there is one, every other one to the first source.
     */
    private Loaded at(long enterprise, List<Planned> plans) {
        List<Registered> registered = new ArrayList<>();
        for (Planned plan : plans) {
            registered.add(sources.register(enterprise, plan.name(), plan.exposedPeople(), plan.chemicals()));
        }
        Registered toxic = null;
        for (int i = 0; i < plans.size(); i++) {
            if (plans.get(i).chemicals().stream().anyMatch(c -> c.chemical().equals("AMMONIA") || c.chemical().equals("CHLORINE"))) {
                toxic = registered.get(i);
            }
        }
        int linked = 0;
        for (DeviceCatalog.Listed device : devices.ofEnterprise(enterprise)) {
            Registered watched = switch (device.type()) {
                case TOXIC_GAS -> toxic != null ? toxic : registered.get(0);
                case COMBUSTIBLE_GAS, TANK_LEVEL -> registered.get(0);
                default -> null;
            };
            if (watched != null) {
                devices.watchHazardSource(device.id(), watched.id());
                linked++;
            }
        }
        return new Loaded(registered.size(), linked);
    }
}
