package io.yingji.identity;

import io.yingji.access.Caller;
import java.util.Optional;

/** Turns a bearer token from a request into its caller; used by the web security filter chain. */
public interface Authenticator {

    /** The caller a live (issued, unexpired, unrevoked) token belongs to; empty otherwise. */
    Optional<Caller> authenticateToken(String token);
}
