package io.yingji.demo.internal;

import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.hazard.HazardReport;
import io.yingji.hazard.HazardStep;
import io.yingji.hazard.HazardWorkflow;
import io.yingji.identity.AccountAdministration;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Hazards of the demo city in every state of the loop, each taken there step by step by the demo
 * account whose job the step is (the grid worker reports, the district verifies, the enterprise
 * remediates), so their histories read like real ones.
 */
final class DemoHazards {

    private record Plan(String reporter, String source, String title, String description, String regionCode,
                        boolean atQiye, String grade, String category, int days, List<String> steps) {
    }

    private static final List<Plan> PLANS = List.of(
            new Plan("wangge", "GRID_PATROL", "楼道电动车飞线充电", "大塘巷社区 5 幢楼道内电动车私拉电线充电", "330105001055",
                    false, "GENERAL", "ELECTRICAL", 10, List.of()),
            new Plan("mishixiang", "GOVERNMENT_INSPECTION", "沿街商铺灭火器过期", "米市巷街道沿街 3 家商铺灭火器超过有效期",
                    "330105001", false, "GENERAL", "FIRE", 10, List.of("verify")),
            new Plan("gongshu", "GOVERNMENT_INSPECTION", "储罐区可燃气体报警器失效", "2 号储罐区可燃气体报警器故障未修复",
                    "", true, "MAJOR", "HAZCHEM", 20, List.of("verify", "assign")),
            new Plan("qiye", "SELF_INSPECTION", "装卸站台静电接地夹损坏", "企业自查发现装卸站台静电接地夹断裂",
                    "", true, "GENERAL", "HAZCHEM", 7, List.of("verify", "assign", "progress")),
            new Plan("qiye", "SELF_INSPECTION", "配电室门口堆放杂物", "配电室门口堆放包装材料，影响应急通行",
                    "", true, "GENERAL", "ELECTRICAL", 5, List.of("verify", "assign", "progress", "complete")),
            new Plan("gongshu", "GOVERNMENT_INSPECTION", "危化品仓库安全标识缺失", "甲类仓库未设置安全周知卡",
                    "", true, "GENERAL", "MANAGEMENT", 10, List.of("verify", "assign", "complete", "accept")),
            new Plan("wangge", "GRID_PATROL", "疑似废弃液化气钢瓶", "巡查发现路边疑似废弃液化气钢瓶，核实为空瓶已清运",
                    "330105001055", false, "GENERAL", "OTHER", 3, List.of("dismiss")));

    private final HazardWorkflow hazards;
    private final AccountAdministration accounts;
    private final CallerContext callers;
    private final Clock clock;

    DemoHazards(HazardWorkflow hazards, AccountAdministration accounts, CallerContext callers, Clock clock) {
        this.hazards = hazards;
        this.accounts = accounts;
        this.callers = callers;
        this.clock = clock;
    }

    void load(long qiyeEnterprise) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
        for (Plan plan : PLANS) {
            long id = as(plan.reporter(), () -> hazards.report(new HazardReport(plan.title(), plan.description(),
                    plan.atQiye() ? null : plan.regionCode(), plan.atQiye() ? qiyeEnterprise : null, plan.source(),
                    null, null, null, null)));
            for (String step : plan.steps()) {
                String actor = step.equals("progress") || step.equals("complete") ? (plan.atQiye() ? "qiye" : "gongshu") : "gongshu";
                HazardStep input = switch (step) {
                    case "verify" -> new HazardStep("现场核实属实", plan.grade(), plan.category(),
                            plan.atQiye() ? "杭州运河精细化工有限公司" : "米市巷街道相关经营单位", today.plusDays(plan.days()), null, null);
                    case "dismiss" -> HazardStep.comment("核实为空瓶，已由社区清运");
                    case "assign" -> HazardStep.comment("请责任单位按期整改并上传整改材料");
                    case "progress" -> HazardStep.comment("已采购配件，预计三日内完成");
                    case "complete" -> HazardStep.comment("整改完成，已自查复核");
                    default -> HazardStep.comment("验收合格，同意销号");
                };
                as(actor, () -> {
                    hazards.act(id, step, input);
                    return null;
                });
            }
        }
    }

    private <T> T as(String username, java.util.function.Supplier<T> work) {
        Caller caller = accounts.callerOf(username).orElseThrow(() -> new IllegalStateException("no demo account " + username));
        return callers.runAs(caller, work);
    }
}
