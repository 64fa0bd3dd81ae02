package dev.kleaktop.export;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where {@code /metrics} is served: {@code --listen [ADDR]:PORT}.
 *
 * <p>An exporter of kernel internals should not appear on the network by accident, so the
 * address defaults to the loopback 127.0.0.1, also when only a port is given
 * ({@code :9899} or {@code 9899}). Serving on every address takes an explicit
 * {@code 0.0.0.0:9899} (IPv4) or {@code [::]:9899} (IPv6 and, on Linux, IPv4 too). IPv6
 * addresses are written in brackets; a host name is resolved once at start. Port 0 asks the
 * system for a free port.
 */
public record ListenAddress(InetAddress address, int port) {
    /** The default port (documented in the man page). */
    public static final int DEFAULT_PORT = 9899;
    public static final String DEFAULT_HOST = "127.0.0.1";

    public static ListenAddress defaultAddress() {
        return new ListenAddress(loopback(), DEFAULT_PORT);
    }

    /**
     * Parses {@code [ADDR]:PORT}.
     *
     * @throws IllegalArgumentException with a message fit for the user when it is not valid
     */
    public static ListenAddress parse(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("empty; expected [ADDR]:PORT, e.g. 127.0.0.1:" + DEFAULT_PORT);
        String s = spec.trim();
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("expected [IPv6]:PORT, e.g. [::1]:" + DEFAULT_PORT);
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
            if (host.isEmpty()) throw new IllegalArgumentException("empty address in brackets");
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0 && s.indexOf(':') != colon) {
                throw new IllegalArgumentException("an IPv6 address goes in brackets: [ADDR]:PORT, e.g. [::1]:" + DEFAULT_PORT);
            }
            host = colon < 0 ? "" : s.substring(0, colon);
            port = colon < 0 ? s : s.substring(colon + 1);
        }
        int p = parsePort(port);
        if (host.isEmpty()) return new ListenAddress(loopback(), p);
        try {
            return new ListenAddress(InetAddress.getByName(host), p);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown address '" + host + "'");
        }
    }

    private static int parsePort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("port must be a number from 0 to 65535, not '" + port + "'");
        }
        int p = Integer.parseInt(port);
        if (p > 65535) throw new IllegalArgumentException("port must be a number from 0 to 65535, not " + p);
        return p;
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code 127.0.0.1:9899} or {@code [::1]:9899}, as a URL authority. */
    public String authority(int boundPort) {
        String h = address.getHostAddress();
        int pct = h.indexOf('%');
        if (pct >= 0) h = h.substring(0, pct);
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + boundPort;
    }
}
