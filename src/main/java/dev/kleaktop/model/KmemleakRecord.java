package dev.kleaktop.model;

import java.util.List;

/**
 * One {@code unreferenced object} of the kmemleak report. Strings are the kernel's, raw.
 *
 * @param address   the object's address as printed ({@code 0xffff888...})
 * @param size      the object's size in bytes
 * @param kind      {@code object}, {@code phys} or {@code percpu}
 * @param comm      the allocating task's comm, or null when the record was cut before it
 * @param pid       the allocating task's pid, or null
 * @param jiffies   the allocation time in jiffies, or null
 * @param ageS      age in seconds (printed by kernels before 6.7), or null
 * @param backtrace frames as printed, with the {@code [<addr>]} prefix removed and trimmed
 * @param crc       the backtrace checksum ({@code backtrace (crc d3088d4f):}, 6.7+), or null
 */
public record KmemleakRecord(
        String address,
        long size,
        String kind,
        String comm,
        Long pid,
        Long jiffies,
        Double ageS,
        List<String> backtrace,
        String crc) {

    public KmemleakRecord {
        backtrace = backtrace == null ? List.of() : List.copyOf(backtrace);
    }
}
