package dev.kleaktop.model;

import java.util.List;

/**
 * One read of /proc/slabinfo.
 *
 * @param version   the format version from the header, e.g. {@code 2.1}
 * @param caches    the caches in file order, each with its occurrence index
 * @param truncated true when the last line was cut short and was dropped
 */
public record SlabInfo(String version, List<SlabCache> caches, boolean truncated) {
    public SlabInfo {
        caches = List.copyOf(caches);
    }

    public static SlabInfo empty() { return new SlabInfo("", List.of(), false); }
}
