package io.screamguard.server.contacts;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;

/**
 * Validation of email addresses: Jakarta Mail's {@link InternetAddress} in strict mode (RFC 822
 * syntax), a bare address (no display name, no group), and a domain check (a dotted DNS name whose
 * last label is a top-level domain of letters, or an IDN {@code xn--} label). Thread-safe.
 */
public final class EmailAddress {
    /** Longest address accepted (RFC 5321 path limit). */
    static final int MAX_LENGTH = 254;
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

    private EmailAddress() {
    }

    /**
     * The address, trimmed, when valid.
     *
     * @throws IllegalArgumentException saying what is wrong (the message starts with the value)
     */
    public static String parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is required, e.g. name@example.org");
        }
        String trimmed = text.trim();
        if (trimmed.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters, got " + trimmed.length());
        }
        InternetAddress address;
        try {
            address = new InternetAddress(trimmed, true);
            address.validate();
        } catch (AddressException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a valid address (" + e.getMessage() + ")");
        }
        if (address.getPersonal() != null || !trimmed.equals(address.getAddress()) || address.isGroup()) {
            throw new IllegalArgumentException("'" + trimmed + "' must be a bare address such as name@example.org");
        }
        String domain = trimmed.substring(trimmed.lastIndexOf('@') + 1);
        if (!validDomain(domain)) {
            throw new IllegalArgumentException("'" + trimmed + "' has no valid domain: '" + domain
                    + "' must be a name such as example.org");
        }
        return trimmed;
    }

    static boolean validDomain(String domain) {
        if (domain.length() > 253 || !domain.matches("(?:" + LABEL + "\\.)+" + LABEL)) {
            return false;
        }
        String tld = domain.substring(domain.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return tld.matches("[a-z]{2,63}") || tld.matches("xn--[a-z0-9-]{1,59}");
    }
}
