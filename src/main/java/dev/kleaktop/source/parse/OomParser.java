package dev.kleaktop.source.parse;

import dev.kleaktop.model.LogRecord;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.OomEvent.Reaped;
import dev.kleaktop.model.OomEvent.UnreclaimableSlab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reassembles OOM-killer reports from kernel log records, one record at a time, and emits one
 * {@link OomEvent} per kill, oldest first. Only what identifies a kill is kept between records
 * (a few fields, the unreclaimable-slab rows, a pid to oom_score_adj map of the task table),
 * so memory does not grow with the log.
 *
 * <p>What makes an event is a {@code Killed process} line (3.x–6.x forms, with any of the
 * {@code Out of memory:} / {@code Memory cgroup out of memory:} prefixes). Everything else
 * only adds detail: the {@code invoked oom-killer:} header, {@code oom-kill:constraint=...},
 * {@code Kill process N (comm) score S or sacrifice child}, {@code Task in /x killed as a
 * result of limit of /y}, {@code Unreclaimable slab info:}, the task table, and a following
 * {@code oom_reaper: reaped process}. Hence:
 * <ul>
 *   <li>a report cut off before its kill line gives no event, and a new header before a kill
 *       discards the incomplete report;</li>
 *   <li>a pasted fragment that starts at {@code oom-kill:} or even at the kill line still gives
 *       an event, with what it shows;</li>
 *   <li>lines that are not part of a report (other CPUs, other subsystems) are ignored, except
 *       that the slab and task tables end at their first non-row line.</li>
 * </ul>
 * An event is emitted once it can no longer change: when its reaper line arrives, when the
 * next report starts, {@link #REAP_WINDOW} records after the kill, or on {@link #finish()}.
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
    private Report report;
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
                    headerFields(t, report);
                    return;
                }
                if (cont == Cont.KILL && pending != null && startsWithAny(t, KILL_KEYS)) {
                    killFields(t, pending);
                    return;
                }
            }
            cont = Cont.NONE;
        }
        sinceKill++;
        if (report != null) report.records++;
        if (pending != null && sinceKill > REAP_WINDOW) emitPending();

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
     * End of input: emits a kill still waiting for its reaper line and drops a report that
     * never reached a kill. The parser can be fed again afterwards.
     */
    public void finish() {
        emitPending();
        report = null;
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
            oomKillLine(bodyReport(r), t);
            return;
        }
        if (t.startsWith("oom_reaper: reaped process ")) {
            reaped(t);
            return;
        }
        int killed = t.indexOf("Killed process ");
        if (killed >= 0 && killPrefixOk(t, killed)) {
            kill(r, t, killed);
            return;
        }
        int select = t.indexOf("Kill process ");
        if (select >= 0 && killPrefixOk(t, select) && !t.contains("sharing same memory")) {
            selected(bodyReport(r), t, select);
            return;
        }
        if (t.startsWith("Task in ")) {
            int lim = t.indexOf(" killed as a result of limit of ");
            if (lim > 8) {
                Report rep = bodyReport(r);
                rep.taskMemcg = t.substring(8, lim);
                rep.oomMemcg = t.substring(lim + " killed as a result of limit of ".length()).trim();
                rep.kindHint = "memcg";
            }
            return;
        }
        if (t.startsWith("Unreclaimable slab info:")) {
            bodyReport(r);
            table = Table.SLAB;
            return;
        }
        if (t.startsWith("[") && t.endsWith(" name") && t.contains("oom_score_adj")) {
            taskHeader(bodyReport(r), t);
            return;
        }
        if (t.startsWith("CPU: ") && report != null && report.kills == 0 && report.triggerPid == null) {
            cpuLine(report, t);
            return;
        }
        if (t.startsWith("Out of memory and no killable processes")) {
            report = null;  // the kernel panics or gives up: no kill, no event
        }
    }

    private void header(LogRecord r, String t, int invoked) {
        emitPending();
        report = new Report(r);
        report.triggerComm = t.substring(0, invoked);
        headerFields(t.substring(invoked), report);
        table = Table.NONE;
        cont = Cont.HEADER;
    }

    /** The report a body line belongs to: the current one, or a new one if that one already killed. */
    private Report bodyReport(LogRecord r) {
        if (report == null || report.kills > 0 || stale(report, r)) {
            emitPending();
            report = new Report(r);
        }
        return report;
    }

    /** Context from a report whose kill line never came (cut log, lost records) is not reused. */
    private static boolean stale(Report rep, LogRecord r) {
        if (rep.records > STALE_RECORDS) return true;
        return rep.uptime != null && r.uptimeS() != null && r.uptimeS() - rep.uptime > STALE_SECONDS;
    }

    private static void headerFields(String t, Report rep) {
        String gfp = token(t, "gfp_mask=");
        if (gfp != null) rep.gfpMask = gfp;
        Long order = number(t, "order=");
        if (order != null) rep.order = (int) (long) order;
        Long adj = number(t, "oom_score_adj=");
        if (adj == null) adj = number(t, "oomkilladj=");
        if (adj != null) rep.triggerAdj = (int) (long) adj;
    }

    private static void oomKillLine(Report rep, String t) {
        // key=value pairs split by commas; a piece without '=' continues the previous value
        // (cgroup paths may hold commas), except the bare global_oom flag
        String body = t.substring("oom-kill:".length());
        String key = null;
        StringBuilder val = new StringBuilder();
        int i = 0;
        while (i <= body.length()) {
            int comma = body.indexOf(',', i);
            if (comma < 0) comma = body.length();
            String piece = body.substring(i, comma);
            int eq = piece.indexOf('=');
            if (eq > 0 && isKey(piece, eq)) {
                if (key != null) oomKillField(rep, key, val.toString());
                key = piece.substring(0, eq);
                val.setLength(0);
                val.append(piece, eq + 1, piece.length());
            } else if (piece.trim().equals("global_oom")) {
                if (key != null) oomKillField(rep, key, val.toString());
                key = null;
                rep.globalOom = true;
            } else if (key != null) {
                val.append(',').append(piece);
            }
            i = comma + 1;
        }
        if (key != null) oomKillField(rep, key, val.toString());
    }

    private static boolean isKey(String piece, int eq) {
        for (int i = 0; i < eq; i++) {
            char c = piece.charAt(i);
            if (!(c == '_' || (c >= 'a' && c <= 'z'))) return false;
        }
        return true;
    }

    private static void oomKillField(Report rep, String key, String value) {
        switch (key) {
            case "constraint" -> rep.constraint = value;
            case "oom_memcg" -> rep.oomMemcg = value;
            case "task_memcg" -> rep.taskMemcg = value;
            case "task" -> { if (rep.selectedComm == null) rep.selectedComm = value; }
            case "pid" -> {
                Long pid = number(value, "");
                if (pid != null && rep.selectedPid == null) rep.selectedPid = pid;
            }
            default -> { }
        }
    }

    private void selected(Report rep, String t, int at) {
        String hint = kindOfPrefix(t, at);
        if (hint != null) rep.kindHint = hint;
        int p = at + "Kill process ".length();
        Long pid = number(t.substring(p), "");
        if (pid != null) rep.selectedPid = pid;
        String comm = comm(t, p, ") score ");
        if (comm != null) rep.selectedComm = comm;
    }

    private void kill(LogRecord r, String t, int at) {
        boolean sameReport = report != null && !stale(report, r)
                && (report.kills == 0 || sinceKill <= GROUP_WINDOW);
        emitPending();
        if (!sameReport) report = new Report(r);
        report.kills++;
        table = Table.NONE;
        Victim v = new Victim(report, r);
        v.kindHint = kindOfPrefix(t, at);
        int p = at + "Killed process ".length();
        v.pid = number(t.substring(p), "");
        v.comm = comm(t, p, ") total-vm:");
        killFields(t, v);
        pending = v;
        sinceKill = 0;
        cont = Cont.KILL;
    }

    private static void killFields(String t, Victim v) {
        Long x;
        if ((x = number(t, "total-vm:")) != null) v.totalVm = x;
        if ((x = number(t, "anon-rss:")) != null) v.anon = x;
        if ((x = number(t, "file-rss:")) != null) v.file = x;
        if ((x = number(t, "shmem-rss:")) != null) v.shmem = x;
        if ((x = number(t, "oom_score_adj:")) != null) v.adj = (int) (long) x;
    }

    private void reaped(String t) {
        if (pending == null) return;
        int p = "oom_reaper: reaped process ".length();
        Long pid = number(t.substring(p), "");
        if (pid == null || !pid.equals(pending.pid)) return;
        pending.reaped = new Reaped(pid, comm(t, p, "), now"), number(t, "anon-rss:"), number(t, "file-rss:"),
                number(t, "shmem-rss:"));
        emitPending();
    }

    private void taskHeader(Report rep, String t) {
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

    private static void cpuLine(Report rep, String t) {
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

    /** The prefix in front of a kill line says which killer: memcg, global, or nothing (old). */
    private static boolean killPrefixOk(String t, int at) {
        if (at == 0) return true;
        if (at < 2 || t.charAt(at - 2) != ':' || t.charAt(at - 1) != ' ') return false;
        return t.regionMatches(true, 0, "Out of memory", 0, 13) || t.startsWith("Memory cgroup out of memory");
    }

    private static String kindOfPrefix(String t, int at) {
        if (at == 0) return null;
        if (t.startsWith("Memory cgroup out of memory")) return "memcg";
        if (t.startsWith("Out of memory")) return "global";
        return null;
    }

    static String kindOf(String constraint) {
        if (constraint == null || constraint.isEmpty()) return null;
        return switch (constraint) {
            case "CONSTRAINT_MEMCG" -> "memcg";
            case "CONSTRAINT_NONE" -> "global";
            default -> (constraint.startsWith("CONSTRAINT_") ? constraint.substring(11) : constraint)
                    .toLowerCase(Locale.ROOT);
        };
    }

    /** The comm in {@code N (comm)<end>}: up to {@code end} if present, else the last ')'. */
    private static String comm(String t, int from, String end) {
        int open = t.indexOf(" (", from);
        if (open < 0) return null;
        int close = t.indexOf(end, open + 2);
        if (close < 0) close = t.lastIndexOf(')');
        if (close < open + 2) return null;
        return t.substring(open + 2, close);
    }

    /** The text after {@code key} up to a comma or blank, or null. */
    private static String token(String t, String key) {
        int i = t.indexOf(key);
        if (i < 0) return null;
        int s = i + key.length();
        int e = s;
        while (e < t.length() && t.charAt(e) != ',' && t.charAt(e) != ' ') e++;
        return e > s ? t.substring(s, e) : null;
    }

    /** The (possibly negative) integer right after {@code key}, or null. */
    static Long number(String t, String key) {
        int i = key.isEmpty() ? 0 : t.indexOf(key);
        if (i < 0) return null;
        int s = i + key.length();
        while (s < t.length() && (t.charAt(s) == ' ' || t.charAt(s) == '\u00a0')) s++;
        boolean neg = s < t.length() && t.charAt(s) == '-';
        if (neg) s++;
        int e = s;
        long v = 0;
        while (e < t.length() && e - s < 18 && t.charAt(e) >= '0' && t.charAt(e) <= '9') {
            v = v * 10 + (t.charAt(e) - '0');
            e++;
        }
        if (e == s) return null;
        return neg ? -v : v;
    }

    private static boolean startsWithAny(String t, String[] keys) {
        for (String k : keys) if (t.startsWith(k)) return true;
        return false;
    }

    /** Drops indentation and trailing blanks, including the non-breaking spaces of mail clients. */
    static String strip(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isBlank(s.charAt(b))) b++;
        while (e > b && isBlank(s.charAt(e - 1))) e--;
        return b == 0 && e == s.length() ? s : s.substring(b, e);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\u00a0';
    }

    static String[] splitBlank(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && isBlank(s.charAt(i))) i++;
            int st = i;
            while (i < n && !isBlank(s.charAt(i))) i++;
            if (i > st) out.add(s.substring(st, i));
        }
        return out.toArray(new String[0]);
    }

    /** What one OOM report told so far: shared by its kills. */
    private static final class Report {
        final Double uptime;
        final String time;
        String triggerComm;
        Long triggerPid;
        Integer triggerAdj;
        String gfpMask;
        Integer order;
        String constraint;
        String oomMemcg;
        String taskMemcg;
        boolean globalOom;
        String kindHint;
        Long selectedPid;
        String selectedComm;
        final List<UnreclaimableSlab> slab = new ArrayList<>();
        final Map<Long, Integer> adjByPid = new HashMap<>();
        int adjColumn = -1;
        int kills;
        long records;

        Report(LogRecord first) {
            this.uptime = first.uptimeS();
            this.time = first.wallTime();
        }
    }

    /** One kill line, still open to its wrapped continuation and its reaper line. */
    private static final class Victim {
        final Report rep;
        final Double uptime;
        final String time;
        String kindHint;
        Long pid;
        String comm;
        Long totalVm;
        Long anon;
        Long file;
        Long shmem;
        Integer adj;
        Reaped reaped;

        Victim(Report rep, LogRecord r) {
            this.rep = rep;
            this.uptime = rep.uptime != null || rep.time != null ? rep.uptime : r.uptimeS();
            this.time = rep.uptime != null || rep.time != null ? rep.time : r.wallTime();
        }

        OomEvent toEvent() {
            String kind = kindOf(rep.constraint);
            if (kind == null) kind = kindHint != null ? kindHint : rep.kindHint;
            if (kind == null && rep.globalOom) kind = "global";
            Integer a = adj;
            if (a == null && pid != null) a = rep.adjByPid.get(pid);
            if (a == null && pid != null && pid.equals(rep.triggerPid)) a = rep.triggerAdj;
            return new OomEvent(uptime, time, kind, rep.constraint, rep.triggerComm, rep.gfpMask, rep.order,
                    pid, comm, totalVm, anon, file, shmem, a, rep.oomMemcg, rep.taskMemcg,
                    List.copyOf(rep.slab), reaped);
        }
    }
}
