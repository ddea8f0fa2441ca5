package io.yingji.warning.internal;

import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.enterprise.EnterpriseRegistry.SafetyContact;
import io.yingji.identity.Recipients;
import io.yingji.notification.Target;
import io.yingji.region.Region;
import io.yingji.region.RegionDirectory;
import io.yingji.shared.BoundingBox;
import io.yingji.shared.RegionCode;
import io.yingji.warning.WarningContacts;
import io.yingji.warning.WarningPublication.Area;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Who a warning reaches, resolved from its areas when it is published (and, for the compose page, before):
 * <ul>
 *   <li><b>staff</b> (到岗到人, asked to acknowledge): the platform's accounts of emergency bureaus, township
 *       stations, villages' grid workers and enterprises placed in the areas; each enterprise's safety
 *       manager; and the directory's village responsible persons, rescue team leaders, special places
 *       (schools, nursing homes, construction sites) and emergency broadcast terminals;</li>
 *   <li><b>public</b> (发布公众): members of the public registered for the areas — only for an Actual warning of
 *       scope Public. Exercise messages and Restricted ones reach the areas' staff only.</li>
 * </ul>
 * Two kinds of message ignore the areas and go to named people only, never to the public:
 * <ul>
 *   <li>status <b>Test</b> (测试): the issuing office itself — the accounts of a bureau or township station placed at
 *       the issuing region (not below it), and the drafter and approver of the message, wherever they sit;</li>
 *   <li>scope <b>Private</b> (定向): its CAP {@code addresses}, each a platform username or a mobile number, matched
 *       against the accounts and the directory's entries (not the registered public) of the issuing region's subtree;
 *       an address that matches nobody there reaches nobody.</li>
 * </ul>
 * A region area takes its whole subtree. A polygon, circle or zone takes the places whose location lies in
 * it, and the accounts and unlocated entries of the regions whose extent it touches, within the issuing
 * region. A person reached twice (two areas, or an account and a safety manager with the same mobile) is
 * counted and told once.
 */
@Component
class WarningTargeting {

    static final String STAFF = "STAFF";
    static final String PUBLIC = "PUBLIC";

    /** The roles of an issuing office (its own accounts receive its Test messages). */
    static final Set<String> OFFICE_ROLES = Set.of("BUREAU", "TOWNSHIP");

    /** Role codes whose accounts a warning reaches, and the group each is counted in (first held wins). */
    static final Map<String, String> ROLE_GROUPS = linked(
            "ENTERPRISE", "企业安全管理员",
            "TOWNSHIP", "乡镇(街道)责任人",
            "GRID", "村(社区)网格员",
            "BUREAU", "应急管理部门");
    static final String SAFETY_MANAGER = "企业安全管理员";

    /** Who was resolved: the targets of each audience, and the accounts among them (for the in-app notice). */
    record Audience(List<Target> staff, List<Target> publicTargets, List<Long> accounts) {

        /** Targets and reachable targets per audience and group, for the record and the compose page. */
        List<GroupCount> counts() {
            Map<String, int[]> counts = new TreeMap<>();
            for (Target t : staff) {
                count(counts, STAFF + "|" + t.group(), t);
            }
            for (Target t : publicTargets) {
                count(counts, PUBLIC + "|" + t.group(), t);
            }
            List<GroupCount> out = new ArrayList<>();
            counts.forEach((key, c) -> {
                String[] parts = key.split("\\|", 2);
                out.add(new GroupCount(parts[0], parts[1], c[0], c[1]));
            });
            return out;
        }

        private static void count(Map<String, int[]> counts, String key, Target t) {
            int[] c = counts.computeIfAbsent(key, k -> new int[2]);
            c[0]++;
            if (reachable(t)) {
                c[1]++;
            }
        }
    }

    record GroupCount(String audience, String group, int targeted, int reachable) {
    }

    private final Recipients recipients;
    private final EnterpriseRegistry enterprises;
    private final ContactDirectory contacts;
    private final RegionDirectory regions;

    WarningTargeting(Recipients recipients, EnterpriseRegistry enterprises, ContactDirectory contacts, RegionDirectory regions) {
        this.recipients = recipients;
        this.enterprises = enterprises;
        this.contacts = contacts;
        this.regions = regions;
    }

    static boolean reachable(Target t) {
        for (io.yingji.notification.Channel channel : io.yingji.notification.Channel.values()) {
            if (t.reachableBy(channel)) {
                return true;
            }
        }
        return false;
    }

    static boolean reachesPublic(String status, String scope) {
        return "Actual".equals(status) && "Public".equals(scope);
    }

    /** Whom a message was issued by (drafter and approver, where known): a Test message reaches them. */
    static List<Long> issuedBy(Warning w) {
        List<Long> ids = new ArrayList<>();
        if (w.draftedBy != null) {
            ids.add(w.draftedBy);
        }
        if (w.approvedBy != null) {
            ids.add(w.approvedBy);
        }
        return ids;
    }

    /**
     * @param addresses the CAP addresses of a Private message (usernames or mobile numbers)
     * @param issuedBy  the accounts that drafted and approved the message
     */
    Audience resolve(String issuingRegion, String status, String scope, List<String> addresses, List<Long> issuedBy, List<Area> areas) {
        RegionCode issuer = RegionCode.of(issuingRegion);
        if ("Test".equals(status)) {
            Collector office = new Collector();
            recipients.accountsIn(issuer, OFFICE_ROLES).stream()
                    .filter(a -> a.region().equals(issuer) && a.enterpriseId() == null)
                    .forEach(office::account);
            recipients.accounts(issuedBy).forEach(office::account);
            return new Audience(office.targets(), List.of(), office.accounts);
        }
        if ("Private".equals(scope)) {
            Collector addressees = new Collector();
            recipients.addressedIn(issuer, addresses).forEach(addressees::account);
            contacts.addressed(issuer, addresses, addressees::entry);
            return new Audience(addressees.targets(), List.of(), addressees.accounts);
        }
        boolean withPublic = reachesPublic(status, scope);
        Collector staff = new Collector();
        Collector citizens = new Collector();
        List<Recipients.Account> issuerAccounts = null;
        List<SafetyContact> issuerEnterprises = null;
        for (Area area : areas) {
            if (area.regionCode() != null) {
                RegionCode region = RegionCode.of(area.regionCode());
                recipients.accountsIn(region, ROLE_GROUPS.keySet()).forEach(staff::account);
                enterprises.safetyContacts(region).forEach(staff::safetyManager);
                contacts.each(region, null, withPublic ? null : Boolean.FALSE, e -> (isPublic(e) ? citizens : staff).entry(e));
                continue;
            }
            BoundingBox box = AreaGeometry.boxOf(area);
            if (box == null) {
                continue;
            }
            Set<String> touched = touchedRegions(issuer, box);
            if (issuerAccounts == null) {
                issuerAccounts = recipients.accountsIn(issuer, ROLE_GROUPS.keySet());
                issuerEnterprises = enterprises.safetyContacts(issuer);
            }
            Set<Long> enterprisesInside = new HashSet<>();
            for (SafetyContact e : issuerEnterprises) {
                if (AreaGeometry.contains(area, e.longitude(), e.latitude())) {
                    enterprisesInside.add(e.enterpriseId());
                    staff.safetyManager(e);
                }
            }
            for (Recipients.Account account : issuerAccounts) {
                boolean enterpriseAccount = account.enterpriseId() != null;
                if (enterpriseAccount ? enterprisesInside.contains(account.enterpriseId())
                        : touched.contains(account.region().value()) || account.region().equals(issuer)) {
                    staff.account(account);
                }
            }
            contacts.each(issuer, box, withPublic ? null : Boolean.FALSE, e -> {
                if (AreaGeometry.contains(area, e.longitude(), e.latitude())) {
                    (isPublic(e) ? citizens : staff).entry(e);
                }
            });
            contacts.unplacedIn(new ArrayList<>(touched), withPublic ? null : Boolean.FALSE,
                    e -> (isPublic(e) ? citizens : staff).entry(e));
        }
        return new Audience(staff.targets(), withPublic ? citizens.targets() : List.of(), staff.accounts);
    }

    private static boolean isPublic(ContactDirectory.Entry e) {
        return WarningContacts.PUBLIC.equals(e.group());
    }

    /** Regions of the issuer's subtree (the issuer included) whose extent overlaps the box; unknown extents count as touched. */
    private Set<String> touchedRegions(RegionCode issuer, BoundingBox box) {
        Set<String> touched = new HashSet<>();
        Deque<RegionCode> pending = new ArrayDeque<>();
        pending.add(issuer);
        while (!pending.isEmpty()) {
            RegionCode code = pending.poll();
            for (Region child : regions.children(code)) {
                if (child.boundingBox() == null || AreaGeometry.overlap(child.boundingBox(), box)) {
                    touched.add(child.code().value());
                    pending.add(child.code());
                }
            }
        }
        touched.add(issuer.value());
        return touched;
    }

    /** Targets of one audience, each person once (by account, enterprise or entry, then by mobile). */
    private static final class Collector {
        private final List<Target> targets = new ArrayList<>();
        private final Set<Long> users = new HashSet<>();
        private final Set<Long> enterprises = new HashSet<>();
        private final Set<Long> entries = new HashSet<>();
        private final Set<String> mobiles = new HashSet<>();
        private final List<Long> accounts = new ArrayList<>();
        /** A large audience lives in few regions: each code parsed once. */
        private final Map<String, RegionCode> regionCodes = new java.util.HashMap<>();

        private RegionCode region(String code) {
            RegionCode known = regionCodes.get(code);
            if (known == null) {
                known = RegionCode.of(code);
                regionCodes.put(code, known);
            }
            return known;
        }

        void account(Recipients.Account a) {
            if (!users.add(a.userId())) {
                return;
            }
            String group = ROLE_GROUPS.entrySet().stream().filter(g -> a.roles().contains(g.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse("应急管理部门");
            add(a.mobile(), new Target(a.userId(), a.displayName(), a.region(), group, blankToNull(a.mobile()), null, null, null));
            accounts.add(a.userId());
        }

        void safetyManager(SafetyContact e) {
            if (enterprises.add(e.enterpriseId())) {
                add(e.phone(), new Target(null, e.manager() + "（" + e.enterpriseName() + "）", region(e.regionCode()),
                        SAFETY_MANAGER, blankToNull(e.phone()), null, null, null));
            }
        }

        void entry(ContactDirectory.Entry e) {
            if (entries.add(e.id())) {
                add(e.mobile(), new Target(null, e.name(), region(e.regionCode()), e.group(), blankToNull(e.mobile()),
                        blankToNull(e.email()), blankToNull(e.webhookUrl()), blankToNull(e.broadcastTerminal())));
            }
        }

        private void add(@Nullable String mobile, Target target) {
            String m = blankToNull(mobile);
            if (m != null && !mobiles.add(m)) {
                return;
            }
            if (target.name().length() > 64) {
                target = new Target(target.userId(), target.name().substring(0, 63) + "…", target.region(), target.group(), target.mobile(),
                        target.email(), target.webhookUrl(), target.broadcastTerminal());
            }
            targets.add(target);
        }

        List<Target> targets() {
            return java.util.Collections.unmodifiableList(targets);
        }
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Map<String, String> linked(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
