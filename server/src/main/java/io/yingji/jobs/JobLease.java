package io.yingji.jobs;

import io.yingji.shared.UtcTimestamps;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a job only where it holds the job's lease: a row in {@code job_lock} taken when free or
 * expired. With several instances exactly one runs a pass at a time; a crashed holder's lease expires.
 * Each pass is logged at debug level (logger io.yingji.jobs) with its instance and times.
 */
@Component
public class JobLease {

    private static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();
    private static final Logger log = LoggerFactory.getLogger(JobLease.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    JobLease(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Runs {@code work} if this instance can take the lease of {@code job} for {@code length}, then
     * gives the lease back; answers {@code otherwise} when another instance holds it.
     */
    public <T> T runExclusively(String job, Duration length, Supplier<T> work, T otherwise) {
        if (!take(job, length)) {
            return otherwise;
        }
        Instant started = Instant.now(); // real time (not the platform clock tests move): when the pass ran
        try {
            return work.get();
        } finally {
            // logged before the lease is given back, so no other instance's pass of the job can start before this time
            log.debug("Job {} ran on {} from {} to {}", job, INSTANCE, started, Instant.now());
            jdbc.sql("delete from job_lock where name = :name and locked_by = :me").param("name", job).param("me", INSTANCE).update();
        }
    }

    private boolean take(String job, Duration length) {
        Instant now = clock.instant();
        try {
            Boolean taken = transactions.execute(status -> {
                int updated = jdbc.sql("update job_lock set locked_until = :until, locked_by = :me where name = :name and locked_until < :now")
                        .param("until", UtcTimestamps.of(now.plus(length))).param("me", INSTANCE).param("name", job)
                        .param("now", UtcTimestamps.of(now)).update();
                if (updated == 1) {
                    return true;
                }
                if (jdbc.sql("select count(*) from job_lock where name = :name").param("name", job).query(Long.class).single() > 0) {
                    return false;
                }
                jdbc.sql("insert into job_lock (name, locked_until, locked_by) values (:name, :until, :me)")
                        .param("name", job).param("until", UtcTimestamps.of(now.plus(length))).param("me", INSTANCE).update();
                return true;
            });
            return Boolean.TRUE.equals(taken);
        } catch (DuplicateKeyException another) {
            return false; // another instance inserted the row first
        }
    }
}
