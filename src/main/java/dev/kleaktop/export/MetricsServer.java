package dev.kleaktop.export;

import dev.kleaktop.export.DroppedConnections.Reason;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The HTTP server of {@code /metrics}, small enough to be fully under control: one thread
 * and one selector handle every connection without blocking, so a client that is slow to
 * send (or to read) holds a few hundred bytes and a file descriptor, never a thread.
 *
 * <ul>
 *   <li>the whole request head must arrive within {@link ServerLimits#headTimeoutMs} of the
 *       connection, in at most {@link ServerLimits#headBytes};
 *   <li>at most {@link ServerLimits#maxConnections} are open: a new connection over the limit
 *       closes the oldest one still sending its head (or the oldest of all), so a flood of
 *       slow connections cannot keep a scrape out;
 *   <li>bytes that are not an HTTP/1 request (a TLS ClientHello, garbage) close the
 *       connection at once, without an answer;
 *   <li>the answer is the refresh's shared, already encoded bytes ({@link EncodedMetrics}),
 *       written as the client takes them, within {@link ServerLimits#writeTimeoutMs};
 *   <li>every connection is closed after its answer ({@code Connection: close}): output is
 *       shut down first and the client's remaining bytes read until it closes too (within
 *       {@link ServerLimits#lingerMs}), so the answer is never lost to a reset.
 * </ul>
 * Connections closed early are told on stderr in one line a minute at most
 * ({@link DroppedConnections}). Only {@code GET} and {@code HEAD} are answered: {@code
 * /metrics}, {@code /} (a link to it) and {@code /-/healthy}.
 */
final class MetricsServer implements AutoCloseable {

    private enum State { HEAD, WRITE, LINGER }

    private static final class Conn {
        final SocketChannel ch;
        final SelectionKey key;
        State state = State.HEAD;
        long deadline;
        byte[] head = new byte[512];
        int headLen;
        ByteBuffer[] out;

        Conn(SocketChannel ch, SelectionKey key, long deadline) {
            this.ch = ch;
            this.key = key;
            this.deadline = deadline;
        }
    }

    private static final int ACCEPTS_PER_ROUND = 16;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final String HOME = "<html><head><title>kleaktop</title></head>"
            + "<body><h1>kleaktop</h1><p><a href=\"/metrics\">/metrics</a></p></body></html>\n";

    private final ServerLimits limits;
    private final Supplier<EncodedMetrics> metrics;
    private final Consumer<Throwable> fatal;
    private final DroppedConnections dropped;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final SelectionKey acceptKey;
    /** In the order they were accepted; only the server's thread touches it. */
    private final LinkedHashSet<Conn> conns = new LinkedHashSet<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(4096);
    private final Thread thread;
    private volatile boolean closing;
    private long acceptPausedUntil;
    private long nextDeadline = Long.MAX_VALUE;

    /**
     * Binds {@code address} (so that a busy port fails here, in the caller) and starts the
     * server's thread.
     *
     * @param metrics what a scrape gets: the latest refresh's
     * @param fatal   called with an {@link Error} that stopped the server's thread
     */
    MetricsServer(InetSocketAddress address, ServerLimits limits, Supplier<EncodedMetrics> metrics, PrintWriter err,
            Consumer<Throwable> fatal) throws IOException {
        this.limits = limits;
        this.metrics = metrics;
        this.fatal = fatal;
        this.dropped = new DroppedConnections(err, limits);
        server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, Math.max(50, limits.maxConnections()));
            server.configureBlocking(false);
            selector = Selector.open();
        } catch (IOException e) {
            server.close();
            throw e;
        }
        acceptKey = server.register(selector, SelectionKey.OP_ACCEPT);
        thread = new Thread(this::run, "kleaktop-export-http");
        thread.setDaemon(true);
        thread.start();
    }

    /** The bound port (the system's choice for port 0). */
    int port() {
        return ((InetSocketAddress) server.socket().getLocalSocketAddress()).getPort();
    }

    private void run() {
        try {
            while (!closing) {
                long now = System.nanoTime();
                if (now - nextDeadline >= 0) expire(now);
                if (acceptPausedUntil != 0 && now - acceptPausedUntil >= 0) {
                    acceptPausedUntil = 0;
                    acceptKey.interestOps(SelectionKey.OP_ACCEPT);
                }
                long waitMs = 1000;
                if (nextDeadline != Long.MAX_VALUE) waitMs = Math.min(waitMs, (nextDeadline - now) / 1_000_000 + 1);
                if (acceptPausedUntil != 0) waitMs = Math.min(waitMs, (acceptPausedUntil - now) / 1_000_000 + 1);
                selector.select(this::ready, Math.max(1, waitMs));
                dropped.flush(System.nanoTime());
            }
        } catch (IOException | RuntimeException e) {
            if (!closing) fatal.accept(e);
        } catch (Error e) {
            fatal.accept(e);
        } finally {
            for (Conn c : conns) quietClose(c.ch);
            conns.clear();
            quietClose(server);
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    private void ready(SelectionKey key) {
        if (!key.isValid()) return;
        if (key == acceptKey) {
            acceptAll();
            return;
        }
        Conn c = (Conn) key.attachment();
        try {
            switch (c.state) {
                case HEAD -> { if (key.isReadable()) readHead(c); }
                case WRITE -> { if (key.isWritable()) write(c); }
                case LINGER -> { if (key.isReadable()) drain(c); }
            }
        } catch (IOException e) {
            // reset, broken pipe: the client went away; nothing to tell but the count
            close(c, c.state == State.LINGER ? null : Reason.WENT_AWAY);
        } catch (RuntimeException e) {
            close(c, Reason.FAILED);
        }
    }

    private void acceptAll() {
        // A few at a time: a channel closed to make room keeps its descriptor until the
        // selector's next round, so accepting a whole backlog at once would hold up to a
        // backlog's worth over the limit. The rest stay pending for the next round.
        for (int i = 0; i < ACCEPTS_PER_ROUND; i++) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                // out of file descriptors, most likely: wait a little rather than spin on
                // the pending connection
                acceptPausedUntil = System.nanoTime() + 100_000_000L;
                acceptKey.interestOps(0);
                dropped.count(Reason.FAILED, System.nanoTime());
                return;
            }
            if (ch == null) return;
            long now = System.nanoTime();
            if (conns.size() >= limits.maxConnections()) evictOne();
            try {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
                Conn c = new Conn(ch, key, now + limits.headTimeoutMs() * 1_000_000L);
                key.attach(c);
                conns.add(c);
                nextDeadline = Math.min(nextDeadline, c.deadline);
            } catch (IOException e) {
                quietClose(ch);
            }
        }
    }

    /** Makes room for one more: the oldest connection still sending its head, else the oldest. */
    private void evictOne() {
        Conn victim = null;
        for (Conn c : conns) {
            if (c.state == State.HEAD) {
                victim = c;
                break;
            }
        }
        if (victim == null) victim = conns.iterator().next();
        close(victim, Reason.OVER_LIMIT);
    }

    private void readHead(Conn c) throws IOException {
        if (c.headLen == c.head.length) c.head = java.util.Arrays.copyOf(c.head, limits.headBytes());
        int n = c.ch.read(ByteBuffer.wrap(c.head, c.headLen, c.head.length - c.headLen));
        if (n < 0) {
            // closed without a word (a port check) is no trouble; in mid-head it is
            close(c, c.headLen == 0 ? null : Reason.WENT_AWAY);
            return;
        }
        c.headLen += n;
        RequestHead head;
        try {
            head = RequestHead.parse(c.head, c.headLen, c.headLen == limits.headBytes());
        } catch (RequestHead.BadRequest e) {
            close(c, e.tooLarge ? Reason.HEAD_TOO_LARGE : Reason.NOT_HTTP);
            return;
        }
        if (head == null) return;
        c.head = null;   // done with it
        c.out = answer(head);
        c.state = State.WRITE;
        c.deadline = System.nanoTime() + limits.writeTimeoutMs() * 1_000_000L;
        nextDeadline = Math.min(nextDeadline, c.deadline);
        c.key.interestOps(SelectionKey.OP_WRITE);
        write(c);
    }

    private void write(Conn c) throws IOException {
        c.ch.write(c.out);
        if (c.out[c.out.length - 1].hasRemaining()) return;
        c.out = null;
        c.ch.shutdownOutput();
        c.state = State.LINGER;
        c.deadline = System.nanoTime() + limits.lingerMs() * 1_000_000L;
        nextDeadline = Math.min(nextDeadline, c.deadline);
        c.key.interestOps(SelectionKey.OP_READ);
    }

    /** After the answer: reads what the client still sends until it closes. */
    private void drain(Conn c) throws IOException {
        int n;
        do {
            scratch.clear();
            n = c.ch.read(scratch);
        } while (n > 0);
        if (n < 0) close(c, null);
    }

    /** Closes every connection past its deadline and finds the next deadline. */
    private void expire(long now) {
        long next = Long.MAX_VALUE;
        for (Iterator<Conn> it = conns.iterator(); it.hasNext(); ) {
            Conn c = it.next();
            if (now - c.deadline >= 0) {
                it.remove();
                quietClose(c.ch);
                Reason r = switch (c.state) {
                    case HEAD -> Reason.HEAD_TIMEOUT;
                    case WRITE -> Reason.WRITE_TIMEOUT;
                    case LINGER -> null;
                };
                if (r != null) dropped.count(r, now);
            } else {
                next = Math.min(next, c.deadline);
            }
        }
        nextDeadline = next;
    }

    private void close(Conn c, Reason why) {
        conns.remove(c);
        quietClose(c.ch);
        if (why != null) dropped.count(why, System.nanoTime());
    }

    private ByteBuffer[] answer(RequestHead h) {
        boolean head = h.method().equals("HEAD");
        if (!head && !h.method().equals("GET")) {
            return simple("405 Method Not Allowed", "Allow: GET, HEAD\r\n", "text/plain; charset=utf-8",
                    "only GET and HEAD\n", head);
        }
        switch (h.path()) {
            case "/metrics" -> {
                EncodedMetrics.Format format = EncodedMetrics.Format.choose(h.accept());
                boolean gzip = h.acceptsGzip();
                ByteBuffer body = metrics.get().body(format, gzip);
                ByteBuffer top = header("200 OK", (gzip ? "Content-Encoding: gzip\r\n" : "") + "Vary: Accept, Accept-Encoding\r\n",
                        format.contentType(), body.remaining());
                return head ? new ByteBuffer[] {top} : new ByteBuffer[] {top, body};
            }
            case "/" -> {
                return simple("200 OK", "", "text/html; charset=utf-8", HOME, head);
            }
            case "/-/healthy" -> {
                return simple("200 OK", "", "text/plain; charset=utf-8", "Exporter is healthy.\n", head);
            }
            default -> {
                return simple("404 Not Found", "", "text/plain; charset=utf-8", "not found; metrics are at /metrics\n", head);
            }
        }
    }

    private static ByteBuffer[] simple(String status, String extra, String type, String text, boolean head) {
        ByteBuffer body = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        ByteBuffer top = header(status, extra, type, body.remaining());
        return head ? new ByteBuffer[] {top} : new ByteBuffer[] {top, body};
    }

    private static ByteBuffer header(String status, String extra, String type, int length) {
        String h = "HTTP/1.1 " + status + "\r\n"
                + "Date: " + HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n"
                + "Content-Type: " + type + "\r\n"
                + "Content-Length: " + length + "\r\n"
                + extra
                + "Connection: close\r\n\r\n";
        return ByteBuffer.wrap(h.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void quietClose(java.nio.channels.Channel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing a socket only fails when it is already gone
        }
    }

    /** Stops the thread and closes every connection and the listening socket. Idempotent. */
    @Override
    public void close() {
        closing = true;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
