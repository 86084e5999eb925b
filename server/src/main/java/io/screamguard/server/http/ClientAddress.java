package io.screamguard.server.http;

/**
 * The client's address: the last (rightmost) X-Forwarded-For entry when the server is told to
 * trust its proxy (TRUST_FORWARDED_FOR), otherwise the socket's remote address. The rightmost
 * entry is the one the trusted proxy appended (the address it saw); entries to its left were sent
 * by the client and can say anything.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    /**
     * @param forwardedFor the X-Forwarded-For header (several headers joined with commas, in
     *                     order), may be null
     * @param remote       the socket's remote address
     * @param trustProxy   TRUST_FORWARDED_FOR
     */
    public static String of(String forwardedFor, String remote, boolean trustProxy) {
        if (trustProxy && forwardedFor != null && !forwardedFor.isBlank()) {
            String[] entries = forwardedFor.split(",");
            for (int i = entries.length - 1; i >= 0; i--) {
                if (!entries[i].isBlank()) {
                    return entries[i].trim();
                }
            }
        }
        return remote;
    }
}
