package dev.kleaktop.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds captured trees (a copy of /proc and /sys) in a temporary directory for --root tests. */
public final class Trees {
    private final Path root;

    public Trees(Path root) {
        this.root = root;
    }

    public Path root() { return root; }

    public Trees file(String rel, String content) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Trees symlink(String rel, String target) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.createSymbolicLink(p, Path.of(target));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Trees identity(String host, String kernel, String bootId) {
        file("proc/sys/kernel/hostname", host + "\n");
        file("proc/sys/kernel/osrelease", kernel + "\n");
        file("proc/sys/kernel/random/boot_id", bootId + "\n");
        return file("proc/uptime", "1234.56 2000.00\n");
    }

    private static final Pattern LS_LINK = Pattern.compile("^l\\S+\\s+.*\\s(\\S+) -> (\\S+)$");
    private static final Pattern LS_DIR = Pattern.compile("^d\\S+\\s+.*\\s(\\S+)$");

    /**
     * /sys/kernel/slab from the lab's {@code ls -l} listing and its {@code grep -H '' DIR/ATTR}
     * dump: directories, alias symlinks and attribute files as the real kernel had them.
     */
    public Trees sysSlabFromLab(String lsListing, String attrDump) {
        for (String line : lsListing.split("\n")) {
            Matcher l = LS_LINK.matcher(line);
            if (l.matches()) {
                symlink("sys/kernel/slab/" + l.group(1), l.group(2));
                continue;
            }
            Matcher d = LS_DIR.matcher(line);
            if (d.matches()) {
                try {
                    Files.createDirectories(root.resolve("sys/kernel/slab/" + d.group(1)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        for (String line : attrDump.split("\n")) {
            int colon = line.indexOf(':', line.indexOf('/'));
            int slash = line.indexOf('/');
            if (slash <= 0 || colon < 0) continue;
            String dir = line.substring(0, slash);
            String attr = line.substring(slash + 1, colon);
            if (!Files.isDirectory(root.resolve("sys/kernel/slab/" + dir))) continue;
            file("sys/kernel/slab/" + dir + "/" + attr, line.substring(colon + 1) + "\n");
        }
        return this;
    }

    /** The lab run's final state as a captured tree: slabinfo, meminfo, /sys/kernel/slab. */
    public static Trees labFinal(Path dir) {
        return new Trees(dir)
                .identity("kmemlab", "6.1.192-kmemlab", "0d4b1a4e-6c55-4d7c-9c1b-8b2f0c6f2a10")
                .file("proc/slabinfo", Corpus.text("slabinfo/slabinfo.2-final.txt"))
                .file("proc/meminfo", Corpus.text("slabinfo/meminfo.2-final.txt"))
                .sysSlabFromLab(Corpus.text("slabinfo/sys-kernel-slab-ls.txt"),
                        Corpus.text("slabinfo/sys-kernel-slab.txt"));
    }
}
