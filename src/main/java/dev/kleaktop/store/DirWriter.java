package dev.kleaktop.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files into one directory, as root, without letting another user who can write to
 * that directory steer the write onto some other file. Every file kleaktop writes (snapshots,
 * the node_exporter textfile) goes through here.
 *
 * <p>The directory is opened once; everything after that is relative to its descriptor, so
 * renaming the directory or a path above it changes nothing. The directory itself is checked
 * on that descriptor: it must be owned by root or by the user kleaktop runs as, and not be
 * writable by group or others unless it is sticky (as {@code /tmp} is, where no one can
 * rename or delete another's file); so must every directory above it, opened one from the
 * other from {@code /} down without following a link. {@code allowUnsafe} skips the checks,
 * for a user who means it.
 *
 * <p>A temporary file {@code .NAME.DIGITS.tmp} is created with {@code O_CREAT|O_EXCL}
 * relative to the directory's descriptor ({@code openat}); O_EXCL never follows a symbolic
 * link (the JDK leaves out O_NOFOLLOW, which it implies). From then on only its descriptor is
 * used: the mode is set on the open file (the umask could strip bits from the create mode),
 * it is written and forced; before it is published the name is checked to still be that very
 * file, then it is published by {@code link} (which never replaces anything) or by
 * {@code renameat} (which replaces only a regular file), both relative to the directory.
 * The open file and the directory are named to the kernel as {@code /proc/self/fd/N} where
 * Java has no call taking a descriptor (fchmod, fstat, linkat): the kernel resolves those to
 * the open file itself, never by name.
 *
 * <p>A temporary file that is not published is removed, also when the JVM is stopped by
 * SIGINT, SIGTERM or SIGHUP while it is written (a shutdown hook); only SIGKILL can leave one,
 * for {@link #sweep} to remove later.
 *
 * <p>Not thread-safe: one writer uses one instance.
 */
public final class DirWriter implements Closeable {
    /** Runs right after the temporary file is created and before anything is written to it; tests swap it there. */
    interface Created {
        void run(Path temp) throws IOException;
    }

    private final Path dir;
    private final SecureDirectoryStream<Path> ds;
    /** The directory itself, opened relative to {@link #ds}: its descriptor for /proc/self/fd and for fsync. */
    private final FileChannel self;
    private final String selfPath;
    private final Created created;
    private final List<Temp> open = new ArrayList<>();

    private DirWriter(Path dir, SecureDirectoryStream<Path> ds, FileChannel self, Created created) throws IOException {
        this.dir = dir;
        this.ds = ds;
        this.self = self;
        this.selfPath = "/proc/self/fd/" + Fds.of(self, dir);
        this.created = created;
    }

    /**
     * Opens {@code dir} for writing and checks it (see the class comment).
     *
     * @throws FileSystemException naming {@code dir}, with a reason ready to print, when it is
     *                             missing, not a directory or not safe to write to
     */
    public static DirWriter open(Path dir, boolean allowUnsafe) throws IOException {
        return open(dir, allowUnsafe, temp -> { });
    }

    static DirWriter open(Path dir, boolean allowUnsafe, Created created) throws IOException {
        // A FIFO put in the directory's place would block the open below: refuse what is
        // plainly not a directory first (only someone who can write above it could swap it after).
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir)) throw new NotDirectoryException(dir.toString());
            throw new NoSuchFileException(dir.toString());
        }
        SecureDirectoryStream<Path> ds = allowUnsafe
                ? DirSafety.secure(Files.newDirectoryStream(dir), dir) : DirSafety.walk(dir);
        DirWriter w = null;
        try {
            FileChannel self = DirSafety.selfOf(ds);
            try {
                w = new DirWriter(dir, ds, self, created);
            } finally {
                if (w == null) self.close();
            }
            int mode = (Integer) Files.getAttribute(Path.of(w.selfPath), "unix:mode");
            if ((mode & DirSafety.S_IFMT) != DirSafety.S_IFDIR) throw new NotDirectoryException(dir.toString());
            return w;
        } catch (IOException | RuntimeException e) {
            if (w != null) w.close(); else ds.close();
            throw e;
        }
    }

    /** The directory as it was named. */
    public Path dir() { return dir; }

    /** {@code name} in the directory, for messages. */
    public Path path(String name) { return dir.resolve(name); }

    /**
     * Fails unless {@code name} is free or, when {@code replace}, a regular file: a device,
     * FIFO, socket, directory or symbolic link is never replaced.
     *
     * @throws FileAlreadyExistsException when it is a regular file and not {@code replace}
     * @throws FileSystemException        with the reason, when it is not a regular file
     */
    public void checkTarget(String name, boolean replace) throws IOException {
        Integer mode = lmode(name);
        if (mode == null) return;
        if ((mode & DirSafety.S_IFMT) != DirSafety.S_IFREG) {
            throw new FileSystemException(path(name).toString(), null,
                    "is " + DirSafety.kind(mode) + ", not a regular file; kleaktop writes only regular files");
        }
        if (!replace) throw new FileAlreadyExistsException(path(name).toString());
    }

    /** The mode of {@code name} as lstat gives it, relative to the directory, or null when there is none. */
    private Integer lmode(String name) throws IOException {
        try {
            return (Integer) Files.getAttribute(Path.of(selfPath, name), "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (FileSystemException e) {
            throw renamed(e, name);
        }
    }

    /**
     * Creates the hidden temporary file for {@code name} with exactly {@code mode}, empty and
     * open for writing. Close it when done: unpublished, it is removed.
     */
    public Temp create(String name, Set<PosixFilePermission> mode) throws IOException {
        Temp t = LiveTemps.create(path(name), () -> tryCreate(name, mode), made -> made.removal);
        open.add(t);
        try {
            created.run(t.path());
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    /** One attempt at a new temporary file; by {@link LiveTemps} under its lock. */
    private Temp tryCreate(String name, Set<PosixFilePermission> mode) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String tempName = "." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".tmp";
            FileChannel ch;
            try {
                ch = (FileChannel) ds.newByteChannel(Path.of(tempName),
                        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                if (attempt < 100) continue;   // a name someone took: draw another
                throw e;
            } catch (FileSystemException e) {
                throw renamed(e, tempName);
            }
            try {
                Temp t = new Temp(tempName, ch);
                // fchmod: the umask may have taken bits off the create mode (a textfile must end 0644)
                Files.setPosixFilePermissions(Path.of(t.fdPath), mode);
                t.key = Files.readAttributes(Path.of(t.fdPath), BasicFileAttributes.class).fileKey();
                return t;
            } catch (IOException | RuntimeException e) {
                try {
                    ch.close();
                    ds.deleteFile(Path.of(tempName));
                } catch (IOException | RuntimeException again) {
                    e.addSuppressed(again);
                }
                throw e;
            }
        }
    }

    /**
     * Removes the temporary files ({@code glob}, matched on the name) left by writers killed
     * mid-write, when they were last modified before {@code before}. Best effort: what cannot
     * be removed stays.
     */
    public void sweep(String glob, Instant before) {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (SecureDirectoryStream<Path> list = ds.newDirectoryStream(Path.of("."), LinkOption.NOFOLLOW_LINKS)) {
            for (Path p : list) {
                Path rel = p.getFileName();
                if (rel == null || !m.matches(rel)) continue;
                try {
                    BasicFileAttributes a = ds.getFileAttributeView(rel, BasicFileAttributeView.class,
                            LinkOption.NOFOLLOW_LINKS).readAttributes();
                    if (a.isRegularFile() && a.lastModifiedTime().toInstant().isBefore(before)) ds.deleteFile(rel);
                } catch (IOException e) {
                    // left as it is
                }
            }
        } catch (IOException | RuntimeException e) {
            // nothing swept; the write goes on
        }
    }

    /** Makes the directory's new entries durable. Some file systems refuse to sync a directory: then they stand as they are. */
    public void sync() {
        try {
            self.force(true);
        } catch (IOException e) {
            // see above
        }
    }

    /** Closes the directory, after removing any temporary file still open and unpublished. */
    @Override
    public void close() {
        for (Temp t : List.copyOf(open)) t.close();
        try {
            self.close();
        } catch (IOException e) {
            // read-only descriptor: nothing to lose
        }
        try {
            ds.close();
        } catch (IOException e) {
            // as above
        }
    }

    /** A message about /proc/self/fd/D/NAME, told of DIR/NAME, the path the user knows. */
    private FileSystemException renamed(FileSystemException e, String name) {
        String file = path(name).toString();
        String reason = e.getReason();
        if (e instanceof NoSuchFileException) return new NoSuchFileException(file, null, reason);
        if (e instanceof FileAlreadyExistsException) return new FileAlreadyExistsException(file, null, reason);
        if (e instanceof java.nio.file.AccessDeniedException) return new java.nio.file.AccessDeniedException(file, null, reason);
        FileSystemException r = new FileSystemException(file, null, reason);
        r.initCause(e);
        return r;
    }

    /** A temporary file being written; see {@link DirWriter}. */
    public final class Temp implements Closeable {
        private final String name;
        private final FileChannel ch;
        private final String fdPath;
        /** (device, inode) of the open file, to tell it from whatever else has its name later. */
        private Object key;
        private boolean forced;
        private boolean published;
        private boolean gone;
        /** Removes the temporary name; how {@link LiveTemps} knows this file. */
        private final Runnable removal = this::removeName;

        private Temp(String name, FileChannel ch) throws IOException {
            this.name = name;
            this.ch = ch;
            this.fdPath = "/proc/self/fd/" + Fds.of(ch, DirWriter.this.path(name));
        }

        /** Where it is, for messages and tests. */
        public Path path() { return DirWriter.this.path(name); }

        /** Write the content here (its descriptor, opened O_EXCL). */
        public FileChannel channel() { return ch; }

        /** fsync: the content on disk before the name points to it. Done by publishing when not before. */
        public void force() throws IOException {
            ch.force(true);
            forced = true;
        }

        /**
         * Publishes as {@code target} unless that name exists ({@code link(2)}, atomic). A file
         * system without hard links falls back to a check then a rename (a small race, only there).
         *
         * @return false when {@code target} is taken (then the temporary file is still there)
         */
        public boolean publishNew(String target) throws IOException {
            if (!forced) force();
            return publish(target, false);
        }

        /** Publishes as {@code target}, atomically replacing it when it is a regular file ({@code renameat}). */
        public void publishReplacing(String target) throws IOException {
            if (!forced) force();
            publish(target, true);
        }

        private boolean publish(String target, boolean replace) throws IOException {
            return LiveTemps.publish(removal, path().getParent().resolve(target), () -> {
                if (gone) throw new IllegalStateException("closed");
                return doPublish(target, replace);
            });
        }

        /** The step of {@link #publishNew} and {@link #publishReplacing} under {@link LiveTemps}'s lock. */
        private boolean doPublish(String target, boolean replace) throws IOException {
            if (!stillOurs()) {
                throw new FileSystemException(path().toString(), null, "the temporary file was replaced while it was"
                        + " written (someone else writes in " + dir + "); nothing published");
            }
            if (replace) {
                checkTarget(target, true);
                move(target);
                published = true;
                gone = true;
                return true;
            }
            try {
                Files.createLink(Path.of(selfPath, target), Path.of(selfPath, name));
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (NoSuchFileException | java.nio.file.AccessDeniedException e) {
                throw renamed(e, target);
            } catch (UnsupportedOperationException | FileSystemException e) {
                if (lmode(target) != null) return false;
                move(target);
                published = true;
                gone = true;
                return true;
            }
            published = true;
            removeName();
            return true;
        }

        /** renameat(dir, temp, dir, target). */
        private void move(String target) throws IOException {
            try {
                ds.move(Path.of(name), ds, Path.of(target));
            } catch (FileSystemException e) {
                throw renamed(e, target);
            }
        }

        /** Whether the temporary name still holds the file we opened (not something swapped in). */
        private boolean stillOurs() {
            try {
                Object now = ds.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .readAttributes().fileKey();
                return key != null && key.equals(now);
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        /** Unlinks the temporary name when it is still ours; by {@link LiveTemps} under its lock. */
        private void removeName() {
            if (gone) return;
            gone = true;
            if (!stillOurs()) return;
            try {
                ds.deleteFile(Path.of(name));
            } catch (IOException | RuntimeException e) {
                // best effort; a later sweep removes it
            }
        }

        /** Closes the descriptor and removes the temporary file unless it was published. */
        @Override
        public void close() {
            LiveTemps.close(removal, () -> {
                if (!published) removeName();
            });
            open.remove(this);
            discard();
        }

        private void discard() {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing was published from it
            }
        }
    }
}
