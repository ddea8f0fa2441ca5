package io.yingji.monitoring;

import io.yingji.shared.RegionCode;

/**
 * Open alarms as other modules weigh them (the safety code, the area index). An enterprise's standing
 * is the platform's own figure (the stored safety code); a region's count is limited to the caller's scope.
 */
public interface AlarmBoard {

    /**
     * An enterprise's open alarms: {@code unhandledHigh} are 二级 (the higher level) alarms nobody has
     * handled yet; {@code open} counts every alarm not yet cleared, offline ones included.
     */
    record Standing(int unhandledHigh, int open) {
        public static final Standing NONE = new Standing(0, 0);
    }

    Standing standingOf(long enterpriseId);

    /** Alarms not yet cleared in the region's subtree that the current caller may read. */
    long openIn(RegionCode region);
}
