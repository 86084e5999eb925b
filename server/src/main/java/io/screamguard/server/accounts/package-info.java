/**
 * Accounts and sign-in sessions: registration (open, by invitation, or closed; the first account
 * is an admin), bcrypt passwords, random session tokens kept server-side (hashed) in MongoDB with
 * idle and absolute expiry, sign-in rate limits, and the access rules every route declares
 * ({@link io.screamguard.server.accounts.Access}) enforced by
 * {@link io.screamguard.server.accounts.AccessGuard}. Export and deletion of a person's data go
 * through {@link io.screamguard.server.accounts.PersonalData}, which each feature holding such
 * data provides.
 */
package io.screamguard.server.accounts;
