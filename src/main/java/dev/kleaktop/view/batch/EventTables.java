package dev.kleaktop.view.batch;

import dev.kleaktop.model.KmemleakGroup;
import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.view.EventText;
import dev.kleaktop.view.Text;
import dev.kleaktop.view.Units;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of {@code kleaktop oom} and {@code kleaktop kmemleak}: small aligned tables of OOM
 * events and kmemleak groups, and the summary lines under them. Lines, not printing: the
 * commands write them where they write.
 */
public final class EventTables {
    private EventTables() {}

    /** The OOM events as a table, then a blank line and the count; one line when there are none. */
    public static List<String> oom(List<OomEvent> events, String source) {
        if (events.isEmpty()) return List.of("no OOM-killer events in " + Text.escape(source));
        String[] head = {"WHEN", "KIND/MEMCG", "VICTIM", "RSS", "ADJ", "TOP UNRECLAIMABLE SLAB", "REPORT"};
        String[][] rows = new String[events.size()][];
        for (int i = 0; i < events.size(); i++) {
            OomEvent e = events.get(i);
            rows[i] = new String[] {EventText.when(e), EventText.kindAndMemcg(e), EventText.victim(e), EventText.rss(e),
                    e.oomScoreAdj() == null ? "-" : e.oomScoreAdj().toString(), EventText.topUnreclaimable(e, 3),
                    EventText.report(e)};
        }
        List<String> out = table(head, rows, new boolean[] {false, false, false, true, true, false, false});
        out.add("");
        long kills = events.stream().filter(OomEvent::isKill).count();
        long partial = events.stream().filter(e -> Boolean.FALSE.equals(e.complete())).count();
        out.add(events.size() + (events.size() == 1 ? " OOM-killer event" : " OOM-killer events") + " in "
                + Text.escape(source) + (kills == events.size() ? "" : " (" + kills + (kills == 1 ? " kill" : " kills") + ")")
                + (partial == 0 ? "" : "; " + partial + " from partial reports (see REPORT)"));
        return out;
    }

    /** {@code 747 suspects, 454.3K, in 17 groups}. */
    public static String kmemleakSummary(KmemleakReport r) {
        return r.recordCount() + (r.recordCount() == 1 ? " suspect, " : " suspects, ") + Units.bytes(r.totalBytes())
                + ", in " + r.groups().size() + (r.groups().size() == 1 ? " group" : " groups");
    }

    /** The kmemleak groups as a table: COUNT, SIZE, TITLE, TOP FRAME, COMMS. */
    public static List<String> kmemleakGroups(List<KmemleakGroup> groups) {
        String[] head = {"COUNT", "SIZE", "TITLE", "TOP FRAME", "COMMS"};
        String[][] rows = new String[groups.size()][];
        for (int i = 0; i < groups.size(); i++) {
            KmemleakGroup g = groups.get(i);
            rows[i] = new String[] {Long.toString(g.count()), Units.bytes(g.totalSize()), EventText.title(g),
                    EventText.topFrame(g), Text.escape(String.join(",", g.comms()))};
        }
        return table(head, rows, new boolean[] {true, true, false, false, false});
    }

    /** A small aligned table, the head first; cells are already escaped; the last column is not padded. */
    static List<String> table(String[] head, String[][] rows, boolean[] right) {
        int[] w = new int[head.length];
        for (int c = 0; c < head.length; c++) w[c] = head[c].length();
        for (String[] r : rows) {
            for (int c = 0; c < head.length; c++) w[c] = Math.max(w[c], r[c].length());
        }
        List<String> out = new ArrayList<>(rows.length + 1);
        out.add(line(head, w, right));
        for (String[] r : rows) out.add(line(r, w, right));
        return out;
    }

    private static String line(String[] cells, int[] w, boolean[] right) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) b.append("  ");
            boolean last = c == cells.length - 1;
            b.append(right[c] ? Text.padLeft(cells[c], w[c]) : last ? cells[c] : Text.padRight(cells[c], w[c]));
        }
        return b.toString();
    }
}
