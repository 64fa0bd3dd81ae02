package dev.kleaktop.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** A ring returns exactly what was stored, before and after it switches from shorts to ints. */
class RingTest {
    @Property(tries = 500)
    void getsWhatWasSet(@ForAll long seed) {
        Random rnd = new Random(seed);
        int capacity = 16 + rnd.nextInt(120);
        Ring r = new Ring(capacity);
        int[] model = new int[capacity];
        java.util.Arrays.fill(model, Ring.MISSING);
        int level = rnd.nextInt(1000);
        for (int i = 0; i < 600; i++) {
            int slot = rnd.nextInt(capacity);
            int v = switch (rnd.nextInt(10)) {
                case 0 -> Ring.MISSING;
                case 1 -> level + 32767;
                case 2 -> Math.max(0, level - 32767);
                case 3 -> rnd.nextInt(Integer.MAX_VALUE);
                default -> Math.max(0, level + rnd.nextInt(200) - 100);
            };
            r.set(slot, v);
            model[slot] = v;
            for (int k = 0; k < capacity; k++) assertThat(r.get(k)).isEqualTo(model[k]);
            int[] slots = {slot, (slot + 1) % capacity, 0};
            int[] into = new int[3];
            r.copy(slots, 3, into);
            assertThat(into).containsExactly(model[slots[0]], model[slots[1]], model[slots[2]]);
        }
    }
}
