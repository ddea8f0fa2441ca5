package io.yingji.identity.internal;

import io.yingji.access.Caller;
import io.yingji.audit.AuditTrail;
import io.yingji.identity.Authenticator;
import io.yingji.identity.IdentitySettings;
import io.yingji.shared.Problem;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password login with lockout, and the bearer tokens it issues. A wrong password and an unknown user
 * get the same answer, so logins cannot be used to find out which usernames exist. The web session a
 * login starts holds only its token's hash ({@link #SESSION_LOGIN}) and is authenticated through that
 * token on every request, so a session and its token always end together.
 */
@Service
class Login implements Authenticator {

    record Issued(String token, Instant expiresAt, Caller caller) {
    }

    /** Session attribute: the SHA-256 hash of the token of the login that started the session. */
    static final String SESSION_LOGIN = "yingji.login";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserAccounts accounts;
    private final PasswordEncoder passwords;
    private final IdentitySettings settings;
    private final Clock clock;
    private final AuditTrail audit;
    /** Compared against when the user does not exist, so both paths cost one password check. */
    private final String noSuchUserHash;

    Login(UserAccounts accounts, PasswordEncoder passwords, IdentitySettings settings, Clock clock, AuditTrail audit) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.settings = settings;
        this.clock = clock;
        this.audit = audit;
        this.noSuchUserHash = passwords.encode("no such user");
    }

    /** Checks the password and issues a token; failures count towards the lock even when they throw. */
    @Transactional(noRollbackFor = Problem.class)
    Issued login(String username, String password) {
        Instant now = clock.instant();
        Optional<UserAccounts.Account> found = accounts.findByUsername(username);
        if (found.isEmpty()) {
            passwords.matches(password, noSuchUserHash);
            throw new Problem(401, "identity.login.failed");
        }
        UserAccounts.Account account = found.get();
        if (account.lockedUntil() != null && account.lockedUntil().isAfter(now)) {
            throw new Problem(423, "identity.login.locked", settings.lockDuration().toMinutes());
        }
        if (!account.enabled() || !passwords.matches(password, account.passwordHash())) {
            int counted = accounts.recordFailure(account.id(), settings.maxFailedAttempts(), now.plus(settings.lockDuration()));
            boolean lock = counted == 0;
            int attempts = lock ? settings.maxFailedAttempts() : counted;
            audit.recordAs(account.id(), account.username(), lock ? "login.locked" : "login.failed", "user",
                    String.valueOf(account.id()), account.regionCode(), Map.of("attempts", attempts));
            if (lock) {
                throw new Problem(423, "identity.login.locked", settings.lockDuration().toMinutes());
            }
            throw new Problem(401, "identity.login.failed");
        }
        accounts.resetFailures(account.id());
        Caller caller = accounts.loadCaller(account.id()).orElseThrow(() -> new Problem(401, "identity.login.failed"));
        String token = newToken();
        Instant expiresAt = now.plus(settings.tokenTtl());
        accounts.storeToken(hash(token), account.id(), now, expiresAt);
        audit.recordAs(caller.userId(), caller.username(), "login", "user", String.valueOf(caller.userId()),
                caller.region().value(), Map.of());
        return new Issued(token, expiresAt, caller);
    }

    @Override
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Optional<Caller> authenticateToken(String token) {
        return accounts.liveTokenUser(hash(token), clock.instant()).flatMap(accounts::loadCaller);
    }

    @Override
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Optional<Caller> authenticateSession(HttpSession session) {
        if (!(session.getAttribute(SESSION_LOGIN) instanceof String tokenHash)) {
            return Optional.empty();
        }
        Optional<Caller> caller = accounts.liveTokenUser(tokenHash, clock.instant()).flatMap(accounts::loadCaller);
        if (caller.isEmpty()) {
            session.invalidate(); // its login was logged out or expired: the session ends with it
        }
        return caller;
    }

    /** Ends the logins a logout request carried (by their tokens' hashes) and records the logout. */
    @Transactional
    void logout(Caller caller, Collection<String> tokenHashes) {
        for (String tokenHash : tokenHashes) {
            accounts.revokeToken(tokenHash, clock.instant());
        }
        audit.record("logout", "user", String.valueOf(caller.userId()), caller.region().value(), Map.of());
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
