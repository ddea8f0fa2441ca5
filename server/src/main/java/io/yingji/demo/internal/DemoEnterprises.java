package io.yingji.demo.internal;

import io.yingji.enterprise.EnterpriseDraft;
import io.yingji.region.Region;
import io.yingji.shared.BoundingBox;
import io.yingji.shared.CreditCode;
import io.yingji.shared.Industry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Generates enterprises that look like a real city's: Chinese names by industry, valid credit codes
 * registered in their county, coordinates inside their village or township, plausible contacts.
 * A fixed seed makes every machine's demo city the same.
 */
final class DemoEnterprises {

    private static final String ORG_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static final String[] BRANDS = {"恒盛", "华东", "万通", "鼎力", "金桥", "宏达", "天合", "明远", "瑞丰", "新安",
        "永兴", "东方", "中兴", "广厦", "锦程", "汇丰", "联合", "嘉禾", "同创", "远航", "润华", "立信", "正泰", "浙运", "钱江",
        "运河", "西溪", "半山", "之江", "龙井", "天目", "富春", "兰亭", "宝岩", "德胜", "大关", "祥符", "皋亭", "和睦", "振华",
        "晨光", "启明", "星河", "海纳", "卓越", "顺昌", "安泰", "丰源", "隆基", "博远"};

    private static final Map<Industry, String[]> TRADES = Map.of(
            Industry.CHEMICAL, new String[] {"化工", "精细化工", "新材料科技", "化学试剂", "涂料", "医药化工", "危险品仓储"},
            Industry.CONSTRUCTION, new String[] {"建设集团", "建筑工程", "建工", "市政工程", "幕墙装饰工程", "钢结构工程"},
            Industry.MANUFACTURING, new String[] {"机械制造", "纺织", "电子科技", "五金制品", "服饰", "汽车零部件", "家具",
                "印刷包装", "食品", "塑料制品", "金属制品", "电器"},
            Industry.TRANSPORT, new String[] {"物流", "运输", "货运", "客运", "仓储物流", "冷链物流"},
            Industry.TRADE, new String[] {"商贸", "百货", "超市", "酒店管理", "餐饮管理", "商业管理", "农贸市场管理"},
            Industry.MINING, new String[] {"矿业", "石料开采", "建材矿业"},
            Industry.GAS, new String[] {"燃气", "能源", "液化气供应"},
            Industry.FIREWORKS, new String[] {"烟花爆竹"});

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
        "胡", "郭", "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "沈", "钱", "蒋", "叶"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
        "涛", "明", "超", "秀英", "华", "建平", "志刚", "国强", "海燕", "晓东", "建华", "丽萍", "文斌", "永军", "小红", "雪梅",
        "浩然", "宇航", "思远", "佳怡", "子涵", "建新", "春华", "金龙", "卫东", "美玲"};
    private static final String[] MOBILE_PREFIXES = {"139", "138", "137", "136", "135", "158", "159", "188", "187", "150",
        "151", "152", "182", "183", "189", "133", "153", "180", "181", "177"};
    private static final String[] ROADS = {"莫干山路", "湖墅南路", "上塘路", "石祥路", "东新路", "丽水路", "登云路", "绍兴路",
        "香积寺路", "文一路", "文三路", "天目山路", "学院路", "教工路", "留和路", "余杭塘路", "工业路", "兴业路", "创业大道",
        "人民路", "解放路", "中山路", "环城北路", "开发大道", "科技路", "建设路", "育才路", "滨河路"};

    private final Map<String, Region> byCode = new HashMap<>();
    private final Map<String, List<Region>> leavesOfCounty = new HashMap<>();
    private final Map<String, Long> departments;
    private final Random random = new Random(2026);
    private final Set<String> names = new HashSet<>();
    private final Set<String> codes = new HashSet<>();

    DemoEnterprises(List<Region> regions, Map<String, Long> departments) {
        this.departments = departments;
        regions.forEach(r -> byCode.put(r.code().value(), r));
        for (Region county : regions.stream().filter(r -> r.level() == 3).toList()) {
            String code = county.code().value();
            List<Region> villages = regions.stream().filter(r -> r.level() == 5 && r.code().value().startsWith(code)).toList();
            List<Region> townships = regions.stream().filter(r -> r.level() == 4 && r.code().value().startsWith(code)).toList();
            leavesOfCounty.put(code, !villages.isEmpty() ? villages : !townships.isEmpty() ? townships : List.of(county));
        }
        codes.add(DemoCity.QIYE_CREDIT_CODE);
    }

    List<EnterpriseDraft> generate(int count) {
        List<String> counties = leavesOfCounty.keySet().stream().sorted().collect(Collectors.toList());
        List<EnterpriseDraft> drafts = new ArrayList<>(count);
        // 米市巷街道's villages (the township and grid-worker demo accounts) get three enterprises each first:
        // spread over all of Zhejiang's villages, a village would otherwise often have none
        List<Region> focus = byCode.values().stream()
                .filter(r -> r.level() == 5 && r.parent() != null && r.parent().value().equals(FOCUS_TOWNSHIP))
                .sorted(java.util.Comparator.comparing(r -> r.code().value())).toList();
        for (int i = 0; i < count; i++) {
            drafts.add(i < 3 * focus.size() ? enterpriseIn("330105", focus.get(i % focus.size()))
                    : enterpriseIn(pickCounty(counties)));
        }
        return drafts;
    }

    /** 米市巷街道, 拱墅区. */
    private static final String FOCUS_TOWNSHIP = "330105001";

    /** 拱墅 and 西湖 are the demo's focus; the rest of Hangzhou next; the other cities get a share. */
    private String pickCounty(List<String> counties) {
        double roll = random.nextDouble();
        if (roll < 0.18) {
            return "330105";
        }
        if (roll < 0.30) {
            return "330106";
        }
        List<String> pool;
        if (roll < 0.75) {
            pool = counties.stream().filter(c -> c.startsWith("3301")).toList();
        } else if (roll < 0.80) {
            pool = List.of("330482");
        } else {
            pool = counties.stream().filter(c -> !c.startsWith("3301")).toList();
        }
        return pool.get(random.nextInt(pool.size()));
    }

    private EnterpriseDraft enterpriseIn(String countyCode) {
        List<Region> leaves = leavesOfCounty.get(countyCode);
        return enterpriseIn(countyCode, leaves.get(random.nextInt(leaves.size())));
    }

    private EnterpriseDraft enterpriseIn(String countyCode, Region place) {
        Region county = byCode.get(countyCode);
        Industry industry = pickIndustry(countyCode);
        BoundingBox box = place.boundingBox() != null ? place.boundingBox() : county.boundingBox();
        double lon = inside(box.minLongitude(), box.maxLongitude());
        double lat = inside(box.minLatitude(), box.maxLatitude());
        Region township = place.level() == 5 ? byCode.get(place.parent().value()) : place;
        String address = cityOf(countyCode).replace("平湖", "嘉兴") + "市" + county.name() + (township.level() == 4 ? township.name() : "")
                + ROADS[random.nextInt(ROADS.length)] + (1 + random.nextInt(999)) + "号";
        boolean chemical = industry == Industry.CHEMICAL;
        int employees = switch (industry) {
            case CONSTRUCTION -> 50 + random.nextInt(800);
            case MANUFACTURING -> 20 + random.nextInt(600);
            case TRADE -> 5 + random.nextInt(200);
            default -> 10 + random.nextInt(300);
        };
        return new EnterpriseDraft(newCreditCode(countyCode), newName(countyCode, industry), industry.name(),
                random.nextDouble() < 0.4, address, round(lon), round(lat), place.code().value(),
                departmentFor(countyCode, industry), person(), mobile(), person(),
                random.nextDouble() < 0.85 ? mobile() : "0571-8" + digits(7), employees,
                chemical && random.nextDouble() < 0.3, chemical && random.nextDouble() < 0.6,
                chemical && random.nextDouble() < 0.5, chemical || (industry == Industry.MANUFACTURING && random.nextDouble() < 0.1),
                (industry == Industry.MANUFACTURING || industry == Industry.TRADE) && random.nextDouble() < 0.06,
                industry == Industry.MANUFACTURING && random.nextDouble() < 0.12, null);
    }

    private Industry pickIndustry(String countyCode) {
        boolean rural = Set.of("330111", "330112", "330122", "330127", "330182").contains(countyCode);
        double roll = random.nextDouble();
        if (roll < 0.34) {
            return Industry.MANUFACTURING;
        }
        if (roll < 0.54) {
            return Industry.TRADE;
        }
        if (roll < 0.69) {
            return Industry.CONSTRUCTION;
        }
        if (roll < 0.79) {
            return Industry.TRANSPORT;
        }
        if (roll < 0.91) {
            return Industry.CHEMICAL;
        }
        if (roll < 0.95) {
            return rural ? Industry.MINING : Industry.MANUFACTURING;
        }
        if (roll < 0.98) {
            return Industry.GAS;
        }
        return Industry.FIREWORKS;
    }

    private Long departmentFor(String countyCode, Industry industry) {
        if (countyCode.equals("330105") && industry == Industry.CONSTRUCTION) {
            return departments.get("gongshu-construction");
        }
        if (countyCode.startsWith("3301") && industry == Industry.TRANSPORT) {
            return departments.get("hangzhou-transport");
        }
        if (countyCode.equals("330105")) {
            return departments.get("gongshu");
        }
        if (countyCode.equals("330106")) {
            return departments.get("xihu");
        }
        return null;
    }

    private String newName(String countyCode, Industry industry) {
        String[] trades = TRADES.get(industry);
        while (true) {
            double suffixRoll = random.nextDouble();
            String suffix = suffixRoll < 0.85 ? "有限公司" : suffixRoll < 0.95 ? "股份有限公司" : "有限责任公司";
            String name = cityOf(countyCode) + BRANDS[random.nextInt(BRANDS.length)] + trades[random.nextInt(trades.length)] + suffix;
            if (names.add(name)) {
                return name;
            }
            String withPlace = cityOf(countyCode) + BRANDS[random.nextInt(BRANDS.length)] + BRANDS[random.nextInt(BRANDS.length)]
                    + trades[random.nextInt(trades.length)] + suffix;
            if (names.add(withPlace)) {
                return withPlace;
            }
        }
    }

    private static String cityOf(String countyCode) {
        return switch (countyCode.substring(0, 4)) {
            case "3301" -> "杭州";
            case "3302" -> "宁波";
            case "3303" -> "温州";
            default -> countyCode.equals("330482") ? "平湖" : "嘉兴";
        };
    }

    private String newCreditCode(String countyCode) {
        while (true) {
            StringBuilder org = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                org.append(i < 2 && random.nextBoolean() ? ORG_ALPHABET.charAt(10 + random.nextInt(ORG_ALPHABET.length() - 10))
                        : (char) ('0' + random.nextInt(10)));
            }
            String code = creditCode(countyCode, org.toString() + orgCheck(org.toString()));
            if (codes.add(code)) {
                return code;
            }
        }
    }

    /** A credit code of a company (91) registered in {@code countyCode} with organization code {@code org9}. */
    static String creditCode(String countyCode, String org9) {
        String first17 = "91" + countyCode + org9;
        return first17 + CreditCode.checkCharacter(first17);
    }

    /** The GB 11714 check character of an 8-character organization code body. */
    static char orgCheck(String body) {
        int[] weights = {3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = body.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * weights[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    private double inside(double min, double max) {
        double margin = (max - min) * 0.1;
        return min + margin + random.nextDouble() * (max - min - 2 * margin);
    }

    private static double round(double value) {
        return Math.round(value * 1_000_000d) / 1_000_000d;
    }

    private String person() {
        return SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
    }

    private String mobile() {
        return MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)] + digits(8);
    }

    private String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }
}
