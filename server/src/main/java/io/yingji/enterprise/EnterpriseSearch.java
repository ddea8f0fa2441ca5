package io.yingji.enterprise;

import io.yingji.shared.Industry;
import org.jspecify.annotations.Nullable;

/**
 * Filters of the enterprise list: a region (its whole subtree), an industry, and text matched
 * against the name or the credit code, and the order of the rows ({@code sort}: one of
 * {@code EnterpriseRepository}'s sort keys, e.g. {@code name,desc}; none means oldest first).
 * The caller's data scope always applies on top.
 */
public record EnterpriseSearch(@Nullable String regionCode, @Nullable Industry industry, @Nullable String text,
                               @Nullable Boolean majorHazard, @Nullable String sort) {

    public EnterpriseSearch(@Nullable String regionCode, @Nullable Industry industry, @Nullable String text,
                            @Nullable Boolean majorHazard) {
        this(regionCode, industry, text, majorHazard, null);
    }
}
