package dev.kleaktop.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Live tests that make a cache grow by creating files must first use up its free objects: a
 * box that has just deleted many files (another test, a build) keeps their dentries' slabs
 * with free objects in them, and new files fill those before the cache takes a single new
 * slab, so its size (and growth rate) does not move for tens of thousands of files. This
 * creates files until the cache's object count rises, i.e. until it took a new slab.
 */
public final class SlabSlack {
    private SlabSlack() {}

    /** Creates {@code dir/slackN} files until {@code cache} has more objects than now; returns how many. */
    public static int fill(Path dir, String cache, int maxFiles) {
        long start = numObjs(cache);
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < maxFiles; i++) {
                Files.createFile(dir.resolve("slack" + i));
                if (i % 500 == 499 && numObjs(cache) > start) return i + 1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return maxFiles;
    }

    /** num_objs of the first cache of that name in the live /proc/slabinfo, or -1. */
    public static long numObjs(String cache) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/slabinfo"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 2 && f[0].equals(cache)) return Long.parseLong(f[2]);
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
