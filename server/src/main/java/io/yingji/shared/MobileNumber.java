package io.yingji.shared;

import java.util.regex.Pattern;

/** Mainland mobile numbers (11 digits starting with 1) and fixed lines (area code, hyphen optional). */
public final class MobileNumber {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern FIXED_LINE = Pattern.compile("0\\d{2,3}-?\\d{7,8}");

    private MobileNumber() {
    }

    public static boolean isMobile(String value) {
        return value != null && MOBILE.matcher(value).matches();
    }

    /** A number someone can be called on: a mobile or a fixed line with its area code. */
    public static boolean isPhone(String value) {
        return isMobile(value) || (value != null && FIXED_LINE.matcher(value).matches());
    }
}
