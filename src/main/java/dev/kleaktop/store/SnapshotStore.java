package dev.kleaktop.store;

import com.fasterxml.jackson.core.JsonFactory;
import dev.kleaktop.model.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;

/**
 * Saves, lists and loads snapshot files.
 *
 * <p>A write is atomic and never clobbers: the bytes go to a hidden temporary file in the
 * target's directory, created 0600 (a snapshot holds kernel addresses), forced to disk, then
 * published under the final name by {@code link(2)}, which fails if the name exists, or by
 * {@code rename(2)} when overwriting was asked for; the directory is then forced too. A
 * reader sees the old file or the whole new one, never a part, and a failed write leaves
 * nothing behind.
 *
 * <p>Safe to use from a background thread: it keeps no state besides its test hook.
 */
public final class SnapshotStore {
    /**
     * Snapshot files above this size are refused rather than read into memory. Decoding
     * takes about three times the file's size in heap, and {@code diff} holds two: with the
     * launcher's -Xmx96m, two 17.7 MB snapshots (46,000 caches) compare, two 23 MB ones end
     * in OutOfMemoryError (measured). 16 MiB holds what kleaktop writes of 10,000 caches with
     * 10,000 kmemleak records (11.8 MB), or about 45,000 caches alone.
     */
    static final int MAX_BYTES = 16 << 20;

    /**
     * What reading and writing need, made on first use: the screen names its snapshot
     * directory ({@link #defaultDir}) at start, and a JSON factory and a date pattern cost
     * milliseconds of its first frame when made then.
     */
    private static final class Io {
        static final Set<PosixFilePermission> FILE_0600 = PosixFilePermissions.fromString("rw-------");
        static final FileAttribute<Set<PosixFilePermission>> DIR_0700 =
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
        static final DateTimeFormatter NAME_TIME =
                DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
        static final JsonFactory FACTORY = SnapshotCodec.factory();
    }

    /** Runs after the temporary file is forced and before it is published; tests make it fail. */
    interface BeforePublish {
        void run(Path temp) throws IOException;
    }

    /** A hidden temporary file this old was left by a writer that died (a write takes milliseconds). */
    static final java.time.Duration STALE_TEMP = java.time.Duration.ofHours(1);

    private final BeforePublish beforePublish;
    private final java.time.Clock clock;
    private final DirWriter.Created created;
    private final boolean allowUnsafeDir;

    public SnapshotStore() {
        this(false);
    }

    /**
     * @param allowUnsafeDir write even into a directory that another user owns or can write
     *                       to (not sticky), where they could swap the file as it is written
     */
    public SnapshotStore(boolean allowUnsafeDir) {
        this(temp -> { }, java.time.Clock.systemUTC(), temp -> { }, allowUnsafeDir);
    }

    SnapshotStore(BeforePublish beforePublish) {
        this(beforePublish, java.time.Clock.systemUTC());
    }

    SnapshotStore(BeforePublish beforePublish, java.time.Clock clock) {
        this(beforePublish, clock, temp -> { }, false);
    }

    /** @param created runs right after the temporary file is created (tests swap it there) */
    SnapshotStore(BeforePublish beforePublish, java.time.Clock clock, DirWriter.Created created, boolean allowUnsafeDir) {
        this.beforePublish = beforePublish;
        this.clock = clock;
        this.created = created;
        this.allowUnsafeDir = allowUnsafeDir;
    }

    /**
     * The default snapshot directory, by the XDG rule taken literally:
     * {@code $XDG_STATE_HOME/kleaktop}, else {@code $HOME/.local/state/kleaktop}. A relative
     * or empty variable is ignored, as the XDG specification asks; {@code accountHome} (the
     * home in the password file) is used only when {@code $HOME} is not set, so that
     * {@code HOME=/srv/ops kleaktop} (or sudo keeping the caller's HOME) is obeyed.
     */
    public static Path defaultDir(Function<String, String> env, Path accountHome) {
        Path xdg = absolute(env.apply("XDG_STATE_HOME"));
        if (xdg != null) return xdg.resolve("kleaktop");
        Path home = absolute(env.apply("HOME"));
        return (home != null ? home : accountHome).resolve(".local").resolve("state").resolve("kleaktop");
    }

    private static Path absolute(String value) {
        if (value == null || value.isEmpty()) return null;
        try {
            Path p = Path.of(value);
            return p.isAbsolute() ? p : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** {@code kleaktop-20261126T014512Z-box1.json}: sorts by time (UTC) and names the host. */
    public static String fileName(Snapshot s) {
        return stem(s) + ".json";
    }

    private static String stem(Snapshot s) {
        return "kleaktop-" + Io.NAME_TIME.format(s.time()) + "-" + safeHost(s.identity().host());
    }

    /** The host as a file name part: letters, digits, dot, dash and underscore only. */
    static String safeHost(String host) {
        if (host == null || host.isBlank()) return "unknown";
        StringBuilder b = new StringBuilder(Math.min(host.length(), 64));
        for (int i = 0; i < host.length() && b.length() < 64; i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || (c == '.' && b.length() > 0);
            b.append(ok ? c : '_');
        }
        return b.toString();
    }

    /**
     * Saves into {@code dir} (created 0700 when missing) under {@link #fileName}; when that
     * name is taken (two snapshots in one second) a {@code -2}, {@code -3}, ... suffix is
     * added: an existing file is never replaced.
     *
     * @return the path written
     */
    public Path save(Snapshot s, Path dir) throws SnapshotException {
        ensureDir(dir);
        byte[] bytes = SnapshotCodec.encode(s);
        String stem = stem(s);
        try (DirWriter d = DirWriter.open(dir, allowUnsafeDir, created)) {
            sweepStaleTemps(d);
            try (DirWriter.Temp t = d.create(stem + ".json", Io.FILE_0600)) {
                fill(t, bytes);
                for (int n = 1; n < 1000; n++) {
                    String name = n == 1 ? stem + ".json" : stem + "-" + n + ".json";
                    if (t.publishNew(name)) {
                        d.sync();
                        return dir.resolve(name);
                    }
                }
            }
        } catch (IOException e) {
            throw failure(dir, e);
        }
        throw new SnapshotException(dir.toString(), "too many snapshots named " + stem + "*.json");
    }

    /**
     * Writes to exactly {@code file}. An existing file is an error unless {@code force}; only
     * a regular file is ever replaced (not a device, FIFO, socket, directory or symbolic link).
     *
     * @return the path written
     */
    public Path write(Snapshot s, Path file, boolean force) throws SnapshotException {
        Path dir = parentOf(file);
        if (!Files.isDirectory(dir)) {
            throw new SnapshotException(file.toString(), Files.exists(dir) ? dir + " is not a directory"
                    : "directory " + dir + " does not exist");
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) || file.getFileName() == null) {
            throw new SnapshotException(file.toString(), "is a directory");
        }
        String name = file.getFileName().toString();
        byte[] bytes = SnapshotCodec.encode(s);
        try (DirWriter d = DirWriter.open(dir, allowUnsafeDir, created)) {
            d.checkTarget(name, force);
            sweepStaleTemps(d);
            try (DirWriter.Temp t = d.create(name, Io.FILE_0600)) {
                fill(t, bytes);
                if (force) {
                    t.publishReplacing(name);
                } else if (!t.publishNew(name)) {
                    throw new FileAlreadyExistsException(file.toString());
                }
            }
            d.sync();
        } catch (FileAlreadyExistsException e) {
            throw new SnapshotException(file.toString(), "already exists (use --force to replace it)");
        } catch (IOException e) {
            // told of the file as the user named it, not of its absolute path
            throw failure(file, e instanceof FileSystemException f && dir.resolve(name).toString().equals(f.getFile())
                    ? new FileSystemException(file.toString(), null, f.getReason()) : e);
        }
        return file;
    }

    /** Writes the bytes to the temporary file, forces them, then lets the test hook see it. */
    private void fill(DirWriter.Temp t, byte[] bytes) throws IOException {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) t.channel().write(buf);
        t.force();
        beforePublish.run(t.path());
    }

    /**
     * Removes the hidden temporary files ({@code .NAME.json.DIGITS.tmp}) that writers killed
     * mid-write (SIGKILL; other signals remove their own) left behind, once they are
     * {@link #STALE_TEMP} old; a live writer's file is younger.
     */
    private void sweepStaleTemps(DirWriter d) {
        d.sweep(".*.json.*.tmp", clock.instant().minus(STALE_TEMP));
    }

    private static void ensureDir(Path dir) throws SnapshotException {
        if (Files.isDirectory(dir)) return;
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(dir)) {
            throw new SnapshotException(dir.toString(), "not a directory");
        }
        try {
            Files.createDirectories(dir, Io.DIR_0700);
        } catch (IOException e) {
            throw failure(dir, e);
        }
    }

    private static Path parentOf(Path file) {
        Path p = file.toAbsolutePath().getParent();
        return p == null ? file.toAbsolutePath().getRoot() : p;
    }

    static SnapshotException failure(Path where, IOException e) {
        if (e instanceof AccessDeniedException a) {
            return new SnapshotException(a.getFile() == null ? where.toString() : a.getFile(), "permission denied", e);
        }
        if (e instanceof NoSuchFileException n) {
            return new SnapshotException(n.getFile() == null ? where.toString() : n.getFile(), "not found", e);
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return new SnapshotException(f.getFile() == null ? where.toString() : f.getFile(), f.getReason(), e);
        }
        return new SnapshotException(where.toString(), e.getMessage() == null ? "failed" : e.getMessage(), e);
    }

    /** Loads one snapshot strictly; see {@link SnapshotException} for what can be wrong. */
    public static Snapshot load(Path file) throws SnapshotException {
        String name = file.toString();
        if (Files.isDirectory(file)) throw new SnapshotException(name, "is a directory, not a snapshot file");
        // A FIFO's open waits for a writer forever, /dev/zero never ends, and a pipe
        // (diff <(...)) says its size is 0: only a regular file is read, and counted as read.
        if (!file.toFile().isFile() && Files.exists(file)) {
            throw new SnapshotException(name, "not a regular file (" + kind(file) + "); save the snapshot to a file first");
        }
        byte[] bytes;
        try {
            bytes = readAtMost(file, MAX_BYTES);
        } catch (IOException e) {
            throw failure(file, e);
        }
        if (bytes == null) {
            throw new SnapshotException(name, "larger than " + (MAX_BYTES >> 20) + " MiB (the limit for a snapshot)");
        }
        return SnapshotCodec.decode(bytes, name);
    }

    /** The whole file, or null as soon as it is found to hold more than {@code limit} bytes. */
    static byte[] readAtMost(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            // sized by what the file says it holds (0 for a pipe), grown while reading
            byte[] b = new byte[(int) Math.min(limit + 1L, Math.max(8192, Files.size(file) + 1))];
            int n = 0;
            while (true) {
                if (n == b.length) {
                    if (n > limit) return null;
                    b = Arrays.copyOf(b, (int) Math.min(limit + 1L, 2L * n));
                }
                int r = in.read(b, n, b.length - n);
                if (r < 0) break;
                n += r;
            }
            return n > limit ? null : n == b.length ? b : Arrays.copyOf(b, n);
        }
    }

    /** What a file that is not regular is, in words. */
    private static String kind(Path p) {
        try {
            Object mode = Files.getAttribute(p, "unix:mode");
            if (mode instanceof Integer m) {
                switch (m & 0170000) {
                    case 0010000: return "a FIFO or pipe";
                    case 0020000: return "a character device";
                    case 0060000: return "a block device";
                    case 0140000: return "a socket";
                    default: break;
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // said in general words
        }
        return "a special file";
    }
}
