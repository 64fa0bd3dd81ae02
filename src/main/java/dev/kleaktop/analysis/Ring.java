package dev.kleaktop.analysis;

import java.util.Arrays;

/**
 * One value per slot of the analyzer's time ring, in half the memory while it can: values
 * are kept as shorts relative to the first one stored, and the ring switches to ints for good
 * when a value lies too far from it. A quiet cache never needs more (most of the thousands of
 * per-memory-cgroup caches of a big machine), a busy one switches early; either way
 * {@link #get} returns exactly what {@link #set} stored. Values are counts, or
 * {@link #MISSING}.
 */
final class Ring {
    static final int MISSING = -1;
    private static final short NONE = Short.MIN_VALUE;

    private short[] small;
    private int[] big;
    private int base;
    private boolean based;

    Ring(int capacity) {
        small = new short[capacity];
        Arrays.fill(small, NONE);
    }

    int get(int slot) {
        if (big != null) return big[slot];
        short v = small[slot];
        return v == NONE ? MISSING : base + v;
    }

    void set(int slot, int value) {
        if (big != null) {
            big[slot] = value;
            return;
        }
        if (value == MISSING) {
            small[slot] = NONE;
            return;
        }
        if (!based) {
            base = value;
            based = true;
        }
        long d = (long) value - base;
        if (d > Short.MIN_VALUE && d <= Short.MAX_VALUE) {
            small[slot] = (short) d;
            return;
        }
        int[] ints = new int[small.length];
        for (int i = 0; i < ints.length; i++) ints[i] = get(i);
        big = ints;
        small = null;
        big[slot] = value;
    }

    /** The values of {@code slots[0..count)} into {@code into}, in that order. */
    void copy(int[] slots, int count, int[] into) {
        if (big != null) {
            for (int k = 0; k < count; k++) into[k] = big[slots[k]];
            return;
        }
        for (int k = 0; k < count; k++) {
            short v = small[slots[k]];
            into[k] = v == NONE ? MISSING : base + v;
        }
    }
}
