package io.pharos.commons.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * An address range in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}) or one address
 * ({@code 127.0.0.1}, {@code ::1}). Only IP literals are parsed, never host names, so building one
 * does no DNS lookup.
 */
public final class Cidr {

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /** The range, or empty if the text is not an IP literal with an optional prefix length. */
    public static Optional<Cidr> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        int slash = t.indexOf('/');
        String ip = slash < 0 ? t : t.substring(0, slash);
        Optional<InetAddress> address = literal(ip);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = address.get().getAddress();
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(bytes, prefix, t.toLowerCase(Locale.ROOT)));
    }

    /** Like {@link #parse} but refuses a bad range (configuration). */
    public static Cidr of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR range: " + text));
    }

    /**
     * The address an IP literal names, without any DNS lookup; empty for host names and garbage.
     * IPv4 (dotted quad) and IPv6 (hex and colons, optionally in brackets) only.
     */
    public static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = t.contains(":") && t.matches("[0-9a-fA-F:.]+(%[0-9a-zA-Z]+)?");
        if (!v4 && !v6) {
            return Optional.empty(); // InetAddress.getByName would resolve a host name: never here
        }
        try {
            return Optional.of(InetAddress.getByName(t));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            byte[] mapped = ipv4MappedOrSelf(a);
            if (mapped.length != network.length) {
                return false;
            }
            a = mapped;
        }
        int full = prefix / 8;
        if (!Arrays.equals(a, 0, full, network, 0, full)) {
            return false;
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    /** {@code ::ffff:a.b.c.d} as a.b.c.d, so that IPv4 ranges also match IPv4-mapped IPv6 addresses. */
    private static byte[] ipv4MappedOrSelf(byte[] a) {
        if (a.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (a[i] != 0) {
                    return a;
                }
            }
            if ((a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
                return Arrays.copyOfRange(a, 12, 16);
            }
        }
        return a;
    }

    @Override
    public String toString() {
        return text;
    }
}
