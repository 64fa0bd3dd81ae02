package dev.kleaktop.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks {@link DirWriter} makes before it writes into a directory: the directory opened
 * from {@code /} down without following a link, and each directory on the way refused when
 * another user owns it or can write to it and it is not sticky (see {@link DirWriter}); and
 * the kinds of file a mode names, for refusing to replace what is not a regular file.
 */
final class DirSafety {
    /** What another user could do in an unchecked directory, said after each refusal. */
    static final String UNSAFE_CONSEQUENCE = "another user could swap the file as it is written"
            + " (--allow-unsafe-dir writes there anyway)";

    static final int S_IFMT = 0170000;
    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;

    private DirSafety() {}

    /** The kind of file a mode says, for refusals ("is a FIFO, not a regular file"). */
    static String kind(int mode) {
        return switch (mode & S_IFMT) {
            case 0140000 -> "a socket";
            case 0120000 -> "a symbolic link";
            case 0060000 -> "a block device";
            case 0040000 -> "a directory";
            case 0020000 -> "a character device";
            case 0010000 -> "a FIFO";
            default -> "an unknown kind of file";
        };
    }


    static SecureDirectoryStream<Path> secure(DirectoryStream<Path> stream, Path dir) throws IOException {
        if (stream instanceof SecureDirectoryStream<Path> ds) return ds;
        stream.close();
        throw new FileSystemException(dir.toString(), null, "this platform cannot write files relative to a directory descriptor");
    }

    static FileChannel selfOf(SecureDirectoryStream<Path> ds) throws IOException {
        return (FileChannel) ds.newByteChannel(Path.of("."), Set.of(StandardOpenOption.READ));
    }

    /**
     * Opens the directory from {@code /} down, one component at a time, never letting the
     * kernel follow a symbolic link, and checks each directory once it is open: whoever can
     * rename an entry of one of them could put another directory in the place of the next.
     * A symbolic link on the way is followed here, and only out of a directory already
     * checked (so no other user could have put it there).
     */
    static SecureDirectoryStream<Path> walk(Path dir) throws IOException {
        int euid = Fds.euid();
        Path abs = dir.toAbsolutePath();
        java.util.Deque<Path> todo = new java.util.ArrayDeque<>();
        for (Path name : abs) todo.add(name);
        Path at = abs.getRoot();
        SecureDirectoryStream<Path> ds = secure(Files.newDirectoryStream(at), at);
        try {
            check(ds, at, euid);
            int links = 0;
            while (!todo.isEmpty()) {
                Path name = todo.pop();
                if (name.toString().equals(".")) continue;
                BasicFileAttributes attrs = name.toString().equals("..") ? null
                        : ds.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
                if (attrs != null && attrs.isSymbolicLink()) {
                    if (++links > 40) throw new FileSystemException(at.resolve(name).toString(), null, "too many symbolic links");
                    Path target;
                    try (FileChannel self = selfOf(ds)) {
                        target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + Fds.of(self, at), name.toString()));
                    }
                    List<Path> parts = new ArrayList<>();
                    for (Path part : target) parts.add(part);
                    for (int i = parts.size() - 1; i >= 0; i--) todo.push(parts.get(i));
                    if (target.isAbsolute()) {
                        ds.close();
                        at = target.getRoot();
                        ds = secure(Files.newDirectoryStream(at), at);
                        check(ds, at, euid);
                    }
                    continue;
                }
                if (attrs != null && !attrs.isDirectory()) throw new NotDirectoryException(at.resolve(name).toString());
                SecureDirectoryStream<Path> next = ds.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
                ds.close();
                ds = next;
                at = attrs == null ? (at.getParent() == null ? at : at.getParent()) : at.resolve(name);
                check(ds, at, euid);
            }
            return ds;
        } catch (IOException | RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /** Refuses a directory that another user owns, or that others can write to and is not sticky. */
    private static void check(SecureDirectoryStream<Path> ds, Path shown, int euid) throws IOException {
        Map<String, Object> a;
        try (FileChannel self = selfOf(ds)) {
            a = Files.readAttributes(Path.of("/proc/self/fd/" + Fds.of(self, shown)), "unix:mode,uid");
        }
        int mode = (Integer) a.get("mode");
        int uid = (Integer) a.get("uid");
        if (uid != 0 && uid != euid) {
            throw new FileSystemException(shown.toString(), null,
                    "directory owned by another user (uid " + uid + "): " + UNSAFE_CONSEQUENCE);
        }
        if ((mode & 0022) != 0 && (mode & 01000) == 0) {
            throw new FileSystemException(shown.toString(), null, "directory writable by other users and not sticky (mode "
                    + String.format(java.util.Locale.ROOT, "%04o", mode & 07777) + "): " + UNSAFE_CONSEQUENCE);
        }
    }
}
