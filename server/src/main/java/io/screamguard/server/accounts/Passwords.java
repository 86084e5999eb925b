package io.screamguard.server.accounts;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt hashing of passwords (at.favre.lib:bcrypt, version 2a). Thread-safe.
 */
public final class Passwords {
    /** The production cost factor: 2^12 rounds, about 0.25 s per hash on one core. */
    public static final int DEFAULT_COST = 12;
    /** Shortest password accepted. */
    static final int MIN_LENGTH = 10;
    /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
    static final int MAX_BYTES = 72;

    private final int cost;
    /** Verified when the email is unknown, so a wrong email takes as long as a wrong password. */
    private final String decoyHash;

    /** @param cost bcrypt cost factor, 4..31; production uses {@link #DEFAULT_COST} */
    public Passwords(int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be 4..31, got " + cost);
        }
        this.cost = cost;
        this.decoyHash = hash("decoy-password-for-unknown-accounts");
    }

    /** The cost factor in use. */
    public int cost() {
        return cost;
    }

    /**
     * Checks a new password's length.
     *
     * @throws IllegalArgumentException naming the rule
     */
    static void requireAcceptable(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("password must be at least " + MIN_LENGTH + " characters, got "
                    + (password == null ? 0 : password.length()));
        }
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("password must be at most " + MAX_BYTES + " bytes of UTF-8, got " + bytes);
        }
    }

    String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    boolean matches(String password, String hash) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        return BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
    }

    /** Spends the time of one verification without an account, so an unknown email is not faster. */
    void verifyDecoy(String password) {
        matches(password == null ? "" : password, decoyHash);
    }
}
