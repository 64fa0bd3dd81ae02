package dev.kleaktop.source.parse;

import dev.kleaktop.model.MemInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses /proc/meminfo ({@code Field:   1234 kB}). Lines it cannot read are skipped. */
public final class MeminfoParser {
    private MeminfoParser() {}

    public static MemInfo parse(String text) {
        Map<String, Long> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) continue;
            String key = line.substring(0, colon).trim();
            String rest = line.substring(colon + 1).trim();
            int sp = rest.indexOf(' ');
            String num = sp < 0 ? rest : rest.substring(0, sp);
            try {
                long v = Long.parseLong(num);
                // Fields without a unit (HugePages_Total) are counts; keep them as they are.
                // The kernel prints them unsigned: a negative one is not a value.
                if (v >= 0) fields.put(key, v);
            } catch (NumberFormatException e) {
                // not a number: not a meminfo field we understand
            }
        }
        return new MemInfo(fields);
    }
}
