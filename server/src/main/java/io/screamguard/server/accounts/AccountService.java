package io.screamguard.server.accounts;

import io.screamguard.server.config.ServerConfig.Registration;
import io.screamguard.server.config.ServerConfig.SecuritySettings;
import io.screamguard.server.contacts.EmailAddress;
import io.screamguard.server.contacts.PhoneNumbers;
import io.screamguard.server.http.ApiException;
import io.screamguard.server.store.MongoConnection;
import io.screamguard.server.store.StoreUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registration, sign-in, sessions, password changes, export and deletion of accounts. Knows nothing
 * of HTTP beyond the typed {@link ApiException}s it raises. Thread-safe.
 */
public final class AccountService {
    private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);
    /** A session is written back as used at most this often (not on every request). */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    /** How long an invitation link stays valid. */
    static final Duration INVITATION_LIFETIME = Duration.ofDays(7);

    private final AccountStore accounts;
    private final SessionStore sessions;
    private final InvitationStore invitations;
    private final Passwords passwords;
    private final LoginLimiter limiter;
    private final SecuritySettings settings;
    private final List<PersonalData> personalData;
    private final Clock clock;
    private final AtomicBoolean indexesReady = new AtomicBoolean();
    /**
     * Sessions this server has resolved, by token hash: used only while the database does not
     * answer, so people signed in keep using the server through an outage (until their session
     * would expire). Cleared when it holds {@value #MAX_CACHED_SESSIONS}.
     */
    private final Map<String, CachedSession> recentSessions = new ConcurrentHashMap<>();
    static final int MAX_CACHED_SESSIONS = 50_000;

    private record CachedSession(Account account, Instant createdAt, Instant lastSeenAt) {
    }

    /**
     * @param stores       the database
     * @param passwords    bcrypt at the configured cost
     * @param settings     registration mode, admin emails, session limits, rate limits
     * @param personalData every feature's share of a person's data (export, deletion)
     * @param clock        session times
     */
    public AccountService(MongoConnection stores, Passwords passwords,
                          SecuritySettings settings, List<PersonalData> personalData, Clock clock) {
        this.accounts = new AccountStore(stores);
        this.sessions = new SessionStore(stores);
        this.invitations = new InvitationStore(stores);
        this.passwords = passwords;
        this.limiter = new LoginLimiter(settings.loginAttemptsPerIp(), settings.loginAttemptsPerAccount());
        this.settings = settings;
        this.personalData = List.copyOf(personalData);
        this.clock = clock;
    }

    /**
     * Creates the indexes and removes expired sessions. When the database does not answer yet the
     * server starts anyway: the indexes are created before the first registration or sign-in.
     */
    public void start() {
        try {
            ensureIndexes();
            long purged = purgeExpiredSessions();
            if (purged > 0) {
                LOG.info("removed {} expired sign-in session(s)", purged);
            }
        } catch (StoreUnavailable e) {
            LOG.warn("accounts: {}; indexes are created when it answers", e.getMessage());
        }
    }

    private void ensureIndexes() {
        if (!indexesReady.get()) {
            accounts.createIndexes();
            sessions.createIndexes();
            invitations.createIndexes();
            indexesReady.set(true);
        }
    }

    private long purgeExpiredSessions() {
        Instant now = clock.instant();
        return sessions.purge(now.minus(settings.sessionIdle()), now.minus(settings.sessionMax()));
    }

    /** A new session: the account and the token for its cookie. */
    public record SignedIn(Account account, String token) {
    }

    /**
     * @param email       sign-in name
     * @param password    at least 10 characters, at most 72 bytes
     * @param phoneRegion two-letter region for national phone numbers, may be empty
     * @param invitation  invitation token, required in invite mode (after the first account)
     */
    public record SignUp(String email, String password, String phoneRegion, String invitation) {
    }

    /** True when no account exists yet: the next registration creates the first admin. */
    public boolean setupRequired() {
        return accounts.count() == 0;
    }

    /** REGISTRATION: who may create an account. */
    public Registration registrationMode() {
        return settings.registration();
    }

    /**
     * Self-service registration: the first account on an empty database (an admin), or anyone when
     * REGISTRATION=open, or the holder of an invitation when REGISTRATION=invite.
     */
    public SignedIn register(SignUp request, String clientAddress) {
        limiter.attemptFromAddress(clientAddress);
        ensureIndexes();
        String email = normalisedEmail(request.email());
        String region = phoneRegion(request.phoneRegion());
        requirePassword(request.password());
        if (accounts.byEmail(email).isPresent()) { // before an invitation is used up
            throw ApiException.conflict("an account with the email " + email + " exists already; sign in instead");
        }
        // Two registrations racing on an empty database may both become admin: both were "first".
        boolean first = setupRequired();
        if (!first) {
            switch (settings.registration()) {
                case OPEN -> { }
                case INVITE -> {
                    String token = request.invitation();
                    if (token == null || token.isBlank() || !invitations.consume(SessionTokens.hash(token.trim()), clock.instant())) {
                        throw ApiException.forbidden("registration needs an invitation (REGISTRATION=invite): ask an admin"
                                + " for an invitation link, or the invitation has expired or was used");
                    }
                }
                case CLOSED -> throw ApiException.forbidden("registration is closed (REGISTRATION=closed): ask an admin"
                        + " to create your account");
            }
        }
        Role role = first || settings.adminEmails().contains(email) ? Role.ADMIN : Role.PERSON;
        Account account = create(email, request.password(), role, region);
        LOG.info("account {} created by registration ({}{})", account.id(), role.wireName(), first ? ", first account" : "");
        return new SignedIn(account, openSession(account));
    }

    /** An admin creates an account (any registration mode). */
    public Account createAccount(Account admin, String email, String password, Role role, String phoneRegion) {
        requireAdmin(admin);
        String normalised = normalisedEmail(email);
        requirePassword(password);
        Role effective = settings.adminEmails().contains(normalised) ? Role.ADMIN : role;
        Account account = create(normalised, password, effective, phoneRegion(phoneRegion));
        LOG.info("account {} ({}) created by admin {}", account.id(), effective.wireName(), admin.id());
        return account;
    }

    /** An admin creates an invitation; the token is shown once (only its hash is stored). */
    public Invitation invite(Account admin) {
        requireAdmin(admin);
        String token = SessionTokens.newToken();
        Instant expires = clock.instant().plus(INVITATION_LIFETIME);
        invitations.insert(SessionTokens.hash(token), admin.id(), expires);
        return new Invitation(token, expires);
    }

    /** An invitation token and when it expires. */
    public record Invitation(String token, Instant expiresAt) {
    }

    private Account create(String email, String password, Role role, String region) {
        try {
            return accounts.insert(email, passwords.hash(password), role, region, clock.instant());
        } catch (AccountStore.EmailTaken e) {
            throw ApiException.conflict(e.getMessage() + "; sign in instead");
        }
    }

    /**
     * Signs in: checks the rate limits first, then the password (a wrong email costs the same time
     * as a wrong password). Failures are logged with the email and address, never the password.
     */
    public SignedIn login(String email, String password, String clientAddress) {
        limiter.attemptFromAddress(clientAddress);
        String normalised = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        limiter.attemptOnAccount(normalised);
        ensureIndexes();
        Optional<AccountStore.Stored> stored = accounts.byEmail(normalised);
        if (stored.isEmpty()) {
            passwords.verifyDecoy(password);
            LOG.warn("sign-in refused for {} from {}: no such account", normalised, clientAddress);
            throw ApiException.unauthorized("the email or password is wrong");
        }
        if (!passwords.matches(password, stored.get().passwordHash())) {
            LOG.warn("sign-in refused for {} from {}: wrong password", normalised, clientAddress);
            throw ApiException.unauthorized("the email or password is wrong");
        }
        Account account = effective(stored.get().account());
        purgeExpiredSessions(); // the embedded store ignores TTL indexes
        return new SignedIn(account, openSession(account));
    }

    private String openSession(Account account) {
        String token = SessionTokens.newToken();
        Instant now = clock.instant();
        sessions.insert(new SessionStore.StoredSession(SessionTokens.hash(token), account.id(), now, now));
        return token;
    }

    /**
     * The account of a session token, when the session exists and has neither been idle longer
     * than SESSION_IDLE_MINUTES nor lasted longer than SESSION_MAX_HOURS (an expired one is deleted).
     * While the database does not answer, a session this server resolved before still works until
     * it would expire; any other throws {@link StoreUnavailable}.
     */
    public Optional<Account> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        String hash = SessionTokens.hash(token);
        Instant now = clock.instant();
        try {
            Optional<SessionStore.StoredSession> found = sessions.byTokenHash(hash);
            if (found.isEmpty() || expired(found.get().createdAt(), found.get().lastSeenAt(), now)) {
                recentSessions.remove(hash);
                found.ifPresent(s -> sessions.delete(hash));
                return Optional.empty();
            }
            SessionStore.StoredSession s = found.get();
            Optional<Account> account = accounts.byId(s.accountId()).map(a -> effective(a.account()));
            if (account.isEmpty()) {
                return Optional.empty();
            }
            Instant lastSeen = s.lastSeenAt();
            if (now.isAfter(lastSeen.plus(TOUCH_INTERVAL))) {
                sessions.touch(hash, now);
                lastSeen = now;
            }
            if (recentSessions.size() >= MAX_CACHED_SESSIONS) {
                recentSessions.clear();
            }
            recentSessions.put(hash, new CachedSession(account.get(), s.createdAt(), lastSeen));
            return account;
        } catch (StoreUnavailable e) {
            CachedSession cached = recentSessions.get(hash);
            if (cached == null || expired(cached.createdAt(), cached.lastSeenAt(), now)) {
                throw e;
            }
            return Optional.of(cached.account());
        }
    }

    private boolean expired(Instant createdAt, Instant lastSeenAt, Instant now) {
        return now.isAfter(lastSeenAt.plus(settings.sessionIdle())) || now.isAfter(createdAt.plus(settings.sessionMax()));
    }

    /** Ends the session of this token (no error when it does not exist). */
    public void logout(String token) {
        if (token != null && !token.isBlank()) {
            recentSessions.remove(SessionTokens.hash(token));
            sessions.delete(SessionTokens.hash(token));
        }
    }

    /** Changes the password after checking the current one; every other session of the account ends. */
    public void changePassword(Account account, String currentToken, String currentPassword, String newPassword) {
        AccountStore.Stored stored = accounts.byId(account.id())
                .orElseThrow(() -> ApiException.unauthorized("the account no longer exists; sign in again"));
        if (!passwords.matches(currentPassword, stored.passwordHash())) {
            LOG.warn("password change refused for account {}: wrong current password", account.id());
            throw ApiException.forbidden("current_password is wrong");
        }
        requirePassword(newPassword);
        accounts.updatePasswordHash(account.id(), passwords.hash(newPassword));
        String keep = SessionTokens.hash(currentToken);
        sessions.deleteOthers(account.id(), keep);
        recentSessions.entrySet().removeIf(e -> !e.getKey().equals(keep) && e.getValue().account().id().equals(account.id()));
        LOG.info("password of account {} changed; its other sessions ended", account.id());
    }

    /** Every account (admin). */
    public List<Account> accounts(Account admin) {
        requireAdmin(admin);
        return accounts.all().stream().map(this::effective).toList();
    }

    /** Everything the server keeps about the person, as JSON-ready values. */
    public Map<String, Object> export(Account account) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("account", account);
        out.put("sessions", sessions.byAccount(account.id()).stream()
                .map(s -> Map.of("created_at", s.createdAt(), "last_seen_at", s.lastSeenAt())).toList());
        for (PersonalData data : personalData) {
            out.put(data.name(), data.export(account.id()));
        }
        return out;
    }

    /**
     * Deletes the account with its sessions and every feature's data (contacts, events). The last
     * admin cannot delete their account (nobody could change settings any more).
     */
    public Map<String, Long> delete(Account account) {
        if (account.admin() && accounts.countAdmins() <= 1 && accounts.byId(account.id())
                .map(s -> s.account().role() == Role.ADMIN).orElse(false)) {
            throw ApiException.conflict("this is the only admin account; make another account admin (ADMIN_EMAILS)"
                    + " before deleting it");
        }
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (PersonalData data : personalData) {
            deleted.put(data.name(), data.deleteAll(account.id()));
        }
        deleted.put("sessions", sessions.deleteByAccount(account.id()));
        recentSessions.values().removeIf(c -> c.account().id().equals(account.id()));
        accounts.delete(account.id());
        LOG.info("account {} deleted with its data {}", account.id(), deleted);
        return deleted;
    }

    private Account effective(Account a) {
        return a.role() != Role.ADMIN && settings.adminEmails().contains(a.email()) ? a.withRole(Role.ADMIN) : a;
    }

    private static void requireAdmin(Account a) {
        if (!a.admin()) {
            throw ApiException.forbidden("this needs an admin account");
        }
    }

    private static void requirePassword(String password) {
        try {
            Passwords.requireAcceptable(password);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    static String normalisedEmail(String email) {
        try {
            return EmailAddress.parse(email).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("email " + e.getMessage());
        }
    }

    static String phoneRegion(String region) {
        String r = region == null ? "" : region.trim().toUpperCase(Locale.ROOT);
        if (!r.isEmpty() && !PhoneNumbers.isSupportedRegion(r)) {
            throw ApiException.badRequest("phone_region must be a two-letter region such as GB or US, got '" + region + "'");
        }
        return r;
    }
}
