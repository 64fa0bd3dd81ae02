package dev.kleaktop.view.table;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Each name's place in String order among the names last seen: ties in a sort key (most
 * caches of a quiet machine grow at 0/s) are broken by name, and comparing two ints is much
 * cheaper than comparing two long names. The map is rebuilt when a name is not in it (or it
 * holds too many names that went away); the ranks of the last apply are reused by position.
 */
final class Ranks {
    private Map<String, Integer> nameRank = new HashMap<>();
    private long gen;
    private String[] lastNames = new String[0];
    private int[] lastRanks = new int[0];
    private long lastGen = -1;

    /**
     * The name ranks of the {@code n} rows that passed the filter: {@code at[i]} is where the
     * i-th was in the input, and {@code names} holds the names of the whole input by place.
     */
    int[] of(int[] at, int n, String[] names) {
        int[] out = new int[n];
        boolean reuse = lastGen == gen;
        boolean known = nameRank.size() <= 2 * n + 1024;
        for (int i = 0; known && i < n; i++) {
            int p = at[i];
            String name = names[p];
            if (reuse && p < lastNames.length && lastNames[p] == name && lastRanks[p] >= 0) {
                out[i] = lastRanks[p];
            } else {
                Integer r = nameRank.get(name);
                if (r == null) known = false;
                else out[i] = r;
            }
        }
        if (!known) {
            String[] sorted = new String[n];
            for (int i = 0; i < n; i++) sorted[i] = names[at[i]];
            Arrays.sort(sorted);
            Map<String, Integer> m = new HashMap<>(sorted.length * 2);
            int rank = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (i > 0 && !sorted[i].equals(sorted[i - 1])) rank++;
                m.put(sorted[i], rank);
            }
            nameRank = m;
            gen++;
            for (int i = 0; i < n; i++) out[i] = m.get(names[at[i]]);
        }
        int[] now = new int[names.length];
        Arrays.fill(now, -1);
        for (int i = 0; i < n; i++) now[at[i]] = out[i];
        lastNames = names;
        lastRanks = now;
        lastGen = gen;
        return out;
    }
}
