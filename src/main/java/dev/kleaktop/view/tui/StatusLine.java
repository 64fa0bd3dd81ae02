package dev.kleaktop.view.tui;

import com.googlecode.lanterna.TerminalPosition;
import dev.kleaktop.view.ScreenState;
import dev.kleaktop.view.Text;
import dev.kleaktop.view.Wrap;
import java.util.List;

/** The bottom line of the table, the pick list and the diff: input, question, message or hints. */
final class StatusLine {
    private final Pen pen;

    StatusLine(Pen pen) {
        this.pen = pen;
    }

    /**
     * The status message in lines of the screen's width (a fix command in it is never cut),
     * or one line for the filter input, the question, or the hints.
     */
    static List<String> message(int cols, ScreenState st) {
        String msg = st.mode() == ScreenState.Mode.FILTER || st.mode() == ScreenState.Mode.CONFIRM_CLEAR ? null
                : st.statusMessage();
        return msg == null ? List.of("") : Wrap.lines(Text.escape(msg), cols, "", "");
    }

    /**
     * The bottom line: the filter input, a question, a message, the busy work, or the hints
     * with {@code right} at the end. A message longer than the line ends at {@code y}, in as
     * many rows above as it needs, over what was drawn there.
     *
     * @return where the cursor goes (the filter input), or null
     */
    TerminalPosition draw(int cols, int y, ScreenState st, String hints, String right) {
        switch (st.mode()) {
            case FILTER: {
                String prompt = "filter (regex; Enter applies, Esc clears): ";
                String in = Text.escape(st.input());
                // Keep the end of a long input in view, where the cursor is.
                int room = Math.max(1, cols - prompt.length() - 1);
                String shown = in.length() > room ? in.substring(in.length() - room) : in;
                pen.put(0, y, prompt, cols, Style.BOLD);
                pen.put(prompt.length(), y, shown, cols - prompt.length(), Style.PLAIN);
                return new TerminalPosition(Math.min(cols - 1, prompt.length() + shown.length()), y);
            }
            case CONFIRM_CLEAR:
                pen.put(0, y, Text.padRight("clear kmemleak's list of suspects? (y/n)", cols), cols, Style.REVERSE);
                return null;
            default:
                break;
        }
        String msg = st.statusMessage();
        if (msg != null) {
            List<String> lines = message(cols, st);
            int from = Math.max(0, y - lines.size() + 1);
            for (int i = 0; from + i <= y; i++) {
                pen.put(0, from + i, Text.padRight(lines.get(i), cols), cols, st.statusIsError() ? Style.ERROR : Style.BOLD);
            }
            return null;
        }
        int leftWidth = Math.max(0, cols - right.length() - 1);
        if (st.busy() != null) {
            pen.put(0, y, st.busy() + pen.glyphs().ellipsis() + " (keys still work)", leftWidth, Style.BOLD);
        } else {
            pen.put(0, y, hints, leftWidth, Style.PLAIN);
        }
        if (!right.isEmpty() && cols > right.length()) pen.put(cols - right.length(), y, right, right.length(), Style.PLAIN);
        return null;
    }
}
