package io.yingji.identity;

import java.util.Optional;

/**
 * A port the enterprise module implements, so accounts can be tied to enterprises without identity
 * depending on the enterprise module.
 */
public interface EnterpriseLookup {

    /** The region code of the enterprise when it exists and the current caller may see it. */
    Optional<String> regionOfVisible(long enterpriseId);
}
