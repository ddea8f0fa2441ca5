package io.yingji.platform.internal;

import io.yingji.access.Caller;
import io.yingji.identity.Authenticator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} or, without one, the web session's login (the
 * session, kept in the database, holds only its login's token hash; see {@link Authenticator}). A request
 * that presents a token that is unknown, expired or revoked is refused outright (401), never downgraded to
 * its session; a session whose login ended is simply no longer logged in.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final Authenticator authenticator;
    private final ProblemWriter problems;

    BearerTokenFilter(Authenticator authenticator, ProblemWriter problems) {
        this.authenticator = authenticator;
        this.problems = problems;
    }

    static boolean hasBearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /**
     * The async dispatch that ends a stream (alarms, notices) is authorized like any request, so it must be
     * authenticated too; otherwise it is refused on a response already committed.
     */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller;
        if (hasBearer(request)) {
            String token = request.getHeader(HttpHeaders.AUTHORIZATION).substring(7).trim();
            caller = token.isEmpty() ? Optional.empty() : authenticator.authenticateToken(token);
            if (caller.isEmpty()) {
                if (!response.isCommitted()) { // a stream whose token was revoked meanwhile simply ends
                    problems.write(request, response, 401, "problem.token.invalid");
                }
                return;
            }
        } else {
            HttpSession session = request.getSession(false);
            caller = session == null ? Optional.empty() : authenticator.authenticateSession(session);
            if (caller.isEmpty()) {
                chain.doFilter(request, response);
                return;
            }
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller.get(), null,
                caller.get().permissions().stream().map(SimpleGrantedAuthority::new).toList()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
