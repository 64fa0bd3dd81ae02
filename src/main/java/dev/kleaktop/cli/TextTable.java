package dev.kleaktop.cli;

import dev.kleaktop.view.Text;
import java.io.PrintWriter;

/** Prints a small aligned table (subcommand text output). Cells are already escaped. */
final class TextTable {
    private TextTable() {}

    static void print(PrintWriter out, String[] head, String[][] rows, boolean[] right) {
        int[] w = new int[head.length];
        for (int c = 0; c < head.length; c++) w[c] = head[c].length();
        for (String[] r : rows) {
            for (int c = 0; c < head.length; c++) w[c] = Math.max(w[c], r[c].length());
        }
        out.println(line(head, w, right));
        for (String[] r : rows) out.println(line(r, w, right));
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
