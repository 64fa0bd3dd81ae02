package dev.kleaktop.model;

import java.util.List;

/**
 * kmemleak suspects that share one allocation backtrace (the same call site), which is how a
 * leak shows up: hundreds of records, one group.
 *
 * @param key           a stable identity of the backtrace (see {@code KmemleakParser}), equal
 *                      for the same call path across reads of the same kernel
 * @param count         records in the group
 * @param totalSize     sum of their sizes, bytes
 * @param topFrame      the first frame that is not an allocator or kmemleak internal, as
 *                      printed; null when every frame is internal
 * @param title         the report's name as kernel developers and syzbot write it,
 *                      {@code memory leak in FUNC} (FUNC skips allocator-like wrappers and
 *                      names the real function of an {@code [inline]} frame; see
 *                      {@code KmemleakTitle}); null when the backtrace names no function, or
 *                      when read from a snapshot written before the field existed
 * @param comms         distinct allocating comms, sorted, at most a few
 * @param sampleAddress the address of the first record of the group
 * @param backtrace     the full backtrace of the first record
 */
public record KmemleakGroup(
        String key,
        long count,
        long totalSize,
        String topFrame,
        String title,
        List<String> comms,
        String sampleAddress,
        List<String> backtrace) {

    public KmemleakGroup {
        comms = comms == null ? List.of() : List.copyOf(comms);
        backtrace = backtrace == null ? List.of() : List.copyOf(backtrace);
    }
}
