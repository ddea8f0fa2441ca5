package io.yingji.access;

import io.yingji.shared.Problem;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The caller of the current thread. Requests get theirs from Spring Security; the platform's own
 * jobs run with {@link #runAsSystem}. Anything else sees {@link DataScope#NOTHING}.
 */
@Component
public class CallerContext {

    private static final ThreadLocal<Boolean> SYSTEM = ThreadLocal.withInitial(() -> false);

    public Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            return Optional.of(caller);
        }
        return Optional.empty();
    }

    /** The current caller, or 401 when there is none. */
    public Caller require() {
        return current().orElseThrow(() -> new Problem(401, "problem.unauthenticated"));
    }

    public DataScope scope() {
        if (SYSTEM.get()) {
            return DataScope.SYSTEM;
        }
        return current().map(Caller::scope).orElse(DataScope.NOTHING);
    }

    /** 403 unless the caller holds the permission. */
    public Caller requirePermission(String permission) {
        Caller caller = require();
        if (!caller.can(permission)) {
            throw Problem.forbidden();
        }
        return caller;
    }

    /** Runs work of the platform itself (demo loading, scheduled jobs) with the unrestricted scope. */
    public <T> T runAsSystem(Supplier<T> work) {
        boolean previous = SYSTEM.get();
        SYSTEM.set(true);
        try {
            return work.get();
        } finally {
            SYSTEM.set(previous);
        }
    }

    /**
     * Runs work as a given user, with their permissions and scope, on this thread only; for the
     * platform's own jobs that act for someone (loading the demo city's history).
     */
    public <T> T runAs(Caller caller, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        boolean wasSystem = SYSTEM.get();
        SYSTEM.set(false);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
                caller.permissions().stream().map(SimpleGrantedAuthority::new).toList()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
            SYSTEM.set(wasSystem);
        }
    }

    public boolean isSystem() {
        return SYSTEM.get();
    }
}
