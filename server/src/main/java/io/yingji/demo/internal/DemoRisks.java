package io.yingji.demo.internal;

import io.yingji.enterprise.Enterprise;
import io.yingji.risk.RiskPointDraft;
import io.yingji.risk.RiskRegister;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Risk points of the demo city: typical points per industry, assessed mostly 蓝/黄 with some 橙 and
 * a few 红, as a district's register looks. Deterministic.
 */
final class DemoRisks {

    private static final Map<String, String[]> POINTS = Map.of(
            "CHEMICAL", new String[] {"储罐区", "反应釜", "装卸作业", "危化品仓库", "动火作业", "受限空间作业"},
            "CONSTRUCTION", new String[] {"深基坑", "高支模", "塔式起重机", "脚手架", "临时用电"},
            "MANUFACTURING", new String[] {"冲压设备", "粉尘涉爆车间", "有限空间", "桥式起重机", "配电室"},
            "TRANSPORT", new String[] {"危货车辆停车场", "加油区", "维修车间"},
            "TRADE", new String[] {"人员密集场所", "厨房燃气", "仓储货架"},
            "MINING", new String[] {"高陡边坡", "爆破作业", "破碎车间"},
            "GAS", new String[] {"调压站", "储气罐", "管网巡检"},
            "FIREWORKS", new String[] {"成品仓库", "装卸作业"});

    private static final String[] CATEGORIES = {"SITE", "EQUIPMENT", "ACTIVITY", "SITE", "ACTIVITY", "EQUIPMENT"};

    private final RiskRegister risks;
    private final Random random = new Random(7);

    DemoRisks(RiskRegister risks) {
        this.risks = risks;
    }

    /** The {@code qiye} enterprise's register, fixed so the demo shows one of each shade. */
    void qiyeEnterprise(long id) {
        risks.register(id, lec("液氨储罐区", "SITE", "泄漏、中毒、火灾爆炸", "3", "6", "15",
                "储罐设置可燃有毒气体报警与紧急切断；每班巡检；围堰与喷淋完好", "钱明"));
        risks.register(id, new RiskPointDraft("危化品装卸作业", "装卸站台", "ACTIVITY", "泄漏、车辆伤害", "LS",
                new BigDecimal("3"), null, null, new BigDecimal("4"), "装卸全程监护；静电接地；车辆熄火制动", "钱明",
                "13906810002", null));
        risks.register(id, lec("变配电室", "EQUIPMENT", "触电、电气火灾", "1", "6", "7",
                "持证电工操作；绝缘工具定期检测；配备干粉灭火器", "沈国华"));
    }

    /** One to three points for enterprises of the industries that carry risk; none for some. */
    void enterprise(Enterprise enterprise) {
        String[] names = POINTS.get(enterprise.industry().name());
        int count = enterprise.industry().name().equals("CHEMICAL") ? 1 + random.nextInt(3) : random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String name = names[random.nextInt(names.length)];
            // mostly 蓝/黄, about one point in ten 橙 and a few 红, as a district's register looks
            String[] l = {"0.5", "1", "1", "1", "3", "3", "6"};
            String[] e = {"1", "2", "3", "3", "6", "6"};
            String[] c = {"1", "3", "3", "7", "7", "15", "40"};
            risks.register(enterprise.id(), lec(name + (i == 0 ? "" : "（" + (i + 1) + "）"), CATEGORIES[random.nextInt(CATEGORIES.length)],
                    null, l[random.nextInt(l.length)], e[random.nextInt(e.length)], c[random.nextInt(c.length)],
                    "落实岗位安全责任；定期检查并记录；设置安全警示标识；配备应急器材并定期演练", enterprise.safetyManager()));
        }
    }

    private static RiskPointDraft lec(String name, String category, String factors, String l, String e, String c,
                                      String measures, String person) {
        return new RiskPointDraft(name, null, category, factors, "LEC", new BigDecimal(l), new BigDecimal(e),
                new BigDecimal(c), null, measures, person, "13906810002", null);
    }
}
