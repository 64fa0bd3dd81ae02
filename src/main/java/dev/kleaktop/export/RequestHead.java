package dev.kleaktop.export;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The head of one HTTP/1.x request, as far as {@code /metrics} needs it. {@link #parse} is
 * called on the bytes read so far after every read, so it also judges a head that is not
 * complete yet: anything that cannot be the start of an HTTP/1 request (a TLS ClientHello
 * begins with byte 0x16, an HTTP/2 preface with {@code PRI *}, a port scanner's probe with
 * anything) is refused at its first wrong byte rather than held until the head timeout.
 *
 * @param method         {@code GET}, {@code HEAD}, ... (upper-case letters only)
 * @param path           the request target up to its query string
 * @param accept         the Accept header (several are joined with commas), or null
 * @param acceptEncoding the Accept-Encoding header, or null
 */
record RequestHead(String method, String path, String accept, String acceptEncoding) {
    /** Longest method name taken (the registered ones are all shorter). */
    static final int MAX_METHOD = 16;

    /** A head that is not HTTP/1, or too long; the connection is closed without an answer. */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean tooLarge;

        BadRequest(String why, boolean tooLarge) {
            super(why, null, false, false);
            this.tooLarge = tooLarge;
        }
    }

    /**
     * Parses {@code len} bytes of {@code buf}.
     *
     * @param full whether the buffer is full: then a head that has not ended is too large
     * @return the head, or null while it is incomplete but plausible
     * @throws BadRequest when it cannot be an HTTP/1 request head, or is over the buffer
     */
    static RequestHead parse(byte[] buf, int len, boolean full) throws BadRequest {
        int end = -1;
        int method = 0;
        boolean inRequestLine = true;
        for (int i = 0; i < len; i++) {
            int b = buf[i] & 0xff;
            if (b < 0x20 && b != '\r' && b != '\n' && b != '\t' || b == 0x7f) throw notHttp();
            if (inRequestLine) {
                if (b == '\n') {
                    inRequestLine = false;
                } else if (method >= 0) {
                    // the method: 1 to MAX_METHOD upper-case letters, then a space
                    if (b == ' ' && method > 0) method = -1;
                    else if (b >= 'A' && b <= 'Z' && method < MAX_METHOD) method++;
                    else throw notHttp();
                } else if (b >= 0x80) {
                    throw notHttp();
                }
            }
            if (b == '\n' && i > 0 && (buf[i - 1] == '\n' || buf[i - 1] == '\r' && i > 1 && buf[i - 2] == '\n')) {
                end = i + 1;
                break;
            }
        }
        if (end < 0) {
            if (full) throw new BadRequest("request head over " + len + " bytes", true);
            return null;
        }
        // ISO-8859-1 keeps every byte as one char; only ASCII is interpreted below
        String[] lines = new String(buf, 0, end, StandardCharsets.ISO_8859_1).split("\r?\n");
        String[] parts = lines[0].split(" ", -1);
        if (parts.length != 3 || !(parts[2].equals("HTTP/1.1") || parts[2].equals("HTTP/1.0")) || parts[1].isEmpty()) {
            throw notHttp();
        }
        String target = parts[1];
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String accept = null;
        String encoding = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.charAt(0) == ' ' || line.charAt(0) == '\t') continue;   // end, or a folded line
            int colon = line.indexOf(':');
            if (colon <= 0) throw notHttp();
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("accept")) accept = accept == null ? value : accept + "," + value;
            else if (name.equals("accept-encoding")) encoding = encoding == null ? value : encoding + "," + value;
        }
        return new RequestHead(parts[0], path, accept, encoding);
    }

    private static BadRequest notHttp() {
        return new BadRequest("not an HTTP/1 request", false);
    }

    /** Whether Accept-Encoding allows gzip (listed, and not with {@code q=0}). */
    boolean acceptsGzip() {
        if (acceptEncoding == null) return false;
        for (String coding : acceptEncoding.split(",")) {
            String[] p = coding.split(";");
            if (!p[0].trim().equalsIgnoreCase("gzip")) continue;
            return p.length < 2 || quality(p[1]) > 0;
        }
        return false;
    }

    /** The value of a {@code q=} parameter (1 when it is something else, 0 when unreadable). */
    static double quality(String param) {
        String p = param.trim();
        if (p.length() < 2 || Character.toLowerCase(p.charAt(0)) != 'q' || p.charAt(1) != '=') return 1;
        try {
            double q = Double.parseDouble(p.substring(2).trim());
            return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
