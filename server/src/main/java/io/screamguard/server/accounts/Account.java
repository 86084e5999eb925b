package io.screamguard.server.accounts;

import java.time.Instant;

/**
 * An account as the rest of the server sees it (never with its password hash).
 *
 * @param id          the account id (24 hex digits), the {@code user_id} of the person's events
 * @param email       sign-in name, lower case
 * @param role        person or admin (ADMIN_EMAILS already applied)
 * @param phoneRegion two-letter region for the person's national phone numbers, empty = none
 * @param createdAt   when the account was created
 */
public record Account(String id, String email, Role role, String phoneRegion, Instant createdAt) {
    public Account {
        if (id == null || email == null || role == null || phoneRegion == null || createdAt == null) {
            throw new IllegalArgumentException("every field of an account is required, got id=" + id + " email=" + email
                    + " role=" + role + " phoneRegion=" + phoneRegion + " createdAt=" + createdAt);
        }
    }

    /** True for an admin. */
    public boolean admin() {
        return role == Role.ADMIN;
    }

    /** The same account with another role. */
    Account withRole(Role newRole) {
        return new Account(id, email, newRole, phoneRegion, createdAt);
    }
}
