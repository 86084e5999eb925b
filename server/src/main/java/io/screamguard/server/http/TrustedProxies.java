package io.screamguard.server.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The peers whose X-Forwarded-For and X-Forwarded-Proto headers are believed (TRUSTED_PROXIES): a
 * list of IPv4 and IPv6 CIDR ranges ({@code 10.0.0.0/8}, {@code ::1/128}) or single addresses.
 * Only address literals are accepted, never host names, so nothing here ever asks DNS. An
 * IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) is treated as its IPv4 address. Immutable and
 * thread-safe.
 */
public final class TrustedProxies {
    /** Nothing trusted: the socket's peer is always the client. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), List.of());
    /** What the deprecated TRUST_FORWARDED_FOR=true means: a proxy on the same machine. */
    public static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1/128");

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<byte[]> networks;
    private final List<Integer> prefixBits;

    private TrustedProxies(List<byte[]> networks, List<Integer> prefixBits) {
        this.networks = networks;
        this.prefixBits = prefixBits;
    }

    /**
     * Parses CIDR ranges and single addresses.
     *
     * @throws IllegalArgumentException naming the first entry that is not an address literal with
     *                                  an optional prefix length in range (0-32 for IPv4, 0-128 for IPv6)
     */
    public static TrustedProxies parse(List<String> cidrs) {
        List<byte[]> networks = new ArrayList<>();
        List<Integer> bits = new ArrayList<>();
        for (String cidr : cidrs) {
            String entry = cidr.trim();
            int slash = entry.indexOf('/');
            byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("'" + entry + "' is not an IPv4 or IPv6 address or CIDR range"
                        + " (such as 10.0.0.0/8 or fd00::/8)");
            }
            int max = address.length * 8;
            int prefix = max;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > max) {
                    throw new IllegalArgumentException("'" + entry + "' has a prefix length outside 0-" + max);
                }
            }
            networks.add(address);
            bits.add(prefix);
        }
        return new TrustedProxies(List.copyOf(networks), List.copyOf(bits));
    }

    /** True when no range is configured. */
    public boolean isEmpty() {
        return networks.isEmpty();
    }

    /**
     * True when {@code address} (an IP literal, optionally in brackets) lies in one of the ranges;
     * false for anything that is not an IP literal.
     */
    public boolean contains(String address) {
        byte[] a = address == null ? null : literal(address);
        if (a == null) {
            return false;
        }
        for (int i = 0; i < networks.size(); i++) {
            if (inRange(a, networks.get(i), prefixBits.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean inRange(byte[] address, byte[] network, int bits) {
        if (address.length != network.length) {
            return false;
        }
        int whole = bits / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[whole] & mask) == (network[whole] & mask);
    }

    /**
     * The bytes of an IPv4 or IPv6 literal (4 bytes for IPv4 and IPv4-mapped IPv6), or null when
     * the text is not one. Brackets and an IPv6 zone ({@code %eth0}) are removed first.
     */
    static byte[] literal(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        int zone = t.indexOf('%');
        if (zone >= 0) {
            t = t.substring(0, zone);
        }
        boolean v4 = IPV4.matcher(t).matches();
        if (!v4 && !IPV6.matcher(t).matches()) {
            return null; // never hand a host name to InetAddress: it would ask DNS
        }
        if (v4) {
            for (String part : t.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        }
        try {
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
