package io.yingji.warning.internal;

import java.util.ArrayList;
import java.util.List;

/** CAP's space-delimited lists: addresses (an address with spaces is quoted) and the like. */
final class CapText {

    private CapText() {
    }

    static String addresses(List<String> addresses) {
        return String.join(" ", addresses.stream().map(a -> a.contains(" ") ? "\"" + a + "\"" : a).toList());
    }

    static List<String> splitAddresses(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (!current.isEmpty()) {
                    out.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            out.add(current.toString());
        }
        return List.copyOf(out);
    }

    /** Whether a CAP identifier or sender is acceptable: no whitespace, comma, '<' or '&'. */
    static boolean isToken(String value) {
        return !value.isEmpty() && value.chars().noneMatch(c -> Character.isWhitespace(c) || c == ',' || c == '<' || c == '&');
    }
}
