package io.yingji.safety;

/**
 * The area safety index (安全应急指数) of a region, 0–100, higher is safer. Per 100 enterprises it
 * deducts 3 for each 红-risk enterprise and 1 for each 橙, 0.5 for each open hazard and 2 for each
 * overdue one, and 1 for each open monitoring alarm; each open 重大 hazard deducts 2 whatever the size
 * of the area. (An area where one enterprise in ten is 橙 and one in fifty 红 scores 84: 黄.) Bands:
 * ≥ 90 蓝, ≥ 80 黄, ≥ 70 橙, below 红. Incidents join the formula when that capability arrives.
 */
public final class SafetyIndex {

    public enum Band { RED, ORANGE, YELLOW, BLUE }

    public record Inputs(long enterprises, long redRisk, long orangeRisk, long openHazards, long overdueHazards,
                         long openMajorHazards, long openAlarms) {

        public Inputs(long enterprises, long redRisk, long orangeRisk, long openHazards, long overdueHazards, long openMajorHazards) {
            this(enterprises, redRisk, orangeRisk, openHazards, overdueHazards, openMajorHazards, 0);
        }
    }

    private SafetyIndex() {
    }

    public static double of(Inputs in) {
        double per100 = 100.0 / Math.max(in.enterprises(), 1);
        double deduction = per100 * (3 * in.redRisk() + in.orangeRisk() + 0.5 * in.openHazards() + 2 * in.overdueHazards()
                + in.openAlarms())
                + 2 * in.openMajorHazards();
        return Math.max(0, Math.round((100 - deduction) * 10) / 10.0);
    }

    public static Band band(double index) {
        if (index >= 90) {
            return Band.BLUE;
        }
        if (index >= 80) {
            return Band.YELLOW;
        }
        if (index >= 70) {
            return Band.ORANGE;
        }
        return Band.RED;
    }
}
