package io.screamguard.server.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The client's address and scheme as seen through trusted proxies (TRUSTED_PROXIES).
 *
 * <p>When the socket's peer is not a trusted proxy, it is the client and its headers are ignored.
 * When it is, X-Forwarded-For is read from the right (every header, in order, as one list): each
 * proxy appends the address it saw, so the rightmost entry that is not itself a trusted proxy is
 * the client; entries to its left were sent by the client and can say anything. When every entry is
 * a trusted proxy the leftmost is taken; an entry that is not an IP address stops the walk at the
 * trusted proxy that passed it on. Stateless and thread-safe.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    /**
     * @param forwardedFor every X-Forwarded-For header of the request, in order (each may hold
     *                     several comma-separated entries); null or empty when none
     * @param remote       the socket's peer address
     * @param trusted      TRUSTED_PROXIES
     * @return the client address, never null when {@code remote} is not null
     */
    public static String of(List<String> forwardedFor, String remote, TrustedProxies trusted) {
        String peer = unbracketed(remote);
        if (!trusted.contains(peer) || forwardedFor == null) {
            return peer;
        }
        String client = peer;
        List<String> entries = entries(forwardedFor);
        for (int i = entries.size() - 1; i >= 0; i--) {
            String entry = withoutPort(entries.get(i));
            if (TrustedProxies.literal(entry) == null) {
                return client;
            }
            client = entry;
            if (!trusted.contains(entry)) {
                return entry;
            }
        }
        return client;
    }

    /**
     * Whether the client used HTTPS: the rightmost X-Forwarded-Proto entry (the nearest proxy's)
     * when the peer is a trusted proxy, otherwise the scheme of the connection itself.
     *
     * @param forwardedProto every X-Forwarded-Proto header, in order; null or empty when none
     */
    public static boolean https(List<String> forwardedProto, String remote, String connectionScheme,
                                TrustedProxies trusted) {
        if (forwardedProto != null && trusted.contains(unbracketed(remote))) {
            List<String> entries = entries(forwardedProto);
            if (!entries.isEmpty()) {
                return "https".equalsIgnoreCase(entries.get(entries.size() - 1));
            }
        }
        return "https".equalsIgnoreCase(connectionScheme);
    }

    private static List<String> entries(List<String> headers) {
        List<String> out = new ArrayList<>();
        for (String header : headers) {
            if (header == null) {
                continue;
            }
            for (String e : header.split(",")) {
                if (!e.isBlank()) {
                    out.add(e.trim());
                }
            }
        }
        return out;
    }

    private static String unbracketed(String address) {
        if (address != null && address.startsWith("[") && address.endsWith("]")) {
            return address.substring(1, address.length() - 1);
        }
        return address;
    }

    /** {@code 1.2.3.4:5678} -> 1.2.3.4, {@code [2001:db8::1]:443} -> 2001:db8::1; bare IPv6 kept. */
    private static String withoutPort(String entry) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            return close > 0 ? entry.substring(1, close) : entry;
        }
        int colon = entry.indexOf(':');
        if (colon > 0 && colon == entry.lastIndexOf(':')) {
            return entry.substring(0, colon);
        }
        return entry;
    }
}
