package io.yingji.demo.internal;

import io.yingji.access.CallerContext;
import io.yingji.demo.DemoSettings;
import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.enterprise.EnterpriseSearch;
import io.yingji.risk.DailyCommitmentDesk;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo city's morning 每日承诺: of its enterprises that must commit, six in seven have done so
 * today (Asia/Shanghai), every day the demo runs; the seventh stays on the supervisors' missing list, and so
 * does the {@code qiye} account's enterprise, whose person makes its own. Only the demo city's
 * enterprises: those registered after it (by people, by tests) commit for themselves.
 */
@Component
class DemoCommitments {

    private static final Logger log = LoggerFactory.getLogger(DemoCommitments.class);

    private final DailyCommitmentDesk commitments;
    private final EnterpriseRegistry enterprises;
    private final CallerContext callers;
    private final DemoSettings settings;
    private final TransactionTemplate transactions;

    DemoCommitments(DailyCommitmentDesk commitments, EnterpriseRegistry enterprises, CallerContext callers,
                    DemoSettings settings, TransactionTemplate transactions) {
        this.commitments = commitments;
        this.enterprises = enterprises;
        this.callers = callers;
        this.settings = settings;
        this.transactions = transactions;
    }

    /** Just after midnight in Hangzhou, the new day's commitments (and on start, see {@link DemoStartup}). */
    @Scheduled(cron = "0 2 0 * * *", zone = "Asia/Shanghai")
    void daily() {
        if (settings.enabled()) {
            commitToday();
        }
    }

    /** Today's commitments of the demo city's enterprises; answers how many were made now. */
    int commitToday() {
        Integer made = callers.runAsSystem(() -> transactions.execute(status -> {
            List<io.yingji.enterprise.Enterprise> qiye = enterprises.search(
                    new EnterpriseSearch(null, null, DemoCity.QIYE_CREDIT_CODE, null), 0, 1).content();
            if (qiye.isEmpty()) {
                return 0;
            }
            // the demo city registers the qiye enterprise first, then its generated ones, in one go
            long first = qiye.get(0).id();
            long last = first + settings.enterprises();
            List<Long> ours = commitments.requiredToday().stream()
                    .filter(id -> id > first && id <= last && id % 7 != 0)
                    .sorted().toList();
            return commitments.commitToday(ours);
        }));
        int count = made == null ? 0 : made;
        if (count > 0) {
            log.info("Demo commitments: {} enterprises committed today", count);
        }
        return count;
    }
}
