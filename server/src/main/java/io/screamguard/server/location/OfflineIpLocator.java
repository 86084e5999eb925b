package io.screamguard.server.location;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An IP locator that needs no network: loopback, private, link-local and unparsable addresses are
 * never located; public addresses are looked up in an optional table of CIDR ranges (CSV lines
 * {@code cidr,latitude,longitude,accuracy_m,address}, '#' comments), first match wins. With no
 * table every lookup is empty. Immutable and thread-safe.
 */
public final class OfflineIpLocator implements IpLocator {
    private final List<Range> ranges;

    private OfflineIpLocator(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** A locator that locates nothing. */
    public static OfflineIpLocator empty() {
        return new OfflineIpLocator(List.of());
    }

    /**
     * Reads a CSV table.
     *
     * @throws IllegalArgumentException naming the line when a row is malformed
     */
    public static OfflineIpLocator fromCsv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read IP_LOCATION_FILE " + file + ": " + e.getMessage(), e);
        }
        List<Range> ranges = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            ranges.add(Range.parse(line, file + ":" + (i + 1)));
        }
        return new OfflineIpLocator(ranges);
    }

    @Override
    public Optional<Location> locate(String ipAddress) {
        InetAddress address = parseLiteral(ipAddress);
        if (address == null || isNonPublic(address)) {
            return Optional.empty();
        }
        for (Range r : ranges) {
            if (r.contains(address)) {
                return Optional.of(r.location());
            }
        }
        return Optional.empty();
    }

    /** True for loopback, private (RFC 1918 and fc00::/7), link-local, wildcard and multicast addresses. */
    static boolean isNonPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()
                || a.isAnyLocalAddress() || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc;
    }

    /** Parses an address literal without any DNS lookup; null when it is not one. */
    static InetAddress parseLiteral(String text) {
        if (text == null || text.isBlank() || !text.matches("[0-9a-fA-F:.%\\[\\]]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(text.replace("[", "").replace("]", ""));
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Range(byte[] network, int prefixBits, Location location) {
        static Range parse(String line, String where) {
            String[] f = line.split(",", 5);
            if (f.length < 4) {
                throw new IllegalArgumentException(where + ": expected cidr,latitude,longitude,accuracy_m[,address], got '" + line + "'");
            }
            String[] cidr = f[0].strip().split("/");
            InetAddress net = parseLiteral(cidr[0]);
            if (net == null) {
                throw new IllegalArgumentException(where + ": '" + f[0] + "' is not an IP address or CIDR range");
            }
            int bits = net.getAddress().length * 8;
            int prefix;
            try {
                prefix = cidr.length > 1 ? Integer.parseInt(cidr[1].strip()) : bits;
                if (prefix < 0 || prefix > bits) {
                    throw new NumberFormatException("prefix out of range");
                }
                Location loc = new Location(Double.parseDouble(f[1].strip()), Double.parseDouble(f[2].strip()),
                        Double.parseDouble(f[3].strip()), LocationSource.IP, f.length > 4 ? f[4].strip() : null);
                return new Range(net.getAddress(), prefix, loc);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": bad number in '" + line + "' (" + e.getMessage() + ")", e);
            }
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int total = network.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(total).subtract(BigInteger.ONE)
                    .shiftRight(prefixBits).not();
            return new BigInteger(1, b).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }
}
