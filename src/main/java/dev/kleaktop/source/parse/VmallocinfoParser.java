package dev.kleaktop.source.parse;

import dev.kleaktop.model.VmallocCaller;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups /proc/vmallocinfo by caller. A line is
 * {@code START-END SIZE [CALLER+0xOFF/0xLEN [MODULE]] [pages=N] [phys=...] KIND... [N0=...]};
 * areas without a caller are grouped by their kind ({@code unpurged}: freed lazily, not
 * purged yet; {@code vm_map_ram}). Lines it cannot read are counted and skipped: the file
 * changes while it is read.
 */
public final class VmallocinfoParser {
    private VmallocinfoParser() {}

    /** The callers, largest first, and how many lines could not be read. */
    public record Result(List<VmallocCaller> callers, int skipped) {}

    public static Result parse(String text) {
        Map<String, long[]> by = new HashMap<>();
        Map<String, String[]> names = new HashMap<>();
        int skipped = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            String[] t = line.trim().split("\\s+");
            long size;
            try {
                if (t.length < 2 || !t[0].contains("-")) throw new NumberFormatException();
                size = Long.parseLong(t[1]);
            } catch (NumberFormatException e) {
                skipped++;
                continue;
            }
            String caller = null, module = null;
            long pages = 0;
            int i = 2;
            if (i < t.length && t[i].indexOf('+') > 0 && t[i].indexOf('/') > 0) {
                caller = t[i].substring(0, t[i].indexOf('+'));
                i++;
                if (i < t.length && t[i].startsWith("[") && t[i].endsWith("]") && t[i].length() > 2) {
                    module = t[i].substring(1, t[i].length() - 1);
                    i++;
                }
            }
            for (; i < t.length; i++) {
                if (t[i].startsWith("pages=")) {
                    try {
                        pages = Long.parseLong(t[i].substring(6));
                    } catch (NumberFormatException e) {
                        // not a count: left at 0
                    }
                } else if (caller == null && (t[i].equals("unpurged") || t[i].equals("vm_map_ram"))) {
                    caller = "(" + t[i] + ")";
                }
            }
            if (caller == null) caller = "(unknown)";
            String key = module == null ? caller : caller + " [" + module + "]";
            long[] sum = by.computeIfAbsent(key, k -> new long[3]);
            names.putIfAbsent(key, new String[] {caller, module});
            sum[0] += size;
            sum[1]++;
            sum[2] += pages;
        }
        List<VmallocCaller> out = new ArrayList<>(by.size());
        for (Map.Entry<String, long[]> e : by.entrySet()) {
            String[] n = names.get(e.getKey());
            long[] s = e.getValue();
            out.add(new VmallocCaller(n[0], n[1], s[0], (int) Math.min(Integer.MAX_VALUE, s[1]), s[2]));
        }
        out.sort((a, b) -> a.bytes() != b.bytes() ? Long.compare(b.bytes(), a.bytes()) : a.name().compareTo(b.name()));
        return new Result(out, skipped);
    }
}
