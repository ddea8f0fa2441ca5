package io.yingji.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CPU time (Linux /proc) used during a phase by each party on the shared machine: the server, Mosquitto,
 * PostgreSQL (the backends of the benchmark's database and the WAL writer, checkpointer and background
 * writer), this load generator, and everything else. On a busy two-core machine a rate alone says as
 * much about the neighbours as about the server; CPU per reading does not depend on them.
 */
final class CpuMeter {

    private static final double TICK_MS = 10.0; // USER_HZ is 100 on Linux

    private final long serverPid;
    private final long brokerPid;
    private final Connection db;
    private final Map<Long, Long> start = new HashMap<>();
    private long machineBusyStart;
    private long machineTotalStart;
    private long startNanos;
    private long[] serverStart;

    CpuMeter(long serverPid, long brokerPid, Connection db) {
        this.serverPid = serverPid;
        this.brokerPid = brokerPid;
        this.db = db;
    }

    void start() throws Exception {
        start.clear();
        for (long pid : postgresPids()) {
            start.put(pid, ticks(pid));
        }
        start.put(serverPid, ticks(serverPid));
        start.put(brokerPid, ticks(brokerPid));
        start.put(ProcessHandle.current().pid(), ticks(ProcessHandle.current().pid()));
        serverStart = detail(serverPid);
        long[] machine = machine();
        machineBusyStart = machine[0];
        machineTotalStart = machine[1];
        startNanos = System.nanoTime();
    }

    /** Prints {@code <prefix>_cpu_<party>} lines: milliseconds of CPU and microseconds per reading. */
    void print(String prefix, long readings) throws Exception {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> ms = new LinkedHashMap<>();
        ms.put("server", used(serverPid));
        ms.put("mosquitto", used(brokerPid));
        double postgres = 0;
        Set<Long> pids = new HashSet<>(postgresPids());
        for (long pid : start.keySet()) {
            if (pid != serverPid && pid != brokerPid && pid != ProcessHandle.current().pid()) {
                pids.add(pid);
            }
        }
        for (long pid : pids) {
            postgres += used(pid);
        }
        ms.put("postgres", postgres);
        ms.put("load_generator", used(ProcessHandle.current().pid()));
        long[] machine = machine();
        double busy = (machine[0] - machineBusyStart) * TICK_MS;
        double total = (machine[1] - machineTotalStart) * TICK_MS;
        double ours = ms.values().stream().mapToDouble(Double::doubleValue).sum();
        ms.put("other_processes", Math.max(0, busy - ours));
        for (Map.Entry<String, Double> e : ms.entrySet()) {
            System.out.printf(Locale.ROOT, "%s_cpu_%s: %.0f ms (%.1f us/reading)%n", prefix, e.getKey(), e.getValue(),
                    e.getValue() * 1000 / readings);
        }
        long[] server = detail(serverPid);
        System.out.printf(Locale.ROOT, "%s_server_cpu_user: %.0f ms%n", prefix, (server[0] - serverStart[0]) * TICK_MS);
        System.out.printf(Locale.ROOT, "%s_server_cpu_system: %.0f ms%n", prefix, (server[1] - serverStart[1]) * TICK_MS);
        System.out.printf(Locale.ROOT, "%s_server_context_switches: %d (%.1f per reading)%n", prefix, server[2] - serverStart[2],
                (server[2] - serverStart[2]) / (double) readings);
        System.out.printf(Locale.ROOT, "%s_machine_busy: %.0f %% of %d cores over %.1f s%n", prefix, 100 * busy / Math.max(1, total),
                Runtime.getRuntime().availableProcessors(), seconds);
    }

    private double used(long pid) throws Exception {
        Long before = start.get(pid);
        long now = ticks(pid);
        if (now < 0) {
            return 0;
        }
        return (now - (before == null || before < 0 ? 0 : before)) * TICK_MS;
    }

    private java.util.List<Long> postgresPids() throws Exception {
        java.util.List<Long> pids = new java.util.ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery("""
                select pid from pg_stat_activity
                 where datname = current_database() or backend_type in ('walwriter', 'checkpointer', 'background writer')""")) {
            while (rs.next()) {
                pids.add(rs.getLong(1));
            }
        }
        return pids;
    }

    /** utime + stime of a process (all its threads), in clock ticks; -1 if it is gone. */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (Exception gone) {
            return -1;
        }
    }

    /** {user ticks, system ticks, context switches of all its threads} of a process. */
    static long[] detail(long pid) {
        long[] result = new long[3];
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            result[0] = Long.parseLong(fields[11]);
            result[1] = Long.parseLong(fields[12]);
            try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        for (String line : Files.readAllLines(task.resolve("status"))) {
                            if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                                result[2] += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                            }
                        }
                    } catch (Exception threadGone) {
                        // a thread ended meanwhile
                    }
                }
            }
        } catch (Exception gone) {
            // the process ended
        }
        return result;
    }

    /** {busy, total} ticks of the whole machine (all cores). */
    private static long[] machine() throws Exception {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < cpu.length; i++) {
            total += Long.parseLong(cpu[i]);
        }
        long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
        return new long[] {total - idle, total};
    }
}
