package io.yingji.shared;

import java.util.regex.Pattern;

/**
 * A GB/T 2260 administrative division code: 6 digits down to county level, extended to 9 digits
 * for townships and 12 for villages (the statistical division code scheme).
 *
 * <p>Codes are hierarchical: every region's code starts with its {@link #subtreePrefix()}, and so
 * does the code of everything below it. Data scope relies on that invariant.
 */
public record RegionCode(String value) {

    private static final Pattern FORMAT = Pattern.compile("\\d{6}|\\d{9}|\\d{12}");

    public RegionCode {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a region code: " + value);
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    public static RegionCode of(String value) {
        return new RegionCode(value);
    }

    /** 1 province, 2 city, 3 county, 4 township, 5 village. */
    public int level() {
        return switch (value.length()) {
            case 12 -> 5;
            case 9 -> 4;
            default -> value.endsWith("0000") ? 1 : value.endsWith("00") ? 2 : 3;
        };
    }

    /** The prefix shared by this region and every region below it: 330000 → 33, 330100 → 3301. */
    public String subtreePrefix() {
        return switch (level()) {
            case 1 -> value.substring(0, 2);
            case 2 -> value.substring(0, 4);
            default -> value;
        };
    }

    /** The SQL LIKE pattern of this region's subtree: {@code 3301%} for 330100. */
    public String subtreeLikePattern() {
        return subtreePrefix() + "%";
    }

    /** Whether {@code other} is this region or lies below it. */
    public boolean contains(RegionCode other) {
        return other.value.startsWith(subtreePrefix());
    }

    @Override
    public String toString() {
        return value;
    }
}
