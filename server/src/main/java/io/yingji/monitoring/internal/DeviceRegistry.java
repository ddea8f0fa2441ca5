package io.yingji.monitoring.internal;

import static io.swagger.v3.oas.annotations.media.Schema.AccessMode.READ_ONLY;

import io.swagger.v3.oas.annotations.media.Schema;
import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.access.ScopeColumns;
import io.yingji.access.ScopedQueries;
import io.yingji.audit.AuditTrail;
import io.yingji.enterprise.Enterprise;
import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.monitoring.DeviceType;
import io.yingji.region.RegionDirectory;
import io.yingji.shared.BoundingBox;
import io.yingji.shared.GeoPoint;
import io.yingji.shared.PageOf;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import io.yingji.shared.RegionCode;
import io.yingji.shared.SortOrder;
import io.yingji.shared.UtcTimestamps;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registering, changing, finding and importing devices, within the caller's scope. */
@Service
class DeviceRegistry {

    static final ScopeColumns COLUMNS = new ScopeColumns("d.region_code", "d.industry", "d.enterprise_id");
    /** Letters, digits, dot, underscore and hyphen: safe as the last level of an MQTT topic. */
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A device as the API shows it; the read-only fields are the server's and are ignored when sent back. */
    record DeviceView(@Schema(accessMode = READ_ONLY) long id, String code, String name, String type, @Nullable String unit,
                      String regionCode, @Schema(accessMode = READ_ONLY) String regionName,
                      @Schema(accessMode = READ_ONLY) @Nullable String industry, @Nullable Long enterpriseId,
                      @Schema(accessMode = READ_ONLY) @Nullable String enterpriseName,
                      @Nullable Long hazardSourceId, double longitude, double latitude, int expectedIntervalSeconds,
                      @Nullable String streamUrl, boolean enabled, @Schema(accessMode = READ_ONLY) boolean hasKey,
                      @Schema(accessMode = READ_ONLY) @Nullable Instant lastSeenAt, @Schema(accessMode = READ_ONLY) boolean online,
                      @Schema(accessMode = READ_ONLY) long openAlarms, @Schema(accessMode = READ_ONLY) Instant createdAt,
                      int version) {
    }

    private static final String SELECT = """
            select d.*, r.name as region_name, e.name as enterprise_name,
                   (select count(*) from alarm a where a.device_id = d.id and a.open_key is not null) as open_alarms
              from device d join region r on r.code = d.region_code left join enterprise e on e.id = d.enterprise_id""";

    private final JdbcClient jdbc;
    private final ScopedQueries scoped;
    private final CallerContext callers;
    private final EnterpriseRegistry enterprises;
    private final RegionDirectory regions;
    private final AuditTrail audit;
    private final DeviceDirectory directory;
    private final Clock clock;

    DeviceRegistry(JdbcClient jdbc, ScopedQueries scoped, CallerContext callers, EnterpriseRegistry enterprises,
                   RegionDirectory regions, AuditTrail audit, DeviceDirectory directory, Clock clock) {
        this.jdbc = jdbc;
        this.scoped = scoped;
        this.callers = callers;
        this.enterprises = enterprises;
        this.regions = regions;
        this.audit = audit;
        this.directory = directory;
        this.clock = clock;
    }

    /** A registered device and, once only, its key for the HTTP endpoint. */
    record Registered(DeviceView device, String key) {
    }

    @Transactional
    Registered register(DeviceDraft draft) {
        callers.requirePermission(Permissions.MONITORING_MANAGE);
        Valid valid = validate(draft, null, null);
        requireReachable(valid);
        if (!valid.problems().isEmpty()) {
            throw Problem.invalid(valid.problems());
        }
        if (jdbc.sql("select count(*) from device where code = :code").param("code", valid.code()).query(Long.class).single() > 0) {
            throw Problem.invalid("code", "device.code.taken", valid.code());
        }
        String key = newKey();
        long id = insert(valid, key);
        audit.record("device.register", "device", String.valueOf(id), valid.regionCode(), Map.of("code", valid.code(), "type", valid.type().name()));
        directory.evict(valid.code());
        return new Registered(find(id).orElseThrow(), key);
    }

    @Transactional
    DeviceView change(long id, DeviceDraft draft) {
        callers.requirePermission(Permissions.MONITORING_MANAGE);
        DeviceView current = find(id).orElseThrow(() -> Problem.outOfScope("device", id));
        Valid valid = validate(draft, current.code(), current);
        requireReachable(valid);
        if (!valid.problems().isEmpty()) {
            throw Problem.invalid(valid.problems());
        }
        int changed = jdbc.sql("""
                update device set name = :name, type = :type, unit = :unit, region_code = :region, industry = :industry,
                       enterprise_id = :enterprise, hazard_source_id = :source, longitude = :lon, latitude = :lat,
                       expected_interval_seconds = :interval, stream_url = :stream, enabled = :enabled,
                       version = version + 1
                 where id = :id and version = :version""")
                .param("name", valid.name()).param("type", valid.type().name()).param("unit", valid.unit())
                .param("region", valid.regionCode()).param("industry", valid.industry()).param("enterprise", valid.enterpriseId())
                .param("source", valid.hazardSourceId()).param("lon", valid.longitude()).param("lat", valid.latitude())
                .param("interval", valid.interval()).param("stream", valid.streamUrl()).param("enabled", valid.enabled())
                .param("id", id).param("version", draft.version() == null ? current.version() : draft.version()).update();
        if (changed == 0) {
            throw Problem.conflict("problem.version.stale");
        }
        audit.record("device.change", "device", String.valueOf(id), valid.regionCode(), Map.of("code", current.code()));
        directory.evict(current.code());
        return find(id).orElseThrow();
    }

    /** Issues a new HTTP key (the old one stops working at once); answered once, stored only as its hash. */
    @Transactional
    String rotateKey(long id, @Nullable Integer version) {
        callers.requirePermission(Permissions.MONITORING_MANAGE);
        DeviceView device = find(id).orElseThrow(() -> Problem.outOfScope("device", id));
        String key = newKey();
        // conditional on the version read: of concurrent rotations one key is issued, the others are told (409)
        if (jdbc.sql("update device set key_hash = :hash, version = version + 1 where id = :id and version = :version")
                .param("hash", sha256(key)).param("id", id).param("version", version == null ? device.version() : version)
                .update() == 0) {
            throw Problem.conflict("problem.version.stale");
        }
        audit.record("device.key", "device", String.valueOf(id), device.regionCode(), Map.of("code", device.code()));
        return key;
    }

    Optional<DeviceView> find(long id) {
        return scoped.sql(SELECT + " where {scope} and d.id = :id", COLUMNS).param("id", id).query(this::view).optional();
    }

    boolean exists(long id) {
        return jdbc.sql("select count(*) from device where id = :id").param("id", id).query(Long.class).single() > 0;
    }

    /** What the device list sorts by: its visible columns. */
    static final SortOrder SORT = SortOrder.of(Map.of(
            "name", "d.name", "code", "d.code", "type", "d.type", "enterprise", "e.name", "region", "r.name",
            "openAlarms", "open_alarms", "lastSeenAt", "d.last_seen_at", "createdAt", "d.created_at"), "d.id");

    /** At most this many devices in one export. */
    static final int MAX_EXPORT = 50_000;

    /** The filters of the device list; the caller's scope always applies on top. */
    record DeviceSearch(@Nullable String regionCode, @Nullable String type, @Nullable Long enterpriseId, @Nullable String q,
                        @Nullable String sort) {
    }

    PageOf<DeviceView> search(DeviceSearch search, int page, int size) {
        callers.requirePermission(Permissions.MONITORING_READ);
        PageOf.check(page, size);
        return find(search, page, size);
    }

    private PageOf<DeviceView> find(DeviceSearch search, int page, int size) {
        callers.requirePermission(Permissions.MONITORING_READ);
        String order = SORT.orderBy(search.sort());
        StringBuilder where = new StringBuilder(" where {scope}");
        Map<String, Object> params = new LinkedHashMap<>();
        filter(search, where, params);
        var count = scoped.sql("select count(*) from device d" + where, COLUMNS);
        params.forEach(count::param);
        var select = scoped.sql(SELECT + where + order + " limit :limit offset :offset", COLUMNS);
        params.forEach(select::param);
        List<DeviceView> content = select.param("limit", size).param("offset", (long) page * size).query(this::view).list();
        return PageOf.of(content, page, size, count.query(Long.class).single());
    }

    /** Every device the search finds in scope, in the list's order, for the export (audited). */
    @Transactional
    List<DeviceView> export(DeviceSearch search) {
        PageOf<DeviceView> all = find(search, 0, MAX_EXPORT);
        if (all.totalElements() > MAX_EXPORT) {
            throw Problem.invalid("regionCode", "device.export.too-many", all.totalElements(), MAX_EXPORT);
        }
        audit.recordExport("device", "device", search.regionCode(), search, all.content().size());
        return all.content();
    }

    private static void filter(DeviceSearch search, StringBuilder where, Map<String, Object> params) {
        String regionCode = search.regionCode();
        String type = search.type();
        List<FieldProblem> problems = new ArrayList<>();
        if (regionCode != null && !RegionCode.isValid(regionCode)) {
            problems.add(new FieldProblem("regionCode", "enterprise.region.invalid", regionCode));
        }
        if (type != null && Arrays.stream(DeviceType.values()).noneMatch(t -> t.name().equals(type))) {
            problems.add(new FieldProblem("type", "device.type.invalid", type));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        if (regionCode != null) {
            where.append(" and d.region_code like :region");
            params.put("region", RegionCode.of(regionCode).subtreeLikePattern());
        }
        if (type != null) {
            where.append(" and d.type = :type");
            params.put("type", type);
        }
        if (search.enterpriseId() != null) {
            where.append(" and d.enterprise_id = :enterprise");
            params.put("enterprise", search.enterpriseId());
        }
        if (search.q() != null && !search.q().isBlank()) {
            where.append(" and (d.code like :q or d.name like :q)");
            params.put("q", "%" + search.q().strip().replace("%", "\\%").replace("_", "\\_") + "%");
        }
    }

    /** The devices of the one map by column: device {@code i} is {@code id[i]}, {@code code[i]}, … */
    record DeviceLayer(int count, long[] id, String[] code, String[] name, String[] type, double[] longitude,
                       double[] latitude, boolean[] online, long[] openAlarms) {
    }

    DeviceLayer mapLayer(@Nullable String regionCode) {
        callers.requirePermission(Permissions.MONITORING_READ);
        if (regionCode != null && !RegionCode.isValid(regionCode)) {
            throw Problem.invalid("regionCode", "enterprise.region.invalid", regionCode);
        }
        var query = scoped.sql(SELECT + " where {scope}" + (regionCode == null ? "" : " and d.region_code like :region")
                + " order by d.id", COLUMNS);
        if (regionCode != null) {
            query.param("region", RegionCode.of(regionCode).subtreeLikePattern());
        }
        List<DeviceView> devices = query.query(this::view).list();
        int n = devices.size();
        DeviceLayer layer = new DeviceLayer(n, new long[n], new String[n], new String[n], new String[n], new double[n],
                new double[n], new boolean[n], new long[n]);
        for (int i = 0; i < n; i++) {
            DeviceView d = devices.get(i);
            layer.id()[i] = d.id();
            layer.code()[i] = d.code();
            layer.name()[i] = d.name();
            layer.type()[i] = d.type();
            layer.longitude()[i] = io.yingji.enterprise.MapLayer.coordinate(d.longitude());
            layer.latitude()[i] = io.yingji.enterprise.MapLayer.coordinate(d.latitude());
            layer.online()[i] = d.online();
            layer.openAlarms()[i] = d.openAlarms();
        }
        return layer;
    }

    /** Registers every line or none (the import): answers how many; throws listing each wrong line. */
    @Transactional
    int registerAll(List<DeviceDraft> drafts, List<FieldProblem> parseProblems) {
        callers.requirePermission(Permissions.MONITORING_MANAGE);
        List<FieldProblem> problems = new ArrayList<>(parseProblems);
        List<Valid> valid = new ArrayList<>();
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            int line = i + 2;
            Valid v = validate(drafts.get(i), null, null);
            v.problems().forEach(p -> problems.add(new FieldProblem(line, p.field(), p.messageKey(), p.args())));
            if (v.problems().isEmpty()) {
                if (!codes.add(v.code())) {
                    problems.add(new FieldProblem(line, "code", "device.code.repeated", v.code()));
                } else if (jdbc.sql("select count(*) from device where code = :code").param("code", v.code()).query(Long.class).single() > 0) {
                    problems.add(new FieldProblem(line, "code", "device.code.taken", v.code()));
                }
                valid.add(v);
            }
        }
        if (drafts.isEmpty() && problems.isEmpty()) {
            throw Problem.invalid("file", "device.import.empty");
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        for (Valid v : valid) {
            long id = insert(v, null);
            directory.evict(v.code());
            audit.record("device.register", "device", String.valueOf(id), v.regionCode(), Map.of("code", v.code(), "source", "import"));
        }
        return valid.size();
    }

    private long insert(Valid v, @Nullable String key) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into device (code, name, type, unit, region_code, industry, enterprise_id, hazard_source_id, longitude,
                    latitude, expected_interval_seconds, stream_url, key_hash, enabled, created_at)
                values (:code, :name, :type, :unit, :region, :industry, :enterprise, :source, :lon, :lat, :interval, :stream,
                    :hash, :enabled, :at)""")
                .param("code", v.code()).param("name", v.name()).param("type", v.type().name()).param("unit", v.unit())
                .param("region", v.regionCode()).param("industry", v.industry()).param("enterprise", v.enterpriseId())
                .param("source", v.hazardSourceId()).param("lon", v.longitude()).param("lat", v.latitude())
                .param("interval", v.interval()).param("stream", v.streamUrl()).param("hash", key == null ? null : sha256(key))
                .param("enabled", v.enabled()).param("at", UtcTimestamps.of(clock.instant()))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /**
     * The answer to a single request (an import reports every problem by line instead): an enterprise
     * or hazard source the caller cannot see is 404 as if it did not exist; then wrong fields are 400;
     * then a device outside the caller's scope is 403 (region codes are public, so naming one outside
     * is refused, not hidden). A device is only registered where its registrar can read it afterwards.
     */
    private void requireReachable(Valid valid) {
        List<FieldProblem> wrong = new ArrayList<>();
        for (FieldProblem problem : valid.problems()) {
            switch (problem.messageKey()) {
                case "hazard.enterprise.unknown" -> throw Problem.notFound("enterprise", problem.args()[0]);
                case "device.hazard-source.unknown" -> throw Problem.notFound("major_hazard_source", problem.args()[0]);
                case "device.region.outside" -> {
                }
                default -> wrong.add(problem);
            }
        }
        if (!wrong.isEmpty()) {
            throw Problem.invalid(wrong);
        }
        if (!valid.problems().isEmpty() || !callers.scope().covers(valid.regionCode(),
                valid.industry() == null ? null : io.yingji.shared.Industry.valueOf(valid.industry()), valid.enterpriseId())) {
            throw Problem.forbidden();
        }
    }

    private record Valid(String code, String name, DeviceType type, @Nullable String unit, String regionCode,
                         @Nullable String industry, @Nullable Long enterpriseId, @Nullable Long hazardSourceId, double longitude,
                         double latitude, int interval, @Nullable String streamUrl, boolean enabled, List<FieldProblem> problems) {
    }

    private Valid validate(DeviceDraft d, @Nullable String fixedCode, @Nullable DeviceView current) {
        Caller caller = callers.require();
        List<FieldProblem> problems = new ArrayList<>();
        String code = fixedCode != null ? fixedCode : d.code() == null ? "" : d.code().strip();
        if (fixedCode == null && !CODE.matcher(code).matches()) {
            problems.add(new FieldProblem("code", "device.code.invalid"));
        } else if (fixedCode != null && d.code() != null && !d.code().strip().equals(fixedCode)) {
            // a change may repeat the code (a GET sent back) but never bring another, nor one a create would refuse
            problems.add(CODE.matcher(d.code().strip()).matches() ? new FieldProblem("code", "device.code.fixed", fixedCode)
                    : new FieldProblem("code", "device.code.invalid"));
        }
        String name = d.name() == null ? "" : d.name().strip();
        if (name.isEmpty()) {
            problems.add(new FieldProblem("name", "device.name.required"));
        } else if (name.length() > 128) {
            problems.add(new FieldProblem("name", "problem.field.too-long", 128));
        }
        DeviceType type = null;
        try {
            type = DeviceType.valueOf(String.valueOf(d.type()));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("type", "device.type.invalid", String.valueOf(d.type())));
        }
        Enterprise enterprise = null;
        Long enterpriseId = d.enterpriseId() != null ? d.enterpriseId() : caller.enterpriseId();
        if (caller.enterpriseId() != null && !caller.enterpriseId().equals(enterpriseId)) {
            // another enterprise is outside an enterprise account's scope: as unknown as a missing one
            problems.add(new FieldProblem("enterpriseId", "hazard.enterprise.unknown", enterpriseId));
        } else if (enterpriseId != null) {
            enterprise = enterprises.find(enterpriseId).orElse(null);
            if (enterprise == null) {
                problems.add(new FieldProblem("enterpriseId", "hazard.enterprise.unknown", enterpriseId));
            }
        }
        String regionCode = d.regionCode() != null && !d.regionCode().isBlank() ? d.regionCode().strip()
                : enterprise != null ? enterprise.regionCode() : current != null ? current.regionCode() : null;
        if (regionCode == null || !RegionCode.isValid(regionCode) || regions.find(RegionCode.of(regionCode)).isEmpty()) {
            problems.add(Problem.unknownRegion(null, "regionCode", regionCode));
        } else if (!caller.region().contains(RegionCode.of(regionCode))) {
            problems.add(new FieldProblem("regionCode", "device.region.outside", regionCode));
        } else if (RegionCode.of(regionCode).level() < 3) {
            problems.add(new FieldProblem("regionCode", "hazard.region.too-high"));
        } else if (enterprise != null && !enterprise.regionCode().equals(regionCode)) {
            problems.add(new FieldProblem("regionCode", "device.region.enterprise", enterprise.regionName()));
        }
        double lon = d.longitude() != null ? d.longitude() : enterprise != null ? enterprise.longitude() : current != null ? current.longitude() : Double.NaN;
        double lat = d.latitude() != null ? d.latitude() : enterprise != null ? enterprise.latitude() : current != null ? current.latitude() : Double.NaN;
        if (Double.isNaN(lon) || Double.isNaN(lat) || !BoundingBox.CHINA.contains(new GeoPoint(lon, lat))) {
            problems.add(new FieldProblem("longitude", "device.location.invalid"));
        }
        int interval = d.expectedIntervalSeconds() != null ? d.expectedIntervalSeconds() : type != null ? type.intervalSeconds() : 0;
        if (type != null && type != DeviceType.VIDEO && (interval < 5 || interval > 86_400)) {
            problems.add(new FieldProblem("expectedIntervalSeconds", "device.interval.range", 5, 86_400));
        }
        String stream = d.streamUrl() == null || d.streamUrl().isBlank() ? null : d.streamUrl().strip();
        if (stream != null && (stream.length() > 512 || !stream.matches("(?i)(rtsp|rtmp|https?|ws|wss)://\\S+"))) {
            problems.add(new FieldProblem("streamUrl", "device.stream.invalid"));
        }
        String unit = d.unit() == null || d.unit().isBlank() ? type == null ? null : type.unit() : d.unit().strip();
        if (unit != null && unit.length() > 16) {
            problems.add(new FieldProblem("unit", "problem.field.too-long", 16));
        }
        Long hazardSourceId = d.hazardSourceId() != null ? d.hazardSourceId() : current != null ? current.hazardSourceId() : null;
        if (hazardSourceId != null && (enterprise == null || !enterprises.hasHazardSource(enterprise.id(), hazardSourceId))) {
            // a device watches a major hazard source of its own enterprise, never another's
            problems.add(new FieldProblem("hazardSourceId", "device.hazard-source.unknown", hazardSourceId));
        }
        // as a hazard report does: the enterprise's industry, else the one it had, else the department's only one
        String industry = enterprise != null ? enterprise.industry().name()
                : current != null && current.enterpriseId() == null ? current.industry()
                : caller.industries().size() == 1 ? caller.industries().iterator().next().name() : null;
        boolean enabled = d.enabled() == null ? current == null || current.enabled() : d.enabled();
        return new Valid(code, name, type == null ? DeviceType.VIDEO : type, unit, regionCode == null ? "" : regionCode, industry,
                enterpriseId, hazardSourceId, lon, lat, interval, stream, enabled, problems);
    }

    private DeviceView view(ResultSet rs, int n) throws SQLException {
        Instant lastSeen = UtcTimestamps.read(rs, "last_seen_at");
        int interval = rs.getInt("expected_interval_seconds");
        boolean online = lastSeen != null && !lastSeen.plusSeconds(2L * Math.max(interval, 1)).isBefore(clock.instant());
        return new DeviceView(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("type"),
                rs.getString("unit"), rs.getString("region_code"), rs.getString("region_name"), rs.getString("industry"),
                rs.getObject("enterprise_id", Long.class), rs.getString("enterprise_name"), rs.getObject("hazard_source_id", Long.class),
                rs.getDouble("longitude"), rs.getDouble("latitude"), interval, rs.getString("stream_url"), rs.getBoolean("enabled"),
                rs.getString("key_hash") != null, lastSeen, online, rs.getLong("open_alarms"), UtcTimestamps.read(rs, "created_at"),
                rs.getInt("version"));
    }

    static String newKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
