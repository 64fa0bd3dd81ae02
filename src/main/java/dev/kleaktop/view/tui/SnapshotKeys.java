package dev.kleaktop.view.tui;

import dev.kleaktop.session.Frame;
import dev.kleaktop.session.SnapshotService;
import dev.kleaktop.store.SnapshotDir;
import dev.kleaktop.view.Choice;
import dev.kleaktop.view.DiffView;
import dev.kleaktop.view.Text;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The screen's {@code S} and {@code D}: the session's {@link SnapshotService}, with the pick
 * list and the status lines they show. Both run on the screen's background thread, as {@link
 * SnapshotActions} asks.
 */
public final class SnapshotKeys implements SnapshotActions {
    /** Made when the list is first shown, not with the screen (a date pattern costs milliseconds to build). */
    private static final class Formats {
        static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    }

    private final SnapshotService service;
    private final ZoneId zone;

    /** @param zone for the times of the list (the ages are the screen's, counted at every draw) */
    public SnapshotKeys(SnapshotService service, ZoneId zone) {
        this.service = service;
        this.zone = zone;
    }

    @Override
    public String unavailable() { return null; }

    @Override
    public String save(Frame live) throws Exception {
        return "snapshot saved: " + service.save(live);
    }

    @Override
    public List<Choice> list() throws Exception {
        List<SnapshotDir.Listing> all = service.list();
        int hostWidth = 0;
        for (SnapshotDir.Listing l : all) {
            if (l.ok()) hostWidth = Math.max(hostWidth, host(l).length());
        }
        List<Choice> out = new ArrayList<>(all.size());
        for (SnapshotDir.Listing l : all) {
            String file = Text.escape(l.path().getFileName().toString());
            String key = l.path().toString();
            // when, where, how long ago (counted by the screen at every draw), which file
            out.add(l.ok()
                    ? new Choice(key, Formats.WHEN.format(l.time().atZone(zone)) + "  " + Text.padRight(host(l), hostWidth) + "  ",
                            l.time(), "  " + file)
                    : new Choice(key, Text.padRight("unusable", 16) + "  " + file + ": " + Text.escape(l.problem())));
        }
        return out;
    }

    @Override
    public String noneSaved() { return "no snapshots in " + service.dir() + " yet: S saves one"; }

    @Override
    public DiffView diff(Choice chosen, Frame live) throws Exception {
        SnapshotService.Compared c = service.diff(Path.of(chosen.key()), live);
        return new DiffView(c.oldLabel(), c.newLabel(), c.diff());
    }

    private static String host(SnapshotDir.Listing l) { return Text.escape(l.host() == null ? "?" : l.host()); }
}
