package dev.kleaktop.source.parse;

import dev.kleaktop.model.LogRecord;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.OomEvent.Reaped;
import dev.kleaktop.model.OomEvent.UnreclaimableSlab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.kleaktop.source.parse.OomText.number;
import static dev.kleaktop.source.parse.OomText.token;

/**
 * What one OOM report told so far, shared by its kills, and how its lines fill it in. A
 * report that never reaches a {@code Killed process} line still becomes an event
 * ({@link #toEvent()}) when it named a victim or had its header, so that grep-filtered, cut
 * and old-kernel logs keep their OOM events; each event says what the log did not have.
 */
final class OomReport {
    final Double uptime;
    final String time;
    /** The {@code invoked oom-killer:} line was read. */
    boolean header;
    /** The {@code oom-kill:} line was read (4.19+); a second one starts another report. */
    boolean oomKillLine;
    /** The {@code Kill process N (comm) score S} line was read (before 5.1). */
    boolean selectLine;
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

    OomReport(LogRecord first) {
        this.uptime = first.uptimeS();
        this.time = first.wallTime();
    }

    /**
     * Whether a report without a kill line is worth an event: it had its header or named the
     * task it chose. Context alone (a task table, a {@code Task in} line) is not an event.
     */
    boolean eventWithoutKill() {
        return kills == 0 && (header || selectedPid != null || selectedComm != null);
    }

    /** The event of a report that never reached its {@code Killed process} line. */
    OomEvent toEvent() {
        Long pid = selectedPid;
        Integer adj = pid == null ? null : adjOf(pid, null);
        List<String> missing = new ArrayList<>(2);
        if (!header) missing.add(OomEvent.HEADER);
        missing.add(OomEvent.KILLED_PROCESS);
        return new OomEvent(uptime, time, kind(null), constraint, triggerComm, gfpMask, order, pid, selectedComm,
                null, null, null, null, adj, oomMemcg, taskMemcg, List.copyOf(slab), null, false, missing);
    }

    String kind(String lineHint) {
        String kind = OomText.kindOf(constraint);
        if (kind == null) kind = lineHint != null ? lineHint : kindHint;
        if (kind == null && globalOom) kind = "global";
        return kind;
    }

    Integer adjOf(long pid, Integer fromLine) {
        Integer a = fromLine;
        if (a == null) a = adjByPid.get(pid);
        if (a == null && triggerPid != null && pid == triggerPid) a = triggerAdj;
        return a;
    }

    void headerFields(String t) {
        String gfp = token(t, "gfp_mask=");
        if (gfp != null) gfpMask = gfp;
        Long o = number(t, "order=");
        if (o != null) order = (int) (long) o;
        Long adj = number(t, "oom_score_adj=");
        if (adj == null) adj = number(t, "oomkilladj=");
        if (adj != null) triggerAdj = (int) (long) adj;
    }

    /** {@code oom-kill:constraint=...,oom_memcg=...,task_memcg=...,task=COMM,pid=N,uid=U}. */
    void oomKillFields(String t) {
        oomKillLine = true;
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
                if (key != null) oomKillField(key, val.toString());
                key = piece.substring(0, eq);
                val.setLength(0);
                val.append(piece, eq + 1, piece.length());
            } else if (piece.trim().equals("global_oom")) {
                if (key != null) oomKillField(key, val.toString());
                key = null;
                globalOom = true;
            } else if (key != null) {
                val.append(',').append(piece);
            }
            i = comma + 1;
        }
        if (key != null) oomKillField(key, val.toString());
    }

    private static boolean isKey(String piece, int eq) {
        for (int i = 0; i < eq; i++) {
            char c = piece.charAt(i);
            if (!(c == '_' || (c >= 'a' && c <= 'z'))) return false;
        }
        return true;
    }

    private void oomKillField(String key, String value) {
        switch (key) {
            case "constraint" -> constraint = value;
            case "oom_memcg" -> oomMemcg = value;
            case "task_memcg" -> taskMemcg = value;
            case "task" -> { if (selectedComm == null && !value.isEmpty()) selectedComm = value; }
            case "pid" -> {
                Long pid = number(value, "");
                if (pid != null && selectedPid == null) selectedPid = pid;
            }
            default -> { }
        }
    }

    /** {@code [Memory cgroup ]Out of memory: Kill process N (comm) score S or sacrifice child}. */
    void selectFields(String t, int at) {
        selectLine = true;
        String hint = OomText.kindOfPrefix(t, at);
        if (hint != null) kindHint = hint;
        int p = at + "Kill process ".length();
        Long pid = number(t.substring(p), "");
        if (pid != null) selectedPid = pid;
        String comm = OomText.comm(t, p, ") score ");
        if (comm != null) selectedComm = comm;
    }

    /** One kill line, still open to its wrapped continuation and its reaper line. */
    static final class Victim {
        final OomReport rep;
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

        Victim(OomReport rep, LogRecord r) {
            this.rep = rep;
            this.uptime = rep.uptime != null || rep.time != null ? rep.uptime : r.uptimeS();
            this.time = rep.uptime != null || rep.time != null ? rep.time : r.wallTime();
        }

        void killFields(String t) {
            Long x;
            if ((x = number(t, "total-vm:")) != null) totalVm = x;
            if ((x = number(t, "anon-rss:")) != null) anon = x;
            if ((x = number(t, "file-rss:")) != null) file = x;
            if ((x = number(t, "shmem-rss:")) != null) shmem = x;
            if ((x = number(t, "oom_score_adj:")) != null) adj = (int) (long) x;
        }

        OomEvent toEvent() {
            Integer a = pid == null ? adj : rep.adjOf(pid, adj);
            List<String> missing = rep.header ? List.of() : List.of(OomEvent.HEADER);
            return new OomEvent(uptime, time, rep.kind(kindHint), rep.constraint, rep.triggerComm, rep.gfpMask,
                    rep.order, pid, comm, totalVm, anon, file, shmem, a, rep.oomMemcg, rep.taskMemcg,
                    List.copyOf(rep.slab), reaped, missing.isEmpty(), missing);
        }
    }
}
