package dev.kleaktop.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** /proc/meminfo as field name to kilobytes (the kernel's {@code kB}). Missing fields are null. */
public record MemInfo(Map<String, Long> fieldsKb) {
    public MemInfo {
        fieldsKb = Collections.unmodifiableMap(new LinkedHashMap<>(fieldsKb));
    }

    public static MemInfo empty() { return new MemInfo(Map.of()); }

    public Long kb(String field) { return fieldsKb.get(field); }

    public Long memTotalKb() { return kb("MemTotal"); }
    public Long memAvailableKb() { return kb("MemAvailable"); }
    public Long slabKb() { return kb("Slab"); }
    public Long sReclaimableKb() { return kb("SReclaimable"); }
    public Long sUnreclaimKb() { return kb("SUnreclaim"); }

    public boolean isEmpty() { return fieldsKb.isEmpty(); }
}
