package io.screamguard.server.http;

/**
 * The client's address: the first X-Forwarded-For entry when the server is told to trust its
 * proxy (TRUST_FORWARDED_FOR), otherwise the socket's remote address.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    /**
     * @param forwardedFor the X-Forwarded-For header, may be null
     * @param remote       the socket's remote address
     * @param trustProxy   TRUST_FORWARDED_FOR
     */
    public static String of(String forwardedFor, String remote, boolean trustProxy) {
        if (trustProxy && forwardedFor != null && !forwardedFor.isBlank()) {
            return forwardedFor.split(",")[0].trim();
        }
        return remote;
    }
}
