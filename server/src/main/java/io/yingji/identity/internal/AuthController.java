package io.yingji.identity.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.identity.Departments;
import io.yingji.region.RegionDirectory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Login and logout. {@code POST /api/auth/login} answers with a bearer token for API clients and, at
 * the same time, starts a session (cookie) for the web app that holds the token's hash; logout with
 * either revokes the token, which ends both.
 */
@RestController
@Tag(name = "认证 Authentication")
class AuthController {

    record LoginRequest(@NotBlank(message = "{identity.username.required}") @Size(max = 64) String username,
                        @NotBlank(message = "{identity.password.required}") @Size(max = 128) String password) {
    }

    record LoginResponse(String token, String tokenType, Instant expiresAt, Me user) {
    }

    record Me(long id, String username, String displayName, String regionCode, String regionName,
              @Nullable Long departmentId, @Nullable String departmentName, @Nullable Long enterpriseId,
              Set<String> roles, Set<String> permissions, Set<String> industries) {
    }

    private final Login login;
    private final CallerContext callers;
    private final RegionDirectory regions;
    private final Departments departments;

    AuthController(Login login, CallerContext callers, RegionDirectory regions, Departments departments) {
        this.login = login;
        this.callers = callers;
        this.regions = regions;
        this.departments = departments;
    }

    @PostMapping("/api/auth/login")
    @Operation(summary = "Log in with username and password; returns a bearer token and starts a session")
    LoginResponse login(@Valid @RequestBody LoginRequest body, HttpServletRequest request) {
        Login.Issued issued = login.login(body.username(), body.password());
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            request.changeSessionId(); // no session fixation
        }
        // the session is this login's: it holds the token's hash and lives only while the token does
        request.getSession(true).setAttribute(Login.SESSION_LOGIN, Login.hash(issued.token()));
        return new LoginResponse(issued.token(), "Bearer", issued.expiresAt(), me(issued.caller()));
    }

    @PostMapping("/api/auth/logout")
    @Operation(summary = "End the login of the request: its bearer token and the session it started are both revoked")
    ResponseEntity<Void> logout(HttpServletRequest request) {
        Set<String> logins = new LinkedHashSet<>();
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.startsWith("Bearer ")) {
            logins.add(Login.hash(header.substring(7).trim()));
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(Login.SESSION_LOGIN) instanceof String tokenHash) {
            logins.add(tokenHash);
        }
        callers.current().ifPresent(caller -> login.logout(caller, logins));
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/me")
    @Operation(summary = "The logged-in user with roles, permissions and region")
    Me me() {
        return me(callers.require());
    }

    private Me me(Caller caller) {
        var department = caller.departmentId() == null ? null : departments.find(caller.departmentId()).orElse(null);
        return new Me(caller.userId(), caller.username(), caller.displayName(), caller.region().value(),
                regions.fullName(caller.region()), caller.departmentId(), department == null ? null : department.name(),
                caller.enterpriseId(), caller.roles(), caller.permissions(),
                caller.industries().stream().map(Enum::name).collect(java.util.stream.Collectors.toSet()));
    }
}
