package io.screamguard.server.events;

/**
 * The client that sent the audio. Every field is a client-sent string stored with the event, so
 * each is truncated to a limit (never refused: a browser cannot change its headers):
 * {@value #MAX_USER_AGENT_CHARS} characters of user agent, {@value #MAX_IP_CHARS} of address,
 * {@value #MAX_ACCEPT_LANGUAGE_CHARS} of Accept-Language.
 *
 * @param userAgent      the User-Agent header, may be null
 * @param ipAddress      the client address as seen by the server
 * @param acceptLanguage the Accept-Language header, may be null
 */
public record DeviceInfo(String userAgent, String ipAddress, String acceptLanguage) {
    /** Longest stored user agent. */
    public static final int MAX_USER_AGENT_CHARS = 512;
    /** Longest stored address (an IPv6 address with a zone fits). */
    public static final int MAX_IP_CHARS = 64;
    /** Longest stored Accept-Language. */
    public static final int MAX_ACCEPT_LANGUAGE_CHARS = 128;

    public DeviceInfo {
        userAgent = truncate(userAgent, MAX_USER_AGENT_CHARS);
        ipAddress = truncate(ipAddress, MAX_IP_CHARS);
        acceptLanguage = truncate(acceptLanguage, MAX_ACCEPT_LANGUAGE_CHARS);
    }

    /**
     * At most {@code max} characters of {@code s} (null stays null), never splitting a surrogate pair.
     *
     * @param s   a client-sent string
     * @param max the limit, &gt;= 1
     */
    public static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int cut = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, cut);
    }
}
