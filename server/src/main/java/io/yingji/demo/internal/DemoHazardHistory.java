package io.yingji.demo.internal;

import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.enterprise.Enterprise;
import io.yingji.hazard.HazardReport;
import io.yingji.hazard.HazardStep;
import io.yingji.hazard.HazardWorkflow;
import io.yingji.identity.AccountAdministration;
import io.yingji.region.Region;
import io.yingji.shared.AsOf;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The city-wide hazard history of the demo: three hazards in each of Hangzhou's districts and counties
 * (西湖区 too), reported over the past two months and taken through the loop's real steps as of the days
 * they happened ({@link AsOf}), so that most are closed (销号), some are being remediated or wait for
 * acceptance, some are new, a few were dismissed, and some are past their deadline: the supervision job
 * escalates those (督办) on its first pass. The district's bureau acts in 拱墅区 and 西湖区, the city's
 * elsewhere.
 */
final class DemoHazardHistory {

    /** Where a hazard ends up. OVERDUE: assigned, with its deadline passed days ago. */
    enum End { REPORTED, VERIFIED, ASSIGNED, REMEDIATING, REMEDIATED, CLOSED, OVERDUE, DISMISSED }

    private record Finding(String title, String description, String category, String grade) {
    }

    static final List<String> DISTRICTS = List.of("330102", "330105", "330106", "330108", "330109", "330110", "330111",
            "330112", "330113", "330114", "330122", "330127", "330182");

    private static final List<Finding> FINDINGS = List.of(
            new Finding("消防通道被货物占用", "仓库东侧消防通道堆放成品货物，宽度不足 2 米", "FIRE", "GENERAL"),
            new Finding("配电箱未设置防护门", "车间配电箱箱门缺失，带电部位裸露", "ELECTRICAL", "GENERAL"),
            new Finding("有限空间作业未审批", "污水池清理作业未办理有限空间作业审批，未配置气体检测仪", "OPERATION", "MAJOR"),
            new Finding("应急照明灯损坏", "二层疏散走道 3 处应急照明灯不亮", "FIRE", "GENERAL"),
            new Finding("叉车司机无证作业", "仓储区叉车操作人员未持特种设备作业人员证", "OPERATION", "GENERAL"),
            new Finding("危化品混存", "氧化剂与易燃液体同库存放，未分区隔离", "HAZCHEM", "MAJOR"),
            new Finding("脚手架连墙件缺失", "外墙脚手架 5 层以上连墙件设置不足", "CONSTRUCTION", "GENERAL"),
            new Finding("灭火器压力不足", "车间 6 具灭火器压力指针处于红区", "FIRE", "GENERAL"),
            new Finding("冲压机光电保护失效", "2 号冲压机光电保护装置被短接", "EQUIPMENT", "GENERAL"),
            new Finding("安全培训记录缺失", "新入职员工三级安全教育记录不全", "MANAGEMENT", "GENERAL"),
            new Finding("燃气管道锈蚀", "食堂燃气管道多处锈蚀，未做防腐处理", "EQUIPMENT", "GENERAL"),
            new Finding("临边防护缺失", "基坑周边未设置防护栏杆和警示标志", "CONSTRUCTION", "GENERAL"),
            new Finding("粉尘清扫不及时", "打磨车间除尘管道积尘，未按规定清扫", "EQUIPMENT", "MAJOR"),
            new Finding("安全出口上锁", "厂房北侧安全出口在生产期间上锁", "FIRE", "GENERAL"),
            new Finding("电缆私拉乱接", "宿舍楼走廊私拉电线给电动车充电", "ELECTRICAL", "GENERAL"),
            new Finding("储罐区防火堤破损", "储罐区防火堤局部开裂，未及时修补", "HAZCHEM", "GENERAL"),
            new Finding("特种设备超期未检", "行车（桥式起重机）定期检验超期 2 个月", "EQUIPMENT", "GENERAL"),
            new Finding("动火作业无监护", "焊接动火作业现场无监护人员，未配备灭火器材", "OPERATION", "GENERAL"),
            new Finding("应急预案未演练", "年度应急预案演练计划未落实", "MANAGEMENT", "GENERAL"),
            new Finding("排水沟堵塞", "厂区雨水排水沟堵塞，汛期存在内涝风险", "OTHER", "GENERAL"),
            new Finding("高处作业未系安全带", "屋面维修作业人员未系挂安全带", "OPERATION", "GENERAL"),
            new Finding("防爆电气不合格", "甲类车间使用非防爆照明灯具", "ELECTRICAL", "MAJOR"),
            new Finding("化学品安全技术说明书缺失", "使用场所未配置化学品安全技术说明书", "HAZCHEM", "GENERAL"),
            new Finding("疏散指示标志缺失", "地下室疏散指示标志缺失、方向错误", "FIRE", "GENERAL"),
            new Finding("气瓶未固定", "乙炔、氧气瓶未设防倾倒装置，间距不足", "HAZCHEM", "GENERAL"),
            new Finding("施工升降机限位失效", "施工升降机上限位开关失灵", "CONSTRUCTION", "MAJOR"),
            new Finding("安全管理台账不全", "隐患自查自改台账未按月更新", "MANAGEMENT", "GENERAL"),
            new Finding("消防水池水位不足", "消防水池液位低于设计要求", "FIRE", "GENERAL"),
            new Finding("机械防护罩缺失", "传送带转动部位防护罩拆除未恢复", "EQUIPMENT", "GENERAL"),
            new Finding("油罐车停放不规范", "危货车辆停车场油罐车未按指定区域停放", "HAZCHEM", "GENERAL"),
            new Finding("山体边坡落石", "厂区后侧山体边坡有松动落石迹象", "OTHER", "GENERAL"),
            new Finding("员工宿舍设在厂房内", "生产车间内设置员工住宿，“三合一”场所", "FIRE", "MAJOR"),
            new Finding("漏电保护器失效", "临时用电配电箱漏电保护器试跳不动作", "ELECTRICAL", "GENERAL"),
            new Finding("危废暂存间无标识", "危险废物暂存间未设置标识和防渗措施", "HAZCHEM", "GENERAL"),
            new Finding("塔吊司机疲劳作业", "塔吊司机连续作业超过规定时长", "OPERATION", "GENERAL"),
            new Finding("消防控制室无人值守", "消防控制室夜间无持证人员值班", "FIRE", "GENERAL"),
            new Finding("锅炉安全阀超期", "燃气锅炉安全阀校验超期", "EQUIPMENT", "GENERAL"),
            new Finding("防雷检测超期", "储存仓库防雷装置检测报告已过期", "ELECTRICAL", "GENERAL"),
            new Finding("涉氨制冷车间无报警", "冷库氨制冷机房未设氨气浓度报警装置", "HAZCHEM", "MAJOR"));

    /**
     * Where each hazard of a district ends, over the thirteen districts in turn: most closed (销号率 of about
     * a third to a half), and every other state of the loop in between.
     */
    private static final List<End> ENDS = List.of(
            End.CLOSED, End.REMEDIATING, End.REPORTED,
            End.CLOSED, End.OVERDUE, End.VERIFIED,
            End.CLOSED, End.REMEDIATED, End.OVERDUE,
            End.CLOSED, End.CLOSED, End.ASSIGNED,
            End.CLOSED, End.OVERDUE, End.DISMISSED,
            End.CLOSED, End.REMEDIATING, End.REPORTED,
            End.CLOSED, End.CLOSED, End.OVERDUE,
            End.CLOSED, End.REMEDIATED, End.VERIFIED,
            End.CLOSED, End.REMEDIATING, End.DISMISSED,
            End.CLOSED, End.OVERDUE, End.REPORTED,
            End.CLOSED, End.CLOSED, End.REMEDIATING,
            End.CLOSED, End.OVERDUE, End.ASSIGNED,
            End.CLOSED, End.REMEDIATED, End.REPORTED);

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final HazardWorkflow hazards;
    private final AccountAdministration accounts;
    private final CallerContext callers;

    DemoHazardHistory(HazardWorkflow hazards, AccountAdministration accounts, CallerContext callers) {
        this.hazards = hazards;
        this.accounts = accounts;
        this.callers = callers;
    }

    /**
     * Loads the history up to {@code now}.
     *
     * @param enterprisesIn a few enterprises of a district (a hazard is found at one of them)
     * @param townshipsIn   the townships of a district (a hazard found in the street, not at an enterprise)
     * @return how many hazards it made
     */
    int load(Instant now, Function<String, List<Enterprise>> enterprisesIn, Function<String, List<Region>> townshipsIn) {
        int made = 0;
        for (int i = 0; i < ENDS.size(); i++) {
            String district = DISTRICTS.get(i / 3);
            String actor = district.equals("330105") ? "gongshu" : district.equals("330106") ? "xihu" : "hangzhou";
            Finding finding = FINDINGS.get(i);
            End end = ENDS.get(i);
            List<Enterprise> enterprises = enterprisesIn.apply(district);
            // one hazard in three lies in the street; in 拱墅区 not in 米市巷街道, whose own hazards the map shows
            List<Region> townships = townshipsIn.apply(district);
            boolean street = i % 3 == 2 && townships.size() > 1 || enterprises.isEmpty();
            if (street && townships.isEmpty()) {
                continue;
            }
            Region place = street ? townships.get(townships.size() > 1 ? 1 + i % (townships.size() - 1) : 0) : null;
            Enterprise enterprise = street ? null : enterprises.get(i % enterprises.size());
            String township = place == null ? null : place.code().value();
            String unit = enterprise != null ? enterprise.name() : place.name() + "相关经营单位";
            int daysAgo = switch (end) {
                case REPORTED -> 0;
                case VERIFIED, ASSIGNED -> 2 + i % 3;
                case REMEDIATING -> 5 + i % 4;
                case REMEDIATED -> 9 + i % 3;
                case DISMISSED -> 6 + i % 10;
                case OVERDUE -> 24 + i % 8;
                case CLOSED -> 14 + (i * 7) % 45;
            };
            // reported in the morning (Asia/Shanghai) of that day, the REPORTED ones a few hours ago
            Instant reported = end == End.REPORTED ? now.minus(Duration.ofHours(2 + i % 5))
                    : LocalDate.ofInstant(now, SHANGHAI).minusDays(daysAgo).atTime(9, 10 + i).atZone(SHANGHAI).toInstant();
            long id = at(reported, actor, () -> hazards.report(new HazardReport(finding.title(), finding.description(),
                    township, enterprise == null ? null : enterprise.id(), "GOVERNMENT_INSPECTION", null, null, null, null)));
            made++;
            if (end == End.REPORTED) {
                continue;
            }
            if (end == End.DISMISSED) {
                step(id, reported.plus(Duration.ofHours(5)), actor, "dismiss",
                        HazardStep.comment("现场核实：已于检查当日自行整改，不构成隐患"));
                continue;
            }
            Instant verified = reported.plus(Duration.ofHours(4));
            LocalDate verifiedDay = LocalDate.ofInstant(verified, SHANGHAI);
            int days = end == End.OVERDUE ? 10 : 14;
            step(id, verified, actor, "verify", new HazardStep("现场核实属实，责令限期整改", finding.grade(), finding.category(),
                    unit, verifiedDay.plusDays(days), null, null));
            if (end == End.VERIFIED) {
                continue;
            }
            step(id, verified.plus(Duration.ofHours(20)), actor, "assign", HazardStep.comment("请责任单位按期整改并上传整改材料"));
            if (end == End.ASSIGNED) {
                continue;
            }
            step(id, verified.plus(Duration.ofDays(3)), actor, "progress", HazardStep.comment("已制定整改方案，正在落实"));
            if (end == End.REMEDIATING || end == End.OVERDUE) {
                continue;
            }
            step(id, verified.plus(Duration.ofDays(6)), actor, "complete", HazardStep.comment("整改完成，已自查复核并留存照片"));
            if (end == End.REMEDIATED) {
                continue;
            }
            step(id, verified.plus(Duration.ofDays(8)), actor, "accept", HazardStep.comment("现场验收合格，同意销号"));
        }
        return made;
    }

    private void step(long id, Instant at, String actor, String step, HazardStep input) {
        at(at, actor, () -> {
            hazards.act(id, step, input);
            return null;
        });
    }

    private <T> T at(Instant moment, String username, Supplier<T> work) {
        Caller caller = accounts.callerOf(username).orElseThrow(() -> new IllegalStateException("no demo account " + username));
        return AsOf.run(moment, () -> callers.runAs(caller, work));
    }
}
