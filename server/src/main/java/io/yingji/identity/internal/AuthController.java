package io.yingji.identity.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.identity.Departments;
import io.yingji.region.RegionDirectory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Login and logout. {@code POST /api/auth/login} answers with a bearer token for API clients and, at
 * the same time, starts a session (cookie) for the web app; logout revokes both.
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
    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    AuthController(Login login, CallerContext callers, RegionDirectory regions, Departments departments) {
        this.login = login;
        this.callers = callers;
        this.regions = regions;
        this.departments = departments;
    }

    @PostMapping("/api/auth/login")
    @Operation(summary = "Log in with username and password; returns a bearer token and starts a session")
    LoginResponse login(@Valid @RequestBody LoginRequest body, HttpServletRequest request, HttpServletResponse response) {
        Login.Issued issued = login.login(body.username(), body.password());
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            request.changeSessionId(); // no session fixation
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authenticated(issued.caller()));
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
        return new LoginResponse(issued.token(), "Bearer", issued.expiresAt(), me(issued.caller()));
    }

    @PostMapping("/api/auth/logout")
    @Operation(summary = "Revoke the bearer token of the request and end the session")
    ResponseEntity<Void> logout(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
        callers.current().ifPresent(caller -> login.logout(caller, token));
        HttpSession session = request.getSession(false);
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

    static UsernamePasswordAuthenticationToken authenticated(Caller caller) {
        List<SimpleGrantedAuthority> authorities = caller.permissions().stream().map(SimpleGrantedAuthority::new).toList();
        return UsernamePasswordAuthenticationToken.authenticated(caller, null, authorities);
    }
}
