package io.yingji.monitoring.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.audit.AuditTrail;
import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import io.yingji.shared.RegionCode;
import io.yingji.shared.UtcTimestamps;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "监测预警 Monitoring")
class TelemetryController {

    record RejectionView(@Nullable String device, String reason, String message, String detail) {
    }

    record IngestAnswer(int accepted, int rejected, List<RejectionView> rejections) {
    }

    record Bucket(Instant t, double min, double avg, double max, long count) {
    }

    record Series(long deviceId, String metric, Instant from, Instant to, long bucketSeconds, List<Bucket> points) {
    }

    record GatewayDraft(@Nullable String code, @Nullable String name, @Nullable String regionCode, @Nullable Long enterpriseId) {
    }

    record GatewayIssued(long id, String code, String key) {
    }

    private final TelemetryIngest ingest;
    private final DeviceRegistry registry;
    private final JdbcClient jdbc;
    private final CallerContext callers;
    private final EnterpriseRegistry enterprises;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final Clock clock;

    TelemetryController(TelemetryIngest ingest, DeviceRegistry registry, JdbcClient jdbc, CallerContext callers,
                        EnterpriseRegistry enterprises, AuditTrail audit, MessageSource messages, Clock clock) {
        this.ingest = ingest;
        this.registry = registry;
        this.jdbc = jdbc;
        this.callers = callers;
        this.enterprises = enterprises;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    @PostMapping(path = "/api/telemetry", consumes = "application/json")
    @Operation(summary = "A batch of readings {\"readings\":[{\"device\",\"ts\",\"values\":{…}}]}, authenticated by "
            + "'Authorization: Device <code>:<key>' or 'Gateway <code>:<key>'; answers after the readings are stored, "
            + "with every refused reading and why")
    IngestAnswer receive(HttpServletRequest request) throws IOException, SQLException {
        TelemetryIngest.Sender sender = authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
        byte[] body = request.getInputStream().readAllBytes();
        TelemetryParser.Collected parsed = new TelemetryParser.Collected(256);
        try {
            TelemetryParser.parseBatch(body, clock.instant(), parsed);
        } catch (TelemetryParser.MalformedBatch e) {
            throw Problem.invalid("readings", "telemetry.batch.malformed", e.getMessage());
        }
        if (parsed.samples.size() + parsed.rejections.size() > 50_000) {
            throw Problem.invalid("readings", "telemetry.batch.too-many", 50_000);
        }
        TelemetryIngest.Result result = ingest.ingest("HTTP", parsed.samples, parsed.rejections, sender);
        Locale locale = LocaleContextHolder.getLocale();
        List<RejectionView> views = result.rejections().stream()
                .map(r -> new RejectionView(r.deviceCode(), r.reason().name(),
                        messages.getMessage("telemetry.reason." + r.reason().name(), null, r.reason().name(), locale), r.detail()))
                .toList();
        return new IngestAnswer(result.accepted(), views.size(), views);
    }

    /** The devices a credential may report for; 401 for a missing or wrong one. */
    private TelemetryIngest.Sender authenticate(@Nullable String header) {
        if (header == null) {
            throw new Problem(401, "telemetry.credential.missing");
        }
        int space = header.indexOf(' ');
        int colon = header.indexOf(':', space + 1);
        if (space < 0 || colon < 0) {
            throw new Problem(401, "telemetry.credential.missing");
        }
        String scheme = header.substring(0, space);
        String code = header.substring(space + 1, colon).strip();
        String hash = DeviceRegistry.sha256(header.substring(colon + 1).strip());
        if (scheme.equalsIgnoreCase("Device")) {
            Optional<String> stored = jdbc.sql("select key_hash from device where code = :code and key_hash is not null")
                    .param("code", code).query(String.class).optional();
            if (stored.isEmpty() || !same(stored.get(), hash)) {
                throw new Problem(401, "telemetry.credential.wrong");
            }
            return (reported, device) -> reported.equals(code);
        }
        if (scheme.equalsIgnoreCase("Gateway")) {
            record Gateway(String hash, String region, @Nullable Long enterprise) {
            }
            Optional<Gateway> gateway = jdbc.sql("select key_hash, region_code, enterprise_id from telemetry_gateway where code = :code")
                    .param("code", code).query((rs, n) -> new Gateway(rs.getString("key_hash"), rs.getString("region_code"),
                            rs.getObject("enterprise_id", Long.class))).optional();
            if (gateway.isEmpty() || !same(gateway.get().hash(), hash)) {
                throw new Problem(401, "telemetry.credential.wrong");
            }
            Gateway g = gateway.get();
            String prefix = RegionCode.of(g.region()).subtreePrefix();
            // an unknown code is let through to be refused as UNKNOWN_DEVICE: the gateway's installer needs to know
            return (reported, device) -> device == null || (g.enterprise() != null ? g.enterprise().equals(device.enterpriseId())
                    : device.regionCode().startsWith(prefix));
        }
        throw new Problem(401, "telemetry.credential.missing");
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.US_ASCII), b.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @PostMapping("/api/telemetry/gateways")
    @Operation(summary = "Register an HTTP gateway reporting for the devices of an enterprise or a region subtree; its key is answered once")
    @Transactional
    ResponseEntity<GatewayIssued> registerGateway(@RequestBody GatewayDraft draft) {
        Caller caller = callers.requirePermission(Permissions.MONITORING_MANAGE);
        List<FieldProblem> problems = new ArrayList<>();
        String code = draft.code() == null ? "" : draft.code().strip();
        if (!DeviceRegistry.CODE.matcher(code).matches()) {
            problems.add(new FieldProblem("code", "device.code.invalid"));
        } else if (jdbc.sql("select count(*) from telemetry_gateway where code = :c").param("c", code).query(Long.class).single() > 0) {
            problems.add(new FieldProblem("code", "device.code.taken", code));
        }
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty() || name.length() > 128) {
            problems.add(new FieldProblem("name", "device.name.required"));
        }
        Long enterprise = draft.enterpriseId() != null ? draft.enterpriseId() : caller.enterpriseId();
        String region = draft.regionCode() == null ? caller.region().value() : draft.regionCode();
        if (enterprise != null) {
            var found = enterprises.find(enterprise);
            if (found.isEmpty() || (caller.enterpriseId() != null && !caller.enterpriseId().equals(enterprise))) {
                // an enterprise outside the caller's scope is answered like one that does not exist
                throw Problem.notFound("enterprise", enterprise);
            }
            region = found.get().regionCode();
        } else if (!RegionCode.isValid(region)) {
            problems.add(new FieldProblem("regionCode", "device.region.outside", region));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        if (!caller.region().contains(RegionCode.of(region))) {
            // region codes are public: a region outside the caller's scope is refused, not hidden
            throw Problem.forbidden();
        }
        String key = DeviceRegistry.newKey();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into telemetry_gateway (code, name, key_hash, region_code, enterprise_id, created_at)
                values (:code, :name, :hash, :region, :enterprise, :at)""")
                .param("code", code).param("name", name).param("hash", DeviceRegistry.sha256(key)).param("region", region)
                .param("enterprise", enterprise).param("at", UtcTimestamps.of(clock.instant())).update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        audit.record("telemetry.gateway", "telemetry_gateway", String.valueOf(id), region, Map.of("code", code));
        return ResponseEntity.status(201).body(new GatewayIssued(id, code, key));
    }

    @GetMapping("/api/devices/{id}/telemetry")
    @Operation(summary = "A device's readings of one metric in a time range, downsampled to at most `points` buckets (min/avg/max)")
    @Transactional(readOnly = true)
    Series series(@PathVariable long id, @RequestParam(required = false) @Nullable String metric,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
                  @RequestParam(defaultValue = "200") int points) {
        callers.requirePermission(Permissions.MONITORING_READ);
        DeviceRegistry.DeviceView device = registry.find(id).orElseThrow(() -> Problem.notFound("device", id));
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(Duration.ofHours(24)) : from;
        List<FieldProblem> problems = new ArrayList<>();
        if (!start.isBefore(end)) {
            problems.add(new FieldProblem("to", "problem.range.order"));
        } else if (Duration.between(start, end).compareTo(Duration.ofDays(366)) > 0) {
            problems.add(new FieldProblem("from", "telemetry.range.too-long", 366));
        }
        if (points < 1 || points > 2000) {
            problems.add(new FieldProblem("points", "telemetry.points.range", 1, 2000));
        }
        String name = metric != null ? metric : defaultMetric(device);
        if (name == null) {
            problems.add(new FieldProblem("metric", "telemetry.metric.required"));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid(problems);
        }
        long bucket = Math.max(1, (Duration.between(start, end).getSeconds() + points - 1) / points);
        long origin = start.getEpochSecond();
        List<Bucket> buckets = jdbc.sql("""
                select b, min(val) as lo, avg(val) as mean, max(val) as hi, count(*) as n
                  from (select floor((extract(epoch from ts) - :origin) / :bucket) as b, val
                          from telemetry where device_id = :device and metric = :metric and ts >= :from and ts < :to) x
                 group by b order by b""")
                .param("origin", origin).param("bucket", bucket).param("device", id).param("metric", name)
                .param("from", UtcTimestamps.of(start)).param("to", UtcTimestamps.of(end))
                .query((rs, n) -> new Bucket(Instant.ofEpochSecond(origin + rs.getLong("b") * bucket), rs.getDouble("lo"),
                        rs.getDouble("mean"), rs.getDouble("hi"), rs.getLong("n")))
                .list();
        return new Series(id, name, start, end, bucket, buckets);
    }

    private @Nullable String defaultMetric(DeviceRegistry.DeviceView device) {
        return io.yingji.monitoring.DeviceType.valueOf(device.type()).metric();
    }
}
