package dev.kleaktop.view.tui.term;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;
import org.jline.nativ.CLibrary;

/**
 * Loads JLine's native library (jline-native: tcgetattr, tcsetattr, ioctl for {@link NativeTty})
 * once per process, without JLine's own extraction.
 *
 * <p>JLine's loader would copy the library into {@code java.io.tmpdir} under a name from
 * {@code java.util.Random}, through a plain {@code FileOutputStream} (it follows a symbolic
 * link someone planted there), and delete other processes' copies it finds there. kleaktop
 * usually runs as root, so the library is found here instead and JLine's loader is only
 * pointed at it:
 * <ol>
 *   <li>in the directory the launcher names with {@code -Dlibrary.jline.path} (an installation
 *       puts the library next to the jar, in a directory only root can write); else</li>
 *   <li>copied out of the jar into a new directory only this user can enter (created
 *       exclusively, mode 0700, in a temporary directory others cannot rename it in:
 *       {@code java.io.tmpdir}, else {@code $XDG_RUNTIME_DIR}), loaded, and deleted again at
 *       once: nothing is left behind, even after a SIGKILL.</li>
 * </ol>
 * Any failure (another architecture, a {@code noexec} /tmp, a C library the binary was not
 * built for) just means no library: the terminal falls back to stty.
 *
 * <p>Only architectures whose termios flags and control-character slots follow the kernel's
 * generic numbering (x86-64, x86, arm64) are used: {@link NativeTty} sets those bits itself,
 * and PowerPC, for one, numbers them differently.
 */
public final class NativeLibrary {
    /** The file name JLine's loader looks for (its default for Linux). */
    static final String FILE = "libjlinenative.so";
    /** JLine's system property: a directory its loader loads the library from. */
    static final String PATH_PROPERTY = "library.jline.path";
    /** JLine's system property: where its loader would extract to, and which it cleans up. */
    static final String TMPDIR_PROPERTY = "jline.tmpdir";

    private NativeLibrary() {}

    /** Whether the library is loaded and JLine's classes are ready; the first call loads it. */
    public static boolean available() {
        return Holder.LOADED;
    }

    /** Loaded on first use (the holder's class initialisation runs once, thread-safely). */
    private static final class Holder {
        static final boolean LOADED = load();
    }

    private static boolean load() {
        String folder = folder(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        if (folder == null) return false;
        String dir = System.getProperty(PATH_PROPERTY);
        if (dir != null && !dir.isEmpty()) {
            for (Path p : new Path[] {Path.of(dir, "Linux", folder, FILE), Path.of(dir, FILE)}) {
                if (Files.isRegularFile(p) && loadFrom(p)) return true;
            }
        }
        // A /tmp mounted noexec refuses the library: the per-user runtime directory (systemd's
        // /run/user/UID) often allows it.
        for (String tmp : new String[] {System.getProperty("java.io.tmpdir", "/tmp"), System.getenv("XDG_RUNTIME_DIR")}) {
            if (tmp != null && !tmp.isEmpty() && extractAndLoad(folder, Path.of(tmp))) return true;
        }
        return false;
    }

    /**
     * JLine's folder in its jar for this system ({@code Linux/x86_64} holds {@code x86_64}),
     * or null where the native library is not used.
     */
    static String folder(String osName, String osArch) {
        if (!osName.startsWith("Linux")) return null;
        switch (osArch) {
            case "amd64":
            case "x86_64":
                return "x86_64";
            case "aarch64":
            case "arm64":
                return "arm64";
            case "x86":
            case "i386":
            case "i486":
            case "i586":
            case "i686":
                return "x86";
            default:
                return null;
        }
    }

    private static boolean extractAndLoad(String folder, Path tmp) {
        if (!safeParent(tmp)) return false;
        Path dir = null;
        Path lib = null;
        try (InputStream in = NativeLibrary.class.getResourceAsStream("/org/jline/nativ/Linux/" + folder + "/" + FILE)) {
            if (in == null) return false; // a jar without this architecture's library
            dir = privateDirectory(tmp);
            lib = dir.resolve(FILE);
            Files.copy(in, lib);
            return loadFrom(lib);
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            // Once loaded, the mapping stays valid without the file.
            try {
                if (lib != null) Files.deleteIfExists(lib);
                if (dir != null) Files.deleteIfExists(dir);
            } catch (IOException | RuntimeException e) {
                // an empty private directory at worst
            }
        }
    }

    /**
     * A new directory that only this user can enter. {@code mkdir} fails rather than reuse
     * anything that exists under the name (a directory or a link someone else made), so the
     * name need not be secret; a few tries get past names taken by chance.
     */
    static Path privateDirectory(Path parent) throws IOException {
        IOException last = null;
        for (int i = 0; i < 8; i++) {
            Path d = parent.resolve("kleaktop-native-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            try {
                return Files.createDirectory(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * Whether nobody else can rename or replace what this process creates in {@code dir}: it
     * has the sticky bit (like /tmp), or only its owner can write to it and that is this user
     * or root.
     */
    static boolean safeParent(Path dir) {
        try {
            int mode = (Integer) Files.getAttribute(dir, "unix:mode");
            if ((mode & 01000) != 0) return true;
            if ((mode & 0022) != 0) return false;
            int owner = (Integer) Files.getAttribute(dir, "unix:uid");
            return owner == 0 || owner == (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Loads the library from {@code lib} and readies JLine's classes, whose own loader is
     * pointed at the same file (loading it again is a no-op for the JVM). Its temporary
     * directory property points there too: its clean-up thread then lists that directory, not
     * /tmp. Both properties are left set, as that thread reads them later; nothing else in
     * the process uses them.
     */
    private static boolean loadFrom(Path lib) {
        try {
            System.load(lib.toAbsolutePath().toString());
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
        String dir = lib.toAbsolutePath().getParent().toString();
        System.setProperty(PATH_PROPERTY, dir);
        System.setProperty(TMPDIR_PROPERTY, dir);
        try {
            CLibrary.isatty(0); // initialises CLibrary, which runs JLine's loader
            return true;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }
}
