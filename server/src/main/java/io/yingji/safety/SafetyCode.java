package io.yingji.safety;

import io.yingji.hazard.HazardWorkflow.Standing;
import io.yingji.monitoring.AlarmBoard;
import io.yingji.risk.RiskLevel;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The rules of the safety code. 红: an open 重大 hazard past its deadline, two or more overdue
 * hazards, 重大 risk together with an open 重大 hazard, or a 二级 (higher-level) monitoring alarm
 * nobody has handled. 黄: any overdue hazard, any open 重大 hazard, 重大/较大 risk, or any open alarm.
 * Otherwise 绿. Every code carries the reasons that made it, as message keys with arguments (Chinese
 * and English on the page). Credit and incidents join as they arrive.
 */
public final class SafetyCode {

    public enum Colour { RED, YELLOW, GREEN }

    /** One reason: a message key and its argument. */
    public record Reason(String key, int count) {
    }

    public record Result(Colour colour, List<Reason> reasons) {
    }

    private SafetyCode() {
    }

    public static Result of(@Nullable RiskLevel risk, Standing hazards) {
        return of(risk, hazards, AlarmBoard.Standing.NONE);
    }

    public static Result of(@Nullable RiskLevel risk, Standing hazards, AlarmBoard.Standing alarms) {
        List<Reason> reasons = new ArrayList<>();
        if (alarms.unhandledHigh() > 0) {
            reasons.add(new Reason("safety.reason.alarm-high", alarms.unhandledHigh()));
        }
        if (alarms.open() > 0) {
            reasons.add(new Reason("safety.reason.alarm-open", alarms.open()));
        }
        if (hazards.overdue() > 0) {
            reasons.add(new Reason("safety.reason.overdue", hazards.overdue()));
        }
        if (hazards.openMajor() > 0) {
            reasons.add(new Reason("safety.reason.major-open", hazards.openMajor()));
        }
        if (risk == RiskLevel.RED) {
            reasons.add(new Reason("safety.reason.risk-red", 0));
        } else if (risk == RiskLevel.ORANGE) {
            reasons.add(new Reason("safety.reason.risk-orange", 0));
        }
        boolean red = (hazards.openMajor() > 0 && hazards.overdue() > 0) || hazards.overdue() >= 2
                || (risk == RiskLevel.RED && hazards.openMajor() > 0) || alarms.unhandledHigh() > 0;
        if (red) {
            return new Result(Colour.RED, reasons);
        }
        return new Result(reasons.isEmpty() ? Colour.GREEN : Colour.YELLOW, reasons);
    }
}
