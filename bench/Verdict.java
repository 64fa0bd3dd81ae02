import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.analysis.LeakRule;
import dev.kleaktop.session.Collector;
import dev.kleaktop.session.Frame;
import dev.kleaktop.session.SeriesPlayer;
import dev.kleaktop.session.SessionConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The verdict benchmark: replays recorded series through the same collector as live
 * (kleaktop --series) and prints, per series, which caches were flagged (!) and when, against
 * what the series is known to hold (bench/series/series.tsv), and a summary line each.
 *
 * <pre>
 * java -cp target/kleaktop.jar bench/Verdict.java [MANIFEST] [--horizon S --min-growth N --min-growth-kib K --min-growth-pct P]
 * </pre>
 * A manifest line: {@code FILE KIND EXPECT START END TARGET_S} (tab-separated; - for none):
 * KIND busy (no cache may be flagged) or leak (EXPECT, a regex of cache names, must be flagged
 * within TARGET_S seconds of START, the leak's start in the series' t=, and unflagged within
 * one horizon of END, when the leaking process exited; any other cache flagged is a false
 * positive). Exit status 0 when every series meets its target.
 */
public class Verdict {
    public static void main(String[] args) throws Exception {
        Path manifest = Path.of("bench/series/series.tsv");
        LeakRule.Settings d = LeakRule.Settings.DEFAULT;
        double horizon = d.horizonS(), pct = d.minFraction() * 100;
        int slabs = d.minSlabs();
        long kib = d.minBytes() >> 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--horizon" -> horizon = Double.parseDouble(args[++i]);
                case "--min-growth" -> slabs = Integer.parseInt(args[++i]);
                case "--min-growth-pct" -> pct = Double.parseDouble(args[++i]);
                case "--min-growth-kib" -> kib = Long.parseLong(args[++i]);
                default -> manifest = Path.of(args[i]);
            }
        }
        LeakRule.Settings rule = new LeakRule.Settings(horizon, slabs, pct / 100, kib << 10);
        System.out.println("verdict benchmark: " + LeakRule.summary(rule));
        Path dir = manifest.getParent();
        boolean allPass = true;
        List<String> summary = new ArrayList<>();
        for (String line : Files.readAllLines(manifest)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            String r = run(dir.resolve(f[0]), f[1], f[2], num(f[3]), num(f[4]), num(f[5]), rule);
            summary.add(r);
            allPass &= r.endsWith("PASS");
        }
        System.out.println();
        summary.forEach(System.out::println);
        System.out.println(allPass ? "all series meet their targets" : "SOME SERIES MISS THEIR TARGETS");
        System.exit(allPass ? 0 : 1);
    }

    private static Double num(String s) { return s.equals("-") ? null : Double.valueOf(s); }

    /** When a cache was flagged: the spells it spent flagged, as t= pairs. */
    private static final class Spells {
        final List<double[]> spells = new ArrayList<>();
        double growingFirst = Double.NaN;
        String firstReason;

        void at(double t, boolean flagged) {
            double[] last = spells.isEmpty() ? null : spells.get(spells.size() - 1);
            if (flagged) {
                if (last == null || !Double.isNaN(last[1])) spells.add(new double[] {t, Double.NaN});
            } else if (last != null && Double.isNaN(last[1])) {
                last[1] = t;
            }
        }

        double first() { return spells.get(0)[0]; }
    }

    static String run(Path file, String kind, String expect, Double start, Double end, Double target,
                      LeakRule.Settings rule) throws Exception {
        Map<String, Spells> seen = new LinkedHashMap<>();
        double t0 = Double.NaN, tl = 0;
        int n = 0;
        long cpu = System.nanoTime();
        try (SeriesPlayer p = SeriesPlayer.open(file, null);
             Collector c = new SessionConfig(p.fs(), p.clock(), 60, SessionConfig.Use.BATCH, null, null, true, rule)
                     .open()) {
            while (p.advance()) {
                Frame fr = c.refresh();
                double t = p.current().uptimeS();
                if (Double.isNaN(t0)) t0 = t;
                tl = t;
                n++;
                for (CacheRow r : fr.analysis().rows()) {
                    boolean flagged = r.verdict().suspect();
                    Spells s = seen.get(r.name());
                    if (s == null && !flagged && r.verdict().level() != LeakRule.Level.GROWING) continue;
                    if (s == null) seen.put(r.name(), s = new Spells());
                    if (r.verdict().level() == LeakRule.Level.GROWING && Double.isNaN(s.growingFirst)) s.growingFirst = t;
                    if (flagged && s.firstReason == null) s.firstReason = dev.kleaktop.view.VerdictText.why(r.verdict());
                    s.at(t, flagged);
                }
            }
            for (var w : p.file().warnings()) System.out.println("  warning: " + w);
        }
        double ms = (System.nanoTime() - cpu) / 1e6;
        String name = file.getFileName().toString();
        System.out.printf(Locale.ROOT, "%n%s (%s): %d samples over %s, replayed in %.1f s%n", name, kind, n,
                dur(tl - t0), ms / 1000);
        Pattern want = expect.equals("-") ? null : Pattern.compile(expect);
        boolean pass = true;
        List<String> falsePos = new ArrayList<>();
        String hit = null;
        for (var e : seen.entrySet()) {
            Spells s = e.getValue();
            if (s.spells.isEmpty()) continue;
            StringBuilder b = new StringBuilder();
            for (double[] sp : s.spells) {
                b.append(b.length() == 0 ? "" : ", ").append(rel(sp[0], start, t0)).append(" to ")
                        .append(Double.isNaN(sp[1]) ? "the end" : rel(sp[1], start, t0));
            }
            boolean expected = want != null && want.matcher(e.getKey()).matches();
            System.out.printf(Locale.ROOT, "  %s %-24s flagged %s%n           first: %s%n", expected ? "expected" : "FALSE   ",
                    e.getKey(), b, s.firstReason);
            if (!expected) falsePos.add(e.getKey());
        }
        long growingOnly = seen.values().stream().filter(s -> s.spells.isEmpty()).count();
        System.out.printf(Locale.ROOT, "  growing (+) but never flagged: %d caches%n", growingOnly);
        String verdict;
        if (want == null) {
            pass = falsePos.isEmpty();
            verdict = falsePos.isEmpty() ? "0 flagged" : falsePos.size() + " flagged " + falsePos;
        } else {
            Spells best = null;
            for (var e : seen.entrySet()) {
                if (!want.matcher(e.getKey()).matches() || e.getValue().spells.isEmpty()) continue;
                if (best == null || e.getValue().first() < best.first()) {
                    best = e.getValue();
                    hit = e.getKey();
                }
            }
            if (best == null) {
                pass = false;
                verdict = "the leak (" + expect + ") never flagged";
            } else {
                double after = best.first() - start;
                boolean inTime = after <= target;
                double[] lastSpell = best.spells.get(best.spells.size() - 1);
                boolean gone = end == null || !Double.isNaN(lastSpell[1]) && lastSpell[1] - end <= rule.horizonS();
                pass = inTime && gone && falsePos.isEmpty();
                verdict = String.format(Locale.ROOT, "%s flagged %s after the leak's start (target %s)%s%s", hit,
                        dur(after), dur(target), end == null ? ""
                                : Double.isNaN(lastSpell[1]) ? ", still flagged at the end"
                                : ", unflagged " + dur(lastSpell[1] - end) + " after it stopped",
                        falsePos.isEmpty() ? ", no other cache flagged" : ", " + falsePos.size() + " others flagged " + falsePos);
            }
        }
        return String.format(Locale.ROOT, "%-28s %-4s %s: %s", name, kind, verdict, pass ? "PASS" : "FAIL");
    }

    private static String rel(double t, Double start, double t0) {
        return start != null ? (t >= start ? "start+" : "start-") + dur(Math.abs(t - start)) : "+" + dur(t - t0);
    }

    private static String dur(double s) {
        long x = Math.round(s);
        return x >= 60 ? x / 60 + "m" + String.format(Locale.ROOT, "%02d", x % 60) + "s" : x + "s";
    }
}
