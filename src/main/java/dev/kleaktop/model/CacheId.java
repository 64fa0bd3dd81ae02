package dev.kleaktop.model;

/**
 * Identity of a slab cache across samples: its name plus the occurrence index of that
 * name in /proc/slabinfo (0 for the first cache of a name, 1 for the second, ...).
 * Two caches may share a name (one per device or network namespace), so the name alone
 * is not an identity.
 */
public record CacheId(String name, int index) implements Comparable<CacheId> {
    public CacheId {
        if (name == null) throw new IllegalArgumentException("name");
        if (index < 0) throw new IllegalArgumentException("index");
    }

    public static CacheId of(String name) { return new CacheId(name, 0); }

    /**
     * The value a record's generated hashCode has ({@code 31 * name.hashCode() + index}),
     * written out because the analysis looks every cache up by its id at every refresh.
     */
    @Override
    public int hashCode() { return 31 * name.hashCode() + index; }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof CacheId c && index == c.index && name.equals(c.name);
    }

    @Override
    public int compareTo(CacheId o) {
        int c = name.compareTo(o.name);
        return c != 0 ? c : Integer.compare(index, o.index);
    }

    /** {@code name} for the first occurrence, {@code name#2} for the second, and so on. */
    @Override
    public String toString() { return index == 0 ? name : name + "#" + (index + 1); }
}
