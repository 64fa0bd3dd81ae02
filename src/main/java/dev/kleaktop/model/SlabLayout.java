package dev.kleaktop.model;

import java.util.function.Supplier;

/**
 * How a cache lays out its objects, from /sys/kernel/slab ({@code object_size},
 * {@code slab_size}, {@code order}, {@code objs_per_slab}, {@code store_user}): only the
 * details view shows these, so they are read the first time something asks, once, instead of
 * five files per cache at start. Each value is null when the kernel does not expose it.
 * Safe to share between threads.
 */
public final class SlabLayout {
    /** Values that were read, or could not be. */
    public record Values(Long objectSize, Long slabSize, Integer order, Long objsPerSlab, Boolean storeUser) {}

    private static final Values NONE = new Values(null, null, null, null, null);

    /** Nothing known (no sysfs, a snapshot, a captured tree without /sys). */
    public static final SlabLayout UNKNOWN = new SlabLayout(() -> NONE);

    private final Supplier<Values> reader;
    private volatile Values values;

    private SlabLayout(Supplier<Values> reader) {
        this.reader = reader;
    }

    /** Values known already. */
    public static SlabLayout of(Long objectSize, Long slabSize, Integer order, Long objsPerSlab, Boolean storeUser) {
        SlabLayout l = new SlabLayout(() -> NONE);
        l.values = new Values(objectSize, slabSize, order, objsPerSlab, storeUser);
        return l;
    }

    /** Values read by {@code reader} the first time they are asked for (never again). */
    public static SlabLayout lazy(Supplier<Values> reader) {
        return new SlabLayout(reader);
    }

    /** The values, read now if this is the first time. */
    public Values get() {
        Values v = values;
        if (v == null) {
            synchronized (this) {
                v = values;
                if (v == null) {
                    v = reader.get();
                    values = v == null ? NONE : v;
                    v = values;
                }
            }
        }
        return v;
    }

    /** True once the values are known (read, or given): for tests of when sysfs is read. */
    public boolean isRead() { return values != null; }

    /** Equal when the values are (reading both if need be). */
    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof SlabLayout l && get().equals(l.get()));
    }

    @Override
    public int hashCode() { return get().hashCode(); }

    @Override
    public String toString() { return values == null ? "SlabLayout[not read]" : values.toString(); }
}
