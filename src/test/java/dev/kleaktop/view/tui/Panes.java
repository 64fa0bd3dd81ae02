package dev.kleaktop.view.tui;

import dev.kleaktop.session.Frame;
import dev.kleaktop.view.PaneItem;
import dev.kleaktop.view.PaneSection;
import dev.kleaktop.view.ScreenExtras;
import java.util.ArrayList;
import java.util.List;

/** Side-pane content made by hand, shaped as the kmemleak and OOM adapters make it. */
final class Panes {
    private Panes() {}

    static ScreenExtras of(List<PaneSection> sections) {
        return new ScreenExtras() {
            @Override
            public String counts(Frame f) { return "kmemleak 2  OOM 1"; }

            @Override
            public List<PaneSection> pane(Frame f) { return sections; }
        };
    }

    static ScreenExtras sample() {
        return of(List.of(
                new PaneSection("KMEMLEAK  2 groups", List.of(
                        new PaneItem("8×256B my_alloc+0x3c insmod", "kmemleak group my_alloc+0x3c",
                                List.of("count 8, total 2048 bytes", "backtrace:", "  kmalloc_trace+0x26/0x90",
                                        "  my_alloc+0x3c/0x60 [kleak]", "comms: insmod", "sample address 0xffff888003a1b000")),
                        new PaneItem("1×64B other_fn+0x10 evil\u001b[2Jcomm", List.of("x")))),
                new PaneSection("OOM  1 event", List.of(
                        new PaneItem("23:41 memcg /x python3[4532]", "OOM kill of python3[4532] at 23:41",
                                List.of("kind memcg", "victim python3 pid 4532"))))));
    }

    /** Many items, to scroll the pane. */
    static ScreenExtras many(int n) {
        List<PaneItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) items.add(new PaneItem("group " + i, List.of("detail of group " + i)));
        return of(List.of(new PaneSection("KMEMLEAK  " + n + " groups", items), new PaneSection("OOM", List.of(), "none seen")));
    }
}
