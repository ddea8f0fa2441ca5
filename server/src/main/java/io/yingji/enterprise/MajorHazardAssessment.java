package io.yingji.enterprise;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Identification and grading of a major hazard source (重大危险源) by GB 18218-2018.
 *
 * <ul>
 *   <li>S = Σ qᵢ/Qᵢ (actual over critical quantity); S ≥ 1 makes the unit a major hazard source.</li>
 *   <li>R = α · Σ βᵢ·qᵢ/Qᵢ, α from the people exposed within 500 m: ≥100 → 2.0, 50–99 → 1.5,
 *       30–49 → 1.2, 1–29 → 1.0, 0 → 0.5.</li>
 *   <li>一级 R ≥ 100, 二级 50 ≤ R &lt; 100, 三级 10 ≤ R &lt; 50, 四级 R &lt; 10.</li>
 * </ul>
 * Exact decimal arithmetic, so a value on a band boundary lands in the band the standard names.
 */
public final class MajorHazardAssessment {

    /** One chemical on site: actual quantity q and its critical quantity Q (tonnes), correction β. */
    public record Quantity(BigDecimal actual, BigDecimal critical, BigDecimal beta) {
    }

    /** {@code grade} is 1..4 (一级..四级), null when S &lt; 1. */
    public record Result(BigDecimal s, BigDecimal alpha, BigDecimal r, @Nullable Integer grade) {

        public boolean isMajor() {
            return grade != null;
        }
    }

    private static final MathContext PRECISION = new MathContext(20, RoundingMode.HALF_EVEN);

    private MajorHazardAssessment() {
    }

    public static Result assess(List<Quantity> quantities, int exposedPeople) {
        if (exposedPeople < 0) {
            throw new IllegalArgumentException("exposed people cannot be negative");
        }
        BigDecimal s = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        for (Quantity q : quantities) {
            BigDecimal ratio = q.actual().divide(q.critical(), PRECISION);
            s = s.add(ratio);
            weighted = weighted.add(q.beta().multiply(ratio));
        }
        BigDecimal alpha = alpha(exposedPeople);
        BigDecimal r = alpha.multiply(weighted);
        Integer grade = s.compareTo(BigDecimal.ONE) < 0 ? null : grade(r);
        return new Result(s, alpha, r, grade);
    }

    static BigDecimal alpha(int exposedPeople) {
        if (exposedPeople >= 100) {
            return new BigDecimal("2.0");
        }
        if (exposedPeople >= 50) {
            return new BigDecimal("1.5");
        }
        if (exposedPeople >= 30) {
            return new BigDecimal("1.2");
        }
        if (exposedPeople >= 1) {
            return new BigDecimal("1.0");
        }
        return new BigDecimal("0.5");
    }

    static int grade(BigDecimal r) {
        if (r.compareTo(BigDecimal.valueOf(100)) >= 0) {
            return 1;
        }
        if (r.compareTo(BigDecimal.valueOf(50)) >= 0) {
            return 2;
        }
        if (r.compareTo(BigDecimal.TEN) >= 0) {
            return 3;
        }
        return 4;
    }
}
