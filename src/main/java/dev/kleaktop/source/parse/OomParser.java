package dev.kleaktop.source.parse;

import dev.kleaktop.model.LogRecord;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.OomEvent.Reaped;
import dev.kleaktop.model.OomEvent.UnreclaimableSlab;
import dev.kleaktop.source.parse.OomReport.Victim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static dev.kleaktop.source.parse.OomText.number;
import static dev.kleaktop.source.parse.OomText.splitBlank;
import static dev.kleaktop.source.parse.OomText.startsWithAny;
import static dev.kleaktop.source.parse.OomText.strip;

/**
 * Reassembles OOM-killer reports from kernel log records, one record at a time, and emits one
 * {@link OomEvent} per kill, oldest first. Only what identifies a kill is kept between records
 * (a few fields, the unreclaimable-slab rows, a pid to oom_score_adj map of the task table),
 * so memory does not grow with the log.
 *
 * <p>A {@code Killed process} line (3.x–6.x forms, with any of the {@code Out of memory:} /
 * {@code Memory cgroup out of memory:} prefixes, or none as before 4.19) makes one event per
 * kill line. A report whose kill line is not in the log still makes one event, marked
 * {@code complete=false} with {@code missing=["killed_process"]}, when it had its
 * {@code invoked oom-killer:} header or named the task it chose ({@code oom-kill:...,task=C,
 * pid=N} from 4.19, {@code Kill process N (C) score S or sacrifice child} before 5.1): a log
 * filtered with grep, truncated, cut by a panic, or a report that ended with
 * {@code Out of memory and no killable processes}. A header-only event names no victim. An
 * event without its header is marked {@code missing=["header"]}. The header, the
 * {@code oom-kill:} line, the {@code Kill process} line and the {@code Killed process} line of
 * one report are one event, never two; a second {@code oom-kill:} or {@code Kill process} line
 * before any kill starts the next report. Other lines only add detail: {@code Task in /x killed
 * as a result of limit of /y}, {@code Unreclaimable slab info:}, the task table, and a
 * following {@code oom_reaper: reaped process}. Lines that are not part of a report (other
 * CPUs, other subsystems) are ignored, except that the slab and task tables end at their first
 * non-row line.
 *
 * <p>An event is emitted once it can no longer change: when its reaper line arrives, when the
 * next report starts, {@link #REAP_WINDOW} records after the kill, when a report without a
 * kill goes stale ({@link #STALE_SECONDS}, {@link #STALE_RECORDS}), or on {@link #finish()}.
 * {@link #pending()} shows a kill still waiting, for live views that cannot wait.
 *
 * <p>Wrapped lines (mail clients, 80-column pastes) are joined for the header and the kill
 * line only: an untimed record that starts with one of their keys ({@code gfp_mask=},
 * {@code total-vm:}, ...) right after them continues them.
 *
 * <p>Input is expected with stamps, caller ids and level prefixes already removed (see
 * {@link LogLineParser}, {@link KmsgRecordParser}); leading indentation is ignored. Never
 * throws on any input. Not thread-safe: one instance per stream.
 */
public final class OomParser {
    /** Records after a kill within which its {@code oom_reaper} line is attached. */
    static final int REAP_WINDOW = 512;
    /** Records after a kill within which another kill shares its report (memory.oom.group). */
    static final int GROUP_WINDOW = 64;
    /** A report is printed within moments; older context is stale and not attached to a kill. */
    static final double STALE_SECONDS = 60;
    static final int STALE_RECORDS = 100_000;
    static final int MAX_SLAB_ROWS = 1024;
    static final int MAX_TASKS = 65536;

    private static final String[] HEADER_KEYS = {"gfp_mask=", "order=", "oom_score_adj=", "oomkilladj="};
    private static final String[] KILL_KEYS =
            {"total-vm:", "anon-rss:", "file-rss:", "shmem-rss:", "UID:", "pgtables:", "oom_score_adj:"};

    private enum Table { NONE, SLAB, TASKS }

    private enum Cont { NONE, HEADER, KILL }

    private final Consumer<OomEvent> sink;
    private OomReport report;
    private Victim pending;
    private long sinceKill = Long.MAX_VALUE / 2;
    private Table table = Table.NONE;
    private Cont cont = Cont.NONE;

    /** Emits each finished event to {@code sink}, in log order. */
    public OomParser(Consumer<OomEvent> sink) {
        this.sink = sink;
    }

    /** Parses a whole sequence of records; for saved logs and tests. */
    public static List<OomEvent> parseAll(Iterable<LogRecord> records) {
        List<OomEvent> out = new ArrayList<>();
        OomParser p = new OomParser(out::add);
        for (LogRecord r : records) p.accept(r);
        p.finish();
        return out;
    }

    /** Feeds the next record of the log. */
    public void accept(LogRecord r) {
        if (r == null) return;
        String t = strip(r.text());
        if (cont != Cont.NONE) {
            if (r.untimed()) {
                if (cont == Cont.HEADER && report != null && startsWithAny(t, HEADER_KEYS)) {
                    report.headerFields(t);
                    return;
                }
                if (cont == Cont.KILL && pending != null && startsWithAny(t, KILL_KEYS)) {
                    pending.killFields(t);
                    return;
                }
            }
            cont = Cont.NONE;
        }
        sinceKill++;
        if (report != null) report.records++;
        if (pending != null && sinceKill > REAP_WINDOW) emitPending();
        if (report != null && report.kills == 0 && stale(report, r)) endReport();

        if (table == Table.SLAB) {
            if (slabRow(t)) return;
            if (t.startsWith("Name ") && t.contains("Used")) return;
            table = Table.NONE;
        } else if (table == Table.TASKS) {
            if (taskRow(t)) return;
            table = Table.NONE;
        }
        dispatch(r, t);
    }

    /**
     * End of input: emits a kill still waiting for its reaper line, and a report that never
     * reached a kill as a partial event. The parser can be fed again afterwards.
     */
    public void finish() {
        emitPending();
        endReport();
        table = Table.NONE;
        cont = Cont.NONE;
    }

    /** The latest kill, not yet emitted because its reaper line may still come. */
    public Optional<OomEvent> pending() {
        return pending == null ? Optional.empty() : Optional.of(pending.toEvent());
    }

    private void dispatch(LogRecord r, String t) {
        int invoked = t.indexOf(" invoked oom-killer:");
        if (invoked > 0) {
            header(r, t, invoked);
            return;
        }
        if (t.startsWith("oom-kill:")) {
            OomReport rep = bodyReport(r, report != null && report.oomKillLine);
            rep.oomKillFields(t);
            return;
        }
        if (t.startsWith("oom_reaper: reaped process ")) {
            reaped(t);
            return;
        }
        int killed = t.indexOf("Killed process ");
        if (killed >= 0 && OomText.killPrefixOk(t, killed)) {
            kill(r, t, killed);
            return;
        }
        int select = t.indexOf("Kill process ");
        if (select >= 0 && OomText.killPrefixOk(t, select) && !t.contains("sharing same memory")) {
            bodyReport(r, report != null && report.selectLine).selectFields(t, select);
            return;
        }
        if (t.startsWith("Task in ")) {
            int lim = t.indexOf(" killed as a result of limit of ");
            if (lim > 8) {
                OomReport rep = bodyReport(r, false);
                rep.taskMemcg = t.substring(8, lim);
                rep.oomMemcg = t.substring(lim + " killed as a result of limit of ".length()).trim();
                rep.kindHint = "memcg";
            }
            return;
        }
        if (t.startsWith("Unreclaimable slab info:")) {
            bodyReport(r, false);
            table = Table.SLAB;
            return;
        }
        if (t.startsWith("[") && t.endsWith(" name") && t.contains("oom_score_adj")) {
            taskHeader(bodyReport(r, false), t);
            return;
        }
        if (t.startsWith("CPU: ") && report != null && report.kills == 0 && report.triggerPid == null) {
            cpuLine(report, t);
            return;
        }
        if (t.startsWith("Out of memory and no killable processes") && report != null && report.kills == 0) {
            endReport();  // the kernel panics or gives up: an OOM event without a kill
        }
    }

    private void header(LogRecord r, String t, int invoked) {
        emitPending();
        endReport();
        report = new OomReport(r);
        report.header = true;
        report.triggerComm = t.substring(0, invoked);
        report.headerFields(t.substring(invoked));
        table = Table.NONE;
        cont = Cont.HEADER;
    }

    /**
     * The report a body line belongs to: the current one, or a new one if that one already
     * killed, went stale, or already had this line ({@code again}: a second {@code oom-kill:}
     * or {@code Kill process} line is the next report of a filtered log).
     */
    private OomReport bodyReport(LogRecord r, boolean again) {
        if (report == null || report.kills > 0 || again || stale(report, r)) {
            emitPending();
            endReport();
            report = new OomReport(r);
        }
        return report;
    }

    /** Context from a report whose kill line never came (cut log, lost records) is not reused. */
    private static boolean stale(OomReport rep, LogRecord r) {
        if (rep.records > STALE_RECORDS) return true;
        return rep.uptime != null && r.uptimeS() != null && r.uptimeS() - rep.uptime > STALE_SECONDS;
    }

    /** Ends the current report; one that never reached a kill line becomes a partial event. */
    private void endReport() {
        OomReport rep = report;
        report = null;
        if (rep != null && rep.eventWithoutKill()) sink.accept(rep.toEvent());
    }

    private void kill(LogRecord r, String t, int at) {
        boolean sameReport = report != null && !stale(report, r)
                && (report.kills == 0 || sinceKill <= GROUP_WINDOW);
        emitPending();
        if (!sameReport) {
            endReport();
            report = new OomReport(r);
        }
        report.kills++;
        table = Table.NONE;
        Victim v = new Victim(report, r);
        v.kindHint = OomText.kindOfPrefix(t, at);
        int p = at + "Killed process ".length();
        v.pid = number(t.substring(p), "");
        v.comm = OomText.comm(t, p, ") total-vm:");
        v.killFields(t);
        pending = v;
        sinceKill = 0;
        cont = Cont.KILL;
    }

    private void reaped(String t) {
        if (pending == null) return;
        int p = "oom_reaper: reaped process ".length();
        Long pid = number(t.substring(p), "");
        if (pid == null || !pid.equals(pending.pid)) return;
        pending.reaped = new Reaped(pid, OomText.comm(t, p, "), now"), number(t, "anon-rss:"),
                number(t, "file-rss:"), number(t, "shmem-rss:"));
        emitPending();
    }

    private void taskHeader(OomReport rep, String t) {
        // the column of oom_score_adj among the fields after "[ pid ]", so names made of
        // digits (a comm "531") and wider pid columns still parse
        int close = t.indexOf(']');
        if (close < 0) return;
        String[] cols = splitBlank(t.substring(close + 1));
        for (int i = 0; i < cols.length; i++) {
            if (cols[i].equals("oom_score_adj")) {
                rep.adjColumn = i;
                table = Table.TASKS;
                return;
            }
        }
    }

    private boolean taskRow(String t) {
        if (!t.startsWith("[") || report == null) return false;
        int close = t.indexOf(']');
        if (close < 2) return false;
        Long pid = number(t.substring(1, close), "");
        if (pid == null) return false;
        String[] cols = splitBlank(t.substring(close + 1));
        int c = report.adjColumn;
        if (c >= 0 && c < cols.length && report.adjByPid.size() < MAX_TASKS) {
            Long adj = number(cols[c], "");
            if (adj != null) report.adjByPid.put(pid, (int) (long) adj);
        }
        return true;
    }

    private boolean slabRow(String t) {
        if (report == null || report.slab.size() >= MAX_SLAB_ROWS) return report != null && looksLikeSlabRow(t);
        String[] cols = splitBlank(t);
        if (cols.length < 3) return false;
        Long used = kb(cols[cols.length - 2]);
        Long total = kb(cols[cols.length - 1]);
        if (used == null || total == null) return false;
        int end = t.lastIndexOf(cols[cols.length - 2], t.length() - cols[cols.length - 1].length() - 1);
        String name = t.substring(0, Math.max(0, end)).trim();
        if (name.isEmpty()) return false;
        report.slab.add(new UnreclaimableSlab(name, used, total));
        return true;
    }

    private static boolean looksLikeSlabRow(String t) {
        String[] cols = splitBlank(t);
        return cols.length >= 3 && kb(cols[cols.length - 1]) != null && kb(cols[cols.length - 2]) != null;
    }

    private static Long kb(String col) {
        if (col.length() < 3 || !col.endsWith("KB")) return null;
        return number(col.substring(0, col.length() - 2), "");
    }

    private static void cpuLine(OomReport rep, String t) {
        // "CPU: 1 PID: 257 Comm: memhog ..." names the task that invoked the killer
        int p = t.indexOf(" PID: ");
        int c = t.indexOf(" Comm: ");
        if (p < 0 || c < p || rep.triggerComm == null) return;
        String comm = t.substring(c + 7);
        if (!comm.startsWith(rep.triggerComm)) return;
        rep.triggerPid = number(t.substring(p + 6), "");
    }

    private void emitPending() {
        if (pending == null) return;
        Victim v = pending;
        pending = null;
        cont = Cont.NONE;
        sink.accept(v.toEvent());
    }

    static String kindOf(String constraint) {
        return OomText.kindOf(constraint);
    }
}
