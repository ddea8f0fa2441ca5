package io.yingji.identity;

import io.yingji.access.Caller;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;

/**
 * Turns what a request carries into its caller; used by the web security filter chain. A login issues
 * one token: API clients send it as a bearer token, the web app's session holds its hash. Both are that
 * one login, so revoking the token (logging out either way) ends both.
 */
public interface Authenticator {

    /** The caller a live (issued, unexpired, unrevoked) token belongs to; empty otherwise. */
    Optional<Caller> authenticateToken(String token);

    /**
     * The caller of the login a web session belongs to while that login's token lives; empty for a session
     * without a login. A session whose login has ended (logged out, expired) is invalidated.
     */
    Optional<Caller> authenticateSession(HttpSession session);
}
