package io.yingji.demo.internal;

import io.yingji.access.CallerContext;
import io.yingji.demo.DemoSettings;
import io.yingji.enterprise.EnterpriseDraft;
import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.enterprise.EnterpriseRegistry.ImportLine;
import io.yingji.enterprise.EnterpriseSearch;
import io.yingji.identity.AccountAdministration;
import io.yingji.region.Region;
import io.yingji.risk.RiskRegister;
import io.yingji.hazard.HazardWorkflow;
import java.time.Clock;
import io.yingji.region.RegionDirectory;
import io.yingji.shared.BoundingBox;
import io.yingji.shared.Industry;
import io.yingji.shared.RegionCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Loads the demo city once, into an empty database. Deterministic: the same data on every machine. */
@Component
public class DemoCity {

    private static final Logger log = LoggerFactory.getLogger(DemoCity.class);

    /** The enterprise of the {@code qiye} account, in 拱宸桥街道, 拱墅区. */
    static final String QIYE_CREDIT_CODE = DemoEnterprises.creditCode("330105", "MA2GHNG81");

    private final RegionDirectory regions;
    private final AccountAdministration accounts;
    private final EnterpriseRegistry enterprises;
    private final CallerContext callers;
    private final DemoSettings settings;
    private final TransactionTemplate transactions;
    private final RiskRegister risks;
    private final HazardWorkflow hazards;
    private final Clock clock;
    private final io.yingji.monitoring.DeviceCatalog devices;
    private final io.yingji.monitoring.TelemetryIntake telemetry;
    private final io.yingji.warning.WarningContacts warningContacts;
    private final io.yingji.warning.WarningWorkflow warnings;
    private final boolean demoWarnings;
    private final DemoMajorHazards majorHazards;

    DemoCity(RegionDirectory regions, AccountAdministration accounts, EnterpriseRegistry enterprises,
             CallerContext callers, DemoSettings settings, TransactionTemplate transactions, RiskRegister risks,
             HazardWorkflow hazards, Clock clock, io.yingji.monitoring.DeviceCatalog devices,
             io.yingji.monitoring.TelemetryIntake telemetry, io.yingji.warning.WarningContacts warningContacts,
             io.yingji.warning.WarningWorkflow warnings,
             @org.springframework.beans.factory.annotation.Value("${yingji.demo.warnings:true}") boolean demoWarnings,
             DemoMajorHazards majorHazards) {
        this.majorHazards = majorHazards;
        this.warningContacts = warningContacts;
        this.warnings = warnings;
        this.demoWarnings = demoWarnings;
        this.devices = devices;
        this.telemetry = telemetry;
        this.regions = regions;
        this.accounts = accounts;
        this.enterprises = enterprises;
        this.callers = callers;
        this.settings = settings;
        this.transactions = transactions;
        this.risks = risks;
        this.hazards = hazards;
        this.clock = clock;
    }

    /** Whether there is a demo city (or any other data) already: then loading does nothing. */
    public boolean isLoaded() {
        return regions.find(RegionCode.of("330000")).isPresent() || accounts.anyUsers();
    }

    private volatile boolean loading;

    /** Whether a load is under way in this process (the sensor simulator waits for it). */
    boolean isLoading() {
        return loading;
    }

    /** Loads everything in one transaction: a half-loaded city never stays behind. */
    public void load() {
        loading = true;
        try {
            loadCity();
        } finally {
            loading = false;
        }
    }

    private void loadCity() {
        if (isLoaded()) {
            log.info("Demo city not loaded: the database already holds regions or users");
            return;
        }
        long started = System.nanoTime();
        List<Region> all = readRegions();
        int count = callers.runAsSystem(() -> transactions.execute(status -> {
            regions.addAll(all);
            Map<String, Long> departments = createDepartments();
            List<ImportLine> lines = new ArrayList<>();
            lines.add(new ImportLine(2, qiyeEnterprise()));
            List<EnterpriseDraft> generated = new DemoEnterprises(all, departments).generate(settings.enterprises());
            for (int i = 0; i < generated.size(); i++) {
                lines.add(new ImportLine(i + 3, generated.get(i)));
            }
            int registered = 0;
            // in import-sized chunks, all inside this one transaction
            for (int from = 0; from < lines.size(); from += 10_000) {
                registered += enterprises.registerAll(lines.subList(from, Math.min(lines.size(), from + 10_000)),
                        List.of(), "demo-city");
            }
            long qiyeEnterprise = enterprises.search(new EnterpriseSearch(null, null, QIYE_CREDIT_CODE, null), 0, 1)
                    .content().get(0).id();
            createUsers(departments, qiyeEnterprise);
            DemoRisks demoRisks = new DemoRisks(risks);
            demoRisks.qiyeEnterprise(qiyeEnterprise);
            // Hangzhou's enterprises get risk registers; the other cities stay unassessed (grey on the map)
            enterprises.export(new EnterpriseSearch("330100", null, null, null)).stream()
                    .filter(e -> e.id() != qiyeEnterprise)
                    .forEach(demoRisks::enterprise);
            new DemoHazards(hazards, accounts, callers, clock).load(qiyeEnterprise);
            new DemoHazardHistory(hazards, accounts, callers).load(clock.instant(),
                    district -> enterprises.search(new EnterpriseSearch(district, null, null, null), 0, 8).content().stream()
                            .filter(e -> e.id() != qiyeEnterprise).toList(),
                    district -> regions.children(RegionCode.of(district)));
            new DemoContacts(warningContacts).load(all);
            return registered;
        }));
        // devices register and readings commit in their own transactions (the telemetry path writes
        // outside the caller's), after the city itself is there
        long qiye = callers.runAsSystem(() -> enterprises.search(new EnterpriseSearch(null, null, QIYE_CREDIT_CODE, null), 0, 1)
                .content().get(0).id());
        // registered by the city's bureau, as a person would
        int sensors = callers.runAs(accounts.callerOf("hangzhou").orElseThrow(),
                () -> new DemoDevices(devices, telemetry, enterprises).load(qiye, clock.instant()));
        // major hazard sources at the chemical plants, with their detectors linked (as the bureau)
        callers.runAs(accounts.callerOf("hangzhou").orElseThrow(), () -> majorHazards.load(qiye));
        if (demoWarnings) {
            loadWarning();
        }
        log.info("Demo city loaded: {} regions, {} enterprises, {} monitoring devices in {} ms", all.size(), count, sensors,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** A warning in force, through the real workflow: the township drafts, the district approves (four-eyes). */
    private void loadWarning() {
        try {
            // the canal's low-lying stretch in the middle of 米市巷街道 (the township may draw only in its own area)
            io.yingji.shared.BoundingBox township = regions.extentOf(RegionCode.of("330105001"));
            io.yingji.shared.GeoPoint centre = new io.yingji.shared.GeoPoint((township.minLongitude() + township.maxLongitude()) / 2,
                    (township.minLatitude() + township.maxLatitude()) / 2);
            DemoWarnings demo = new DemoWarnings(warnings);
            long id = callers.runAs(accounts.callerOf("mishixiang").orElseThrow(),
                    () -> demo.draft(centre, "米市巷街道运河沿岸低洼区", clock.instant()));
            callers.runAs(accounts.callerOf("gongshu").orElseThrow(), () -> {
                warnings.approve(id);
                return id;
            });
        } catch (RuntimeException e) {
            // the city is there without it; say why rather than fail the start
            log.warn("Demo warning not published: {}{}", e.toString(), e instanceof io.yingji.shared.Problem problem
                    ? " " + problem.fieldProblems() : "");
        }
    }

    private Map<String, Long> createDepartments() {
        return Map.of(
                "province", accounts.createDepartment("浙江省应急管理厅", RegionCode.of("330000"), Set.of()),
                "hangzhou", accounts.createDepartment("杭州市应急管理局", RegionCode.of("330100"), Set.of()),
                "gongshu", accounts.createDepartment("拱墅区应急管理局", RegionCode.of("330105"), Set.of()),
                "xihu", accounts.createDepartment("西湖区应急管理局", RegionCode.of("330106"), Set.of()),
                "gongshu-construction", accounts.createDepartment("拱墅区住房和城乡建设局", RegionCode.of("330105"),
                        Set.of(Industry.CONSTRUCTION)),
                "hangzhou-transport", accounts.createDepartment("杭州市交通运输局", RegionCode.of("330100"),
                        Set.of(Industry.TRANSPORT)),
                "mishixiang", accounts.createDepartment("米市巷街道应急管理站", RegionCode.of("330105001"), Set.of()));
    }

    private void createUsers(Map<String, Long> departments, long qiyeEnterprise) {
        String password = DemoSettings.PASSWORD;
        accounts.createUser("admin", password, "系统管理员", RegionCode.of("330000"), departments.get("province"), null,
                Set.of("ADMIN"));
        accounts.createUser("shenji", password, "审计员 周敏", RegionCode.of("330000"), departments.get("province"), null,
                Set.of("AUDITOR"));
        accounts.createUser("hangzhou", password, "杭州市应急管理局 陈建国", RegionCode.of("330100"), departments.get("hangzhou"),
                null, Set.of("BUREAU"));
        accounts.createUser("gongshu", password, "拱墅区应急管理局 王丽华", RegionCode.of("330105"), departments.get("gongshu"),
                null, Set.of("BUREAU"));
        accounts.createUser("xihu", password, "西湖区应急管理局 李志强", RegionCode.of("330106"), departments.get("xihu"),
                null, Set.of("BUREAU"));
        accounts.createUser("mishixiang", password, "米市巷街道应急管理站 赵晓燕", RegionCode.of("330105001"),
                departments.get("mishixiang"), null, Set.of("TOWNSHIP"));
        accounts.createUser("wangge", password, "大塘巷社区网格员 孙海涛", RegionCode.of("330105001055"),
                departments.get("mishixiang"), null, Set.of("GRID"));
        accounts.createUser("zhujian", password, "拱墅区住建局 吴国平", RegionCode.of("330105"),
                departments.get("gongshu-construction"), null, Set.of("DEPARTMENT"));
        accounts.createUser("jiaotong", password, "杭州市交通运输局 郑伟", RegionCode.of("330100"),
                departments.get("hangzhou-transport"), null, Set.of("DEPARTMENT"));
        accounts.createUser("qiye", password, "杭州运河精细化工有限公司 安全负责人 钱明", RegionCode.of("330105005"), null,
                qiyeEnterprise, Set.of("ENTERPRISE"));
    }

    private EnterpriseDraft qiyeEnterprise() {
        return new EnterpriseDraft(QIYE_CREDIT_CODE, "杭州运河精细化工有限公司", Industry.CHEMICAL.name(), true,
                "杭州市拱墅区拱宸桥街道丽水路 188 号", 120.1450, 30.3230, "330105005", null, "沈国华", "13906810001",
                "钱明", "13906810002", 126, false, true, true, true, false, false, null);
    }

    /** The demo's region list: the whole of Zhejiang's official division codes (see tools/regions/extract.mjs). */
    static final String REGIONS = "demo/regions-zhejiang.csv.gz";

    /** Reads {@link #REGIONS}: parents before children; lines starting with # are comments. */
    static List<Region> readRegions() {
        List<Region> all = new ArrayList<>(28_000);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(new ClassPathResource(REGIONS).getInputStream()), StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",", -1);
                BoundingBox box = f[4].isEmpty() ? null : new BoundingBox(Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                        Double.parseDouble(f[6]), Double.parseDouble(f[7]));
                all.add(new Region(RegionCode.of(f[0]), f[1], Integer.parseInt(f[2]),
                        f[3].isEmpty() ? null : RegionCode.of(f[3]), box, null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(REGIONS + " is part of the build", e);
        }
        return all;
    }
}
