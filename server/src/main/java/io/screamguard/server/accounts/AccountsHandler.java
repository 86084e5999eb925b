package io.screamguard.server.accounts;

import io.javalin.http.Context;
import io.screamguard.server.http.ApiException;
import io.screamguard.server.http.JsonBodies;
import io.screamguard.server.http.OriginPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The account routes: {@code /api/auth/*} (status, register, login, logout), {@code /api/account*}
 * (the caller's own account: details, password, export, deletion) and the admin's
 * {@code /api/admin/accounts} and {@code /api/admin/invitations}. Thin: parses, calls
 * {@link AccountService}, sets or clears the session cookie.
 */
public final class AccountsHandler {
    private final AccountService service;
    private final AccessGuard guard;
    private final OriginPolicy origins;
    private final Function<Context, String> clientAddress;
    private final Duration sessionMax;

    /**
     * @param service       accounts and sessions
     * @param guard         reads the session cookie (status)
     * @param origins       whether the request came over HTTPS (the cookie's Secure flag)
     * @param clientAddress the client's address (rate limits, logs)
     * @param sessionMax    SESSION_MAX_HOURS, the cookie's Max-Age
     */
    public AccountsHandler(AccountService service, AccessGuard guard, OriginPolicy origins,
                           Function<Context, String> clientAddress, Duration sessionMax) {
        this.service = service;
        this.guard = guard;
        this.origins = origins;
        this.clientAddress = clientAddress;
        this.sessionMax = sessionMax;
    }

    record Credentials(String email, String password) {
    }

    record RegisterBody(String email, String password, String phoneRegion, String invitation) {
    }

    record PasswordBody(String currentPassword, String newPassword) {
    }

    record NewAccountBody(String email, String password, String role, String phoneRegion) {
    }

    /** {@code GET /api/auth/status}: whether the first account must be created, the registration mode, who is signed in. */
    public void status(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("setup_required", service.setupRequired());
        body.put("registration", service.registrationMode().name().toLowerCase(Locale.ROOT));
        body.put("account", guard.sessionAccount(ctx).orElse(null));
        ctx.json(body);
    }

    /** {@code POST /api/auth/register}: creates the account and signs it in (201). */
    public void register(Context ctx) {
        RegisterBody b = JsonBodies.read(ctx, RegisterBody.class,
                "{\"email\":\"you@example.org\",\"password\":\"at least 10 characters\",\"phone_region\":\"GB\"}");
        AccountService.SignedIn in = service.register(new AccountService.SignUp(b.email(), b.password(),
                b.phoneRegion(), b.invitation()), clientAddress.apply(ctx));
        setCookie(ctx, in.token(), sessionMax.toSeconds());
        ctx.status(201).json(in.account());
    }

    /** {@code POST /api/auth/login} */
    public void login(Context ctx) {
        Credentials c = JsonBodies.read(ctx, Credentials.class, "{\"email\":\"you@example.org\",\"password\":\"...\"}");
        AccountService.SignedIn in = service.login(c.email(), c.password(), clientAddress.apply(ctx));
        setCookie(ctx, in.token(), sessionMax.toSeconds());
        ctx.json(in.account());
    }

    /** {@code POST /api/auth/logout}: ends the session, clears the cookie (204). */
    public void logout(Context ctx) {
        service.logout(ctx.cookie(AccessGuard.COOKIE));
        setCookie(ctx, "", 0);
        ctx.status(204);
    }

    /** {@code GET /api/account} */
    public void me(Context ctx) {
        ctx.json(Caller.of(ctx));
    }

    /** {@code PUT /api/account/password}: other sessions end (204). */
    public void changePassword(Context ctx) {
        PasswordBody b = JsonBodies.read(ctx, PasswordBody.class,
                "{\"current_password\":\"...\",\"new_password\":\"at least 10 characters\"}");
        service.changePassword(Caller.of(ctx), ctx.cookie(AccessGuard.COOKIE), b.currentPassword(), b.newPassword());
        ctx.status(204);
    }

    /** {@code GET /api/account/export}: everything kept about the caller, as a JSON download. */
    public void export(Context ctx) {
        ctx.header("Content-Disposition", "attachment; filename=\"screamguard-export.json\"");
        ctx.json(service.export(Caller.of(ctx)));
    }

    /** {@code DELETE /api/account}: the account with its contacts, sessions and events. */
    public void delete(Context ctx) {
        Map<String, Long> deleted = service.delete(Caller.of(ctx));
        setCookie(ctx, "", 0);
        ctx.json(Map.of("deleted", deleted));
    }

    /** {@code GET /api/admin/accounts} */
    public void list(Context ctx) {
        ctx.json(Map.of("items", service.accounts(Caller.of(ctx))));
    }

    /** {@code POST /api/admin/accounts}: an admin creates an account (201). */
    public void create(Context ctx) {
        NewAccountBody b = JsonBodies.read(ctx, NewAccountBody.class,
                "{\"email\":\"them@example.org\",\"password\":\"at least 10 characters\",\"role\":\"person\"}");
        Role role;
        try {
            role = b.role() == null || b.role().isBlank() ? Role.PERSON : Role.parse(b.role().trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("role must be person or admin, got '" + b.role() + "'");
        }
        ctx.status(201).json(service.createAccount(Caller.of(ctx), b.email(), b.password(), role, b.phoneRegion()));
    }

    /** {@code POST /api/admin/invitations}: a one-use registration link, valid for 7 days (201). */
    public void invite(Context ctx) {
        AccountService.Invitation inv = service.invite(Caller.of(ctx));
        ctx.status(201).json(Map.of("token", inv.token(), "expires_at", inv.expiresAt(),
                "path", "/signin.html?invitation=" + inv.token()));
    }

    private void setCookie(Context ctx, String token, long maxAgeSeconds) {
        ctx.res().addHeader("Set-Cookie", AccessGuard.COOKIE + "=" + token + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Lax" + (origins.https(ctx) ? "; Secure" : ""));
    }
}
