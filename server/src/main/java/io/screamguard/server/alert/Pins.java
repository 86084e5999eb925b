package io.screamguard.server.alert;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Cancel and duress PINs: 4 to 8 digits, kept as salted PBKDF2-HMAC-SHA256 hashes
 * ({@code pbkdf2$iterations$salt$hash}, base64). A PIN has few values, so the hash mostly keeps a
 * copy of the database from showing it at a glance; the countdown's short life limits guessing.
 * Pure functions; thread-safe.
 */
final class Pins {
    static final int ITERATIONS = 60_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Pins() {
    }

    /**
     * @throws IllegalArgumentException naming the field when it is not 4 to 8 digits
     */
    static void requireValid(String field, String pin) {
        if (pin == null || !pin.matches("[0-9]{4,8}")) {
            throw new IllegalArgumentException(field + " must be 4 to 8 digits, got "
                    + (pin == null ? "nothing" : pin.length() + " character(s)"));
        }
    }

    static String hash(String pin) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "pbkdf2$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(derive(pin, salt, ITERATIONS));
    }

    /** True when the PIN matches the hash (constant-time comparison); false for a null hash or PIN. */
    static boolean matches(String pin, String hash) {
        if (pin == null || hash == null) {
            return false;
        }
        String[] parts = hash.split("\\$");
        if (parts.length != 4 || !"pbkdf2".equals(parts[0])) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(pin, salt, Integer.parseInt(parts[1])));
    }

    private static byte[] derive(String pin, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(new String(pin.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                    .toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }
}
