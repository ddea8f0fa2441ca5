package io.yingji.hazard;

/** The hazard closed loop for other modules, acting as the current caller with their permissions and scope. */
public interface HazardWorkflow {

    /** Reports a hazard; answers its id. */
    long report(HazardReport report);

    /** Takes a step: verify, dismiss, assign, progress, complete, accept or reject. */
    void act(long hazardId, String step, HazardStep input);

    /** How an enterprise stands in the loop: open 重大 hazards and overdue hazards (any scope: for derived figures). */
    record Standing(int openMajor, int overdue, int open) {
    }

    Standing standingOf(long enterpriseId);

    /** The same for all hazards of a region subtree that the current caller may see. */
    Standing standingOfRegion(String regionCode);
}
