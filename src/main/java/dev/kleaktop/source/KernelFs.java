package dev.kleaktop.source;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one narrow door to the kernel's files. Every path is relative to the root
 * ({@code --root}, default {@code /}), so the same code reads the live box and a
 * captured tree. Nothing outside this package opens kernel files.
 */
public final class KernelFs {
    /** Relative paths of the sources kleaktop reads, so they are named once. */
    public static final String SLABINFO = "proc/slabinfo";
    public static final String MEMINFO = "proc/meminfo";
    public static final String UPTIME = "proc/uptime";
    public static final String SYS_SLAB = "sys/kernel/slab";
    public static final String KMSG = "dev/kmsg";
    public static final String KMEMLEAK = "sys/kernel/debug/kmemleak";
    public static final String DEBUGFS = "sys/kernel/debug";
    public static final String BOOT_ID = "proc/sys/kernel/random/boot_id";
    public static final String HOSTNAME = "proc/sys/kernel/hostname";
    public static final String OSRELEASE = "proc/sys/kernel/osrelease";
    public static final String DMESG_RESTRICT = "proc/sys/kernel/dmesg_restrict";
    /**
     * In a captured tree only, when it has no {@code dev/kmsg}: the kernel log saved with it,
     * the first of these that is a file (README's capture script writes {@code dmesg.txt};
     * an sosreport has {@code sos_commands/kernel/dmesg} and {@code var/log/dmesg}).
     */
    public static final java.util.List<String> SAVED_LOGS =
            java.util.List.of("dmesg.txt", "dmesg", "sos_commands/kernel/dmesg", "var/log/dmesg");

    /**
     * The most read of a one-line file: identity (host name, release, boot id, page size),
     * uptime, a sysfs attribute. Real ones are a few bytes; sysfs never writes more than a
     * page. Every read is bounded while it reads (a pipe or a file under /proc says its
     * size is 0, and a file can grow meanwhile), so a corrupt or hostile tree costs no more
     * memory than this.
     */
    public static final int LINE_LIMIT = 4 << 10;
    /** The most read of /proc/meminfo: about 1.5 KiB on a real kernel. */
    static final int MEMINFO_LIMIT = 64 << 10;
    /**
     * The most read of /proc/slabinfo: about 30,000 caches at 130 bytes a line (3 times the
     * 10,000 of the benchmark). Measured with the launcher's -Xmx96m: 30,000 caches run the
     * screen and batch text in 94 MB resident, 50,000 need 133 MB, and 100,000 (13 MB of
     * slabinfo) end in OutOfMemoryError; refusing up front is one line instead.
     */
    public static final int SLABINFO_LIMIT = 4 << 20;
    /** The most read of any other whole file (proc/mounts, ...). */
    static final int TEXT_LIMIT = 1 << 20;

    private final Path root;
    private final boolean live;
    /** Files served from memory instead of the root (a captured series' sample); null for none. */
    private final Overlay overlay;

    /**
     * Files a {@link KernelFs} serves from memory: the current sample of a captured series
     * ({@link SeriesTree}). A path it owns is never read under the root.
     */
    public interface Overlay {
        /** Whether {@code rel} is the overlay's: when it has no bytes for it, the file is missing. */
        boolean owns(String rel);

        /** The file's bytes now, or null when it is missing. */
        byte[] file(String rel);

        /** How the file is named in messages. */
        String display(String rel);

        /** The series the files come from, as named in messages. */
        String name();
    }

    public KernelFs(Path root) {
        this(root, null);
    }

    /** A tree under {@code root} with the files {@code overlay} owns served from it. */
    public KernelFs(Path root, Overlay overlay) {
        this.root = root.toAbsolutePath().normalize();
        this.live = overlay == null && this.root.equals(this.root.getRoot());
        this.overlay = overlay;
    }

    /** The captured series this tree replays, as named in messages; null when none. */
    public String seriesName() { return overlay == null ? null : overlay.name(); }

    private boolean overlaid(String rel) { return overlay != null && overlay.owns(rel); }

    private byte[] overlayFile(String rel) throws SourceException {
        byte[] b = overlay.file(rel);
        if (b == null) throw new SourceException(display(rel), "not found", "");
        return b;
    }

    public static KernelFs live() { return new KernelFs(Path.of("/")); }

    public Path root() { return root; }

    /** True when reading the running kernel rather than a captured tree. */
    public boolean isLive() { return live; }

    public Path resolve(String rel) { return root.resolve(rel); }

    /** How a path is named in messages: absolute, under the root. */
    public String display(String rel) { return overlaid(rel) ? overlay.display(rel) : resolve(rel).toString(); }

    public boolean exists(String rel) {
        return overlaid(rel) ? overlay.file(rel) != null : Files.exists(resolve(rel));
    }

    public boolean isDirectory(String rel) { return Files.isDirectory(resolve(rel)); }

    /** Reads a whole (small) file as text in one go, within the limit for its kind. */
    public String readText(String rel) throws SourceException {
        Buffer b = read(rel, new Buffer(8 * 1024));
        return new String(b.bytes, 0, b.length, StandardCharsets.UTF_8);
    }

    /** The most {@link #read} and {@link #readText} take of a file. */
    static int limitOf(String rel) {
        return switch (rel) {
            case SLABINFO -> SLABINFO_LIMIT;
            case MEMINFO -> MEMINFO_LIMIT;
            default -> TEXT_LIMIT;
        };
    }

    /** The reason for a file over its limit, naming the limit. */
    static String overLimit(long limit) {
        return "larger than " + size(limit) + " (the limit for this file)";
    }

    /** {@code 4 KiB}, {@code 4 MiB}: limits are whole KiB or MiB. */
    static String size(long bytes) {
        if (bytes >= (1 << 20) && bytes % (1 << 20) == 0) return (bytes >> 20) + " MiB";
        if (bytes >= 1024 && bytes % 1024 == 0) return (bytes >> 10) + " KiB";
        return bytes + " bytes";
    }

    /**
     * A file that is not a regular one, refused before it is opened: opening a FIFO waits
     * for a writer forever, and a device such as /dev/zero never ends.
     */
    static final class NotRegularFile extends IOException {
        private static final long serialVersionUID = 1L;

        NotRegularFile(String kind) { super("not a regular file (" + kind + ")"); }
    }

    /**
     * The file to open for {@code rel}, after refusing one that is not a regular file. One
     * stat through java.io ({@code isFile} is true only for a regular file, links followed)
     * where NIO's attributes cost several times as much: this runs for hundreds of sysfs
     * attributes at start. A character device is taken only at the kernel's own device path
     * on the live box (/dev/kmsg). A missing file or a directory is left to the open, which
     * says why.
     */
    private java.io.File checked(String rel) throws NotRegularFile {
        Path p = resolve(rel);
        java.io.File f = p.toFile();
        if (f.isFile()) return f;
        String kind = specialKind(p);
        if (kind != null && !(kind.equals(CHAR_DEVICE) && live && rel.equals(KMSG))) throw new NotRegularFile(kind);
        return f;
    }

    /**
     * Opens {@code rel} for reading after {@link #checked}: a regular file non-blocking where
     * the JVM lets us ({@link NonBlockingOpen}), so one swapped for a FIFO after the check
     * cannot hold the open; anything else (a missing file, a directory, /dev/kmsg) as before.
     */
    private FileInputStream openChecked(String rel) throws IOException {
        java.io.File f = checked(rel);
        if (f.isFile()) {
            FileInputStream in = NonBlockingOpen.read(f.toPath());
            if (in != null) return in;
        }
        return new FileInputStream(f);
    }

    private static final String CHAR_DEVICE = "a character device";

    /** What a file that exists and is neither regular nor a directory is, or null. */
    static String specialKind(Path p) {
        try {
            Object mode = Files.getAttribute(p, "unix:mode");
            if (mode instanceof Integer m) {
                switch (m & 0170000) {
                    case 0010000: return "a FIFO";
                    case 0020000: return CHAR_DEVICE;
                    case 0060000: return "a block device";
                    case 0140000: return "a socket";
                    case 0100000, 0040000: return null;
                    default: return "a special file";
                }
            }
        } catch (NoSuchFileException e) {
            return null;  // the open says so
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no unix view: the basic one below
        }
        try {
            var a = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
            return a.isOther() ? "a special file" : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Opens a file through java.io: files read every refresh (slabinfo, meminfo) are read a
     * few kilobytes at a time, and NIO's channel streams cost several times as much per
     * read. java.io only says why an open failed in words; NIO's typed exceptions name it, so
     * a failed open is tried again through NIO to learn why.
     */
    private java.io.FileInputStream openPlain(String rel) throws SourceException {
        try {
            return openStream(rel);
        } catch (IOException e) {
            throw translate(rel, e);
        }
    }

    /**
     * Opens through java.io (see {@link #read}); a failure comes out as NIO's typed exception
     * ({@code NoSuchFileException}, {@code AccessDeniedException}, ...), which
     * {@link #translate} and callers with their own wording understand.
     */
    public java.io.FileInputStream openStream(String rel) throws IOException {
        Path p = resolve(rel);
        try {
            return openChecked(rel);
        } catch (java.io.FileNotFoundException e) {
            Files.newByteChannel(p).close();  // throws the typed exception when it fails too
            // NIO could open it (a directory): java.io's words, "PATH (Is a directory)"
            String m = e.getMessage() == null ? "cannot open" : e.getMessage();
            int why = m.lastIndexOf(" (");
            throw new IOException(why >= 0 && m.endsWith(")") ? m.substring(why + 2, m.length() - 1) : m, e);
        }
    }

    /** Reads a whole file as bytes, for callers that decode themselves; within its limit. */
    public byte[] readBytes(String rel) throws SourceException {
        Buffer b = read(rel, new Buffer(8 * 1024));
        return java.util.Arrays.copyOf(b.bytes, b.length);
    }

    /**
     * A read buffer kept by a caller that reads the same file every refresh, so the refresh
     * loop does not allocate the file's size again each time. Grows to the largest file read.
     */
    public static final class Buffer {
        /** Bytes per read() call: small enough that NIO's temporary direct buffer stays small. */
        static final int CHUNK = 64 * 1024;
        private byte[] bytes;
        private int length;

        public Buffer() { this(16 * 1024); }

        public Buffer(int initialCapacity) { bytes = new byte[Math.max(16, initialCapacity)]; }

        /** The bytes read; valid up to {@link #length()}. */
        public byte[] bytes() { return bytes; }

        public int length() { return length; }
    }

    /**
     * Reads a whole file into {@code into} with one open, within the limit for its kind
     * ({@link #limitOf}); returns {@code into}. A file over it is refused as soon as the read
     * passes the limit.
     */
    public Buffer read(String rel, Buffer into) throws SourceException {
        int limit = limitOf(rel);
        if (overlaid(rel)) {
            byte[] b = overlayFile(rel);
            if (b.length > limit) throw new SourceException(display(rel), overLimit(limit), "");
            if (into.bytes.length < b.length) into.bytes = new byte[b.length];
            System.arraycopy(b, 0, into.bytes, 0, b.length);
            into.length = b.length;
            return into;
        }
        try (InputStream in = openPlain(rel)) {
            int n = 0;
            while (true) {
                if (n == into.bytes.length) {
                    if (n > limit) throw new SourceException(display(rel), overLimit(limit), "");
                    // kept: grow gently, and never past the limit's one byte more
                    into.bytes = java.util.Arrays.copyOf(into.bytes, (int) Math.min(limit + 1L, n + (long) n / 2));
                }
                int r = in.read(into.bytes, n, Math.min(Buffer.CHUNK, into.bytes.length - n));
                if (r < 0) break;
                n += r;
            }
            if (n > limit) throw new SourceException(display(rel), overLimit(limit), "");
            into.length = n;
            return into;
        } catch (IOException e) {
            throw translate(rel, e);
        }
    }

    /**
     * The first line of a small file, trimmed, or empty when it cannot be read.
     *
     * @throws FileRefusedException when the file is larger than {@link #LINE_LIMIT} or is not
     *                              a regular file: not "unknown" but a broken tree
     */
    public Optional<String> readLine(String rel) {
        // A plain FileInputStream: this reads hundreds of sysfs attributes at start, and the
        // channel machinery of Files.readAllBytes costs twice as much per file. Why a read
        // failed does not matter here, so NIO's exception types are not needed.
        if (overlaid(rel)) {
            byte[] o = overlay.file(rel);
            if (o == null) return Optional.empty();
            String s = new String(o, 0, Math.min(o.length, LINE_LIMIT), StandardCharsets.UTF_8);
            int nl = s.indexOf('\n');
            return Optional.of((nl < 0 ? s : s.substring(0, nl)).trim());
        }
        byte[] b = new byte[128];
        int n = 0;
        try (FileInputStream in = openChecked(rel)) {
            int r;
            while ((r = in.read(b, n, b.length - n)) > 0) {
                n += r;
                if (n > LINE_LIMIT) throw new FileRefusedException(display(rel), overLimit(LINE_LIMIT));
                if (n == b.length) b = java.util.Arrays.copyOf(b, Math.min(LINE_LIMIT + 1, n * 2));
            }
        } catch (NotRegularFile e) {
            throw new FileRefusedException(display(rel), e.getMessage());
        } catch (IOException e) {
            return Optional.empty();
        }
        String s = new String(b, 0, n, StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        return Optional.of((nl < 0 ? s : s.substring(0, nl)).trim());
    }

    /**
     * A stream over a file read line by line (a captured kernel log, the kmemleak report),
     * whose readers bound what they keep; a file that is not a regular one is refused.
     */
    public InputStream open(String rel) throws SourceException {
        try {
            return openStream(rel);
        } catch (IOException e) {
            throw translate(rel, e);
        }
    }

    /** Writes a short command (e.g. {@code scan}) to a kernel control file, without creating it. */
    public void writeCommand(String rel, String command) throws SourceException {
        try {
            checked(rel);  // a FIFO would wait for a reader forever
        } catch (NotRegularFile e) {
            throw translate(rel, e);
        }
        try (OutputStream out = Files.newOutputStream(resolve(rel), StandardOpenOption.WRITE)) {
            out.write(command.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw translate(rel, e);
        }
    }

    /** Names in a directory, sorted; a missing directory is an error. */
    public List<String> list(String rel) throws SourceException {
        // java.io's listing is one call returning names; NIO's stream (below) only runs to
        // learn why it failed
        String[] plain = resolve(rel).toFile().list();
        if (plain != null) {
            List<String> names = new ArrayList<>(java.util.Arrays.asList(plain));
            names.sort(null);
            return names;
        }
        try (Stream<Path> s = Files.list(resolve(rel))) {
            List<String> names = new ArrayList<>();
            s.forEach(p -> names.add(p.getFileName().toString()));
            names.sort(null);
            return names;
        } catch (IOException e) {
            throw translate(rel, e);
        }
    }

    public boolean isSymlink(String rel) { return Files.isSymbolicLink(resolve(rel)); }

    /**
     * Where a symlink points, as the final name of the target (for /sys/kernel/slab aliases),
     * or empty when it is not a link.
     */
    public Optional<String> linkTargetName(String rel) {
        Path p = resolve(rel);
        // lstat first: readlink on a directory fails, and a Java exception (its stack trace
        // filled in) per directory costs far more than the extra system call, hundreds of
        // times at start
        if (!Files.isSymbolicLink(p)) return Optional.empty();
        try {
            Path t = Files.readSymbolicLink(p);
            Path name = t.getFileName();
            return name == null ? Optional.empty() : Optional.of(name.toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    public boolean isReadable(String rel) {
        return Files.isReadable(resolve(rel)) && Files.exists(resolve(rel), LinkOption.NOFOLLOW_LINKS);
    }

    /** Turns an I/O failure into a one-line reason and a fix the user can act on. */
    public SourceException translate(String rel, IOException e) {
        String shown = display(rel);
        if (overlay != null && Files.isRegularFile(root)) {
            // a series alone: its root is the series file, under which nothing else is
            return new SourceException(rel, "not in the captured series " + root.getFileName(),
                    "give --root DIR (a captured tree) for it", e);
        }
        if (e instanceof NoSuchFileException) {
            return new SourceException(shown, "not found", fixForMissing(rel), e);
        }
        if (e instanceof AccessDeniedException) {
            return new SourceException(shown, "permission denied", "run as root", e);
        }
        if (e instanceof NotDirectoryException) {
            return new SourceException(shown, "not a directory", "", e);
        }
        String msg = e.getMessage() == null ? "read failed" : e.getMessage(); // never a Java class name
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            msg = fse.getReason();
        }
        if (msg.contains("Operation not permitted")) {
            return new SourceException(shown, "operation not permitted", "", e);
        }
        return new SourceException(shown, msg, "", e);
    }

    private String fixForMissing(String rel) {
        if (rel.startsWith(DEBUGFS)) {
            return exists(DEBUGFS) && !exists(DEBUGFS + "/kmemleak") && isLive() && mountedDebugfs()
                    ? "kernel built without CONFIG_DEBUG_KMEMLEAK"
                    : "mount -t debugfs none /sys/kernel/debug";
        }
        if (rel.equals(SLABINFO)) {
            return "kernel without CONFIG_SLUB_DEBUG/CONFIG_SLAB, or not a captured tree";
        }
        return "";
    }

    private boolean mountedDebugfs() {
        try {
            return readText("proc/mounts").lines().anyMatch(l -> l.contains(" /sys/kernel/debug debugfs "));
        } catch (SourceException e) {
            return false;
        }
    }
}
