package io.yingji.risk;

import java.util.Collection;
import java.util.Set;

/** 每日承诺 for other modules (the demo city's enterprises commit each morning), in the current scope. */
public interface DailyCommitmentDesk {

    /** The enterprises in scope that must commit today (Asia/Shanghai): 红/橙 risk or a graded major hazard source. */
    Set<Long> requiredToday();

    /**
     * Makes today's commitment, with the default wording, of each of these enterprises that must make one
     * and has not yet, by the current caller (the platform itself when there is none); answers how many it made.
     */
    int commitToday(Collection<Long> enterpriseIds);
}
