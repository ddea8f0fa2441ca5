package io.yingji.monitoring.internal;

import io.yingji.monitoring.DeviceType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cost of the rule path per MQTT message: the server's own {@link TelemetryParser} and
 * {@link AlarmEngine} (the real classes, from the server's plain jar; this class sits in their package
 * to reach them), against plain JSON parsing of the same payloads.
 *
 * <ul>
 *   <li>{@code parseAndEvaluate}: each message parsed into readings as the MQTT consumer does, bound to
 *       its device (a map lookup standing in for the device cache), and the batch evaluated by the
 *       engine against the seeded combustible-gas rules (lel above 25 一级 and above 50 二级, hysteresis 2,
 *       plus the offline rule, which a reading does not evaluate).</li>
 *   <li>{@code parseOnly}: the server's parser alone, to split the cost.</li>
 *   <li>{@code plainStreamingParse} (the baseline of the ratio): Jackson's streaming parser over the
 *       same payloads reading the same fields ({@code ts} as a long, every metric name and number of
 *       {@code values}), building no objects.</li>
 *   <li>{@code plainTreeParse}: {@code JsonMapper.readTree} of the same payloads, for reference.</li>
 * </ul>
 * No database: every value stays below the thresholds (0–20 %LEL) and no alarm is open, so no state
 * changes and the engine makes none of its database calls (it makes them only when an alarm is raised,
 * recovers or relapses, and for an active alarm's last value once a second). The engine's one start-up
 * query (devices with an open offline alarm) answers "none" from a stub; the stub counts calls and the
 * run fails if the engine touched it, or the alarm store, while measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class RuleEvaluationBenchmark {

    static final int MESSAGES = 1_000;
    static final int DEVICES = 1_000;

    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    byte[][] payloads;
    String[] codes;
    Map<String, Device> devices;
    AlarmEngine engine;
    Instant now;
    final AtomicInteger databaseCalls = new AtomicInteger();
    final AtomicInteger alarmCalls = new AtomicInteger();

    @Setup
    public void setUp() {
        // the rules the migration seeds for combustible gas (ids as there)
        List<AlarmRule> rules = List.of(
                new AlarmRule(1, "lel", AlarmRule.Kind.ABOVE, 1, 25.0, 0, 2),
                new AlarmRule(2, "lel", AlarmRule.Kind.ABOVE, 2, 50.0, 0, 2),
                new AlarmRule(13, "*", AlarmRule.Kind.OFFLINE, 1, null, 0, 0));
        devices = new HashMap<>();
        for (int d = 0; d < DEVICES; d++) {
            String code = String.format("BM-%04d", d);
            devices.put(code, new Device(d + 1, code, "压测可燃气体探测器 " + d, DeviceType.COMBUSTIBLE_GAS, "330105", null, null,
                    30, true, rules));
        }
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long base = now.minusSeconds(3600).toEpochMilli();
        payloads = new byte[MESSAGES][];
        codes = new String[MESSAGES];
        for (int i = 0; i < MESSAGES; i++) {
            int d = i % DEVICES;
            codes[i] = String.format("BM-%04d", d);
            double value = ((d * 7919L + i * 104_729L) % 2000) / 100.0;
            // the payload the ingest benchmark publishes
            payloads[i] = ("{\"ts\":" + (base + 1000L * (i / DEVICES)) + ",\"values\":{\"lel\":" + value + "}}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        engine = new AlarmEngine(new NoAlarms(alarmCalls), stubJdbc(databaseCalls), null);
        // the engine's start (open alarms, offline devices) happens on its first batch: do it now
        engine.evaluate(List.of());
        databaseCalls.set(0);
        alarmCalls.set(0);
    }

    @TearDown
    public void check() {
        if (databaseCalls.get() > 0 || alarmCalls.get() > 0) {
            throw new IllegalStateException("the engine reached the database " + databaseCalls.get() + " times and the alarm store "
                    + alarmCalls.get() + " times: the measurement is not database-free");
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void parseAndEvaluate(Blackhole bh) {
        List<TelemetryParser.Sample> samples = new ArrayList<>(MESSAGES * 2);
        List<TelemetryParser.Rejection> rejections = new ArrayList<>();
        TelemetryParser.Sink sink = new TelemetryParser.Sink() {
            @Override
            public void sample(TelemetryParser.Sample sample) {
                samples.add(sample);
            }

            @Override
            public void reject(TelemetryParser.Rejection rejection) {
                rejections.add(rejection);
            }
        };
        for (int i = 0; i < MESSAGES; i++) {
            TelemetryParser.parseMessage(codes[i], payloads[i], now, sink);
        }
        List<AlarmEngine.Evaluated> evaluated = new ArrayList<>(samples.size());
        for (TelemetryParser.Sample sample : samples) {
            evaluated.add(new AlarmEngine.Evaluated(devices.get(sample.deviceCode()), sample.metric(), sample.ts(), sample.value()));
        }
        engine.evaluate(evaluated);
        bh.consume(evaluated);
        bh.consume(rejections);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void parseOnly(Blackhole bh) {
        List<TelemetryParser.Sample> samples = new ArrayList<>(MESSAGES * 2);
        TelemetryParser.Sink sink = new TelemetryParser.Sink() {
            @Override
            public void sample(TelemetryParser.Sample sample) {
                samples.add(sample);
            }

            @Override
            public void reject(TelemetryParser.Rejection rejection) {
                bh.consume(rejection);
            }
        };
        for (int i = 0; i < MESSAGES; i++) {
            TelemetryParser.parseMessage(codes[i], payloads[i], now, sink);
        }
        bh.consume(samples);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void plainStreamingParse(Blackhole bh) {
        for (int i = 0; i < MESSAGES; i++) {
            try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), payloads[i])) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalStateException();
                }
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    JsonToken token = p.nextToken();
                    if (name.equals("ts") && token == JsonToken.VALUE_NUMBER_INT) {
                        bh.consume(p.getLongValue());
                    } else if (name.equals("values") && token == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                            bh.consume(p.currentName());
                            p.nextToken();
                            bh.consume(p.getDoubleValue());
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void plainTreeParse(Blackhole bh) {
        for (int i = 0; i < MESSAGES; i++) {
            bh.consume(MAPPER.readTree(payloads[i]));
        }
    }

    /** The alarm store with no open alarms; counts any other use (none may happen while measuring). */
    static final class NoAlarms extends Alarms {
        private final AtomicInteger calls;

        NoAlarms(AtomicInteger calls) {
            super(null, null, null, null, null, null, null, null);
            this.calls = calls;
        }

        @Override
        Map<String, Boolean> openStates() {
            return Map.of();
        }

        @Override
        long raiseOrJoin(Device device, AlarmRule rule, String metric, @Nullable Double value, Instant at) {
            calls.incrementAndGet();
            return -1;
        }

        @Override
        void breach(long id, @Nullable Double value, Instant at) {
            calls.incrementAndGet();
        }

        @Override
        void recover(long id, Instant at) {
            calls.incrementAndGet();
        }
    }

    /** A JdbcClient answering every query with nothing, counting the queries. */
    static JdbcClient stubJdbc(AtomicInteger calls) {
        InvocationHandler handler = new InvocationHandler() {
            @Override
            public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) {
                if (method.getDeclaringClass() == Object.class) {
                    return switch (method.getName()) {
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "stub";
                    };
                }
                if (method.getName().equals("sql")) {
                    calls.incrementAndGet();
                }
                Class<?> type = method.getReturnType();
                if (type == List.class) {
                    return List.of();
                }
                if (type == Optional.class) {
                    return Optional.empty();
                }
                if (type.isInterface()) {
                    return Proxy.newProxyInstance(RuleEvaluationBenchmark.class.getClassLoader(), new Class<?>[] {type}, this);
                }
                return null;
            }
        };
        return (JdbcClient) Proxy.newProxyInstance(RuleEvaluationBenchmark.class.getClassLoader(), new Class<?>[] {JdbcClient.class}, handler);
    }

    /**
     * Runs the four benchmarks (JMH options on the command line override the defaults, e.g. -f 1 -wi 3)
     * and prints {@code name: value unit} lines with the ratio plain parse / (parse + evaluate).
     */
    public static void main(String[] args) throws Exception {
        CommandLineOptions command = new CommandLineOptions(args);
        Options options = new OptionsBuilder().parent(command).include(RuleEvaluationBenchmark.class.getName() + "\\.").build();
        Map<String, Double> score = new HashMap<>();
        for (RunResult result : new Runner(options).run()) {
            String name = result.getParams().getBenchmark();
            score.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
        }
        System.out.println("machine_cores: " + Runtime.getRuntime().availableProcessors() + " cores");
        for (String name : List.of("parseAndEvaluate", "parseOnly", "plainStreamingParse", "plainTreeParse")) {
            if (score.containsKey(name)) {
                System.out.printf(Locale.ROOT, "rules_%s: %.0f messages/s%n", name, score.get(name));
            }
        }
        if (score.containsKey("parseAndEvaluate") && score.containsKey("plainStreamingParse")) {
            System.out.printf(Locale.ROOT, "rules_ratio_parse_evaluate_over_streaming_parse: %.2f ratio%n",
                    score.get("parseAndEvaluate") / score.get("plainStreamingParse"));
        }
        if (score.containsKey("parseAndEvaluate") && score.containsKey("plainTreeParse")) {
            System.out.printf(Locale.ROOT, "rules_ratio_parse_evaluate_over_tree_parse: %.2f ratio%n",
                    score.get("parseAndEvaluate") / score.get("plainTreeParse"));
        }
    }
}
