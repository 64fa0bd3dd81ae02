package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.kleaktop.export.ListenAddress;
import dev.kleaktop.export.MetricsMapper;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.Tools;
import dev.kleaktop.testing.Trees;
import dev.kleaktop.view.Column;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The man page cannot drift from the program: every option and subcommand of the picocli
 * model, every key of the screen, every kernel path {@link KernelFs} names, every metric
 * and every json field the program prints must be documented in the right section; and
 * the page must render without a single groff warning, in 80 columns.
 */
class ManPageTest {
    private static final ManPage PAGE = ManPage.load();

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ commands, options

    @Test
    void everyOptionOfTheMainCommandIsAnItemOfOptionsWithItsArgument() {
        CommandSpec root = Main.commandLine().getCommandSpec();
        ManPage.Part options = PAGE.section("OPTIONS");
        List<String> missing = new ArrayList<>();
        for (OptionSpec o : root.options()) {
            if (o.hidden()) continue;
            if (!isItem(options, o)) missing.add(describe(o));
        }
        assertThat(missing).as("options of kleaktop missing from OPTIONS in %s (item: -x, --long ARG)", ManPage.FILE)
                .isEmpty();
    }

    @Test
    void everySubcommandHasASynopsisLineAndASubsectionListingItsOptionsAndArguments() {
        CommandSpec root = Main.commandLine().getCommandSpec();
        List<String> missing = new ArrayList<>();
        walk(root, sub -> checkSubcommand(root, sub, missing));
        assertThat(missing).as("subcommands, options or arguments missing from %s", ManPage.FILE).isEmpty();
    }

    private static void checkSubcommand(CommandSpec root, CommandSpec cmd, List<String> missing) {
        String path = qualified(cmd);
        String synopsis = PAGE.section("SYNOPSIS").text().replace('\n', ' ');
        if (!synopsis.contains("kleaktop " + path)) missing.add("SYNOPSIS: kleaktop " + path);
        List<ManPage.Part> subs = new ArrayList<>();
        for (ManPage.Part p : PAGE.subsections("kleaktop " + path)) {
            String h = p.heading();
            if (h.equals("kleaktop " + path) || h.startsWith("kleaktop " + path + " ")) subs.add(p);
        }
        if (subs.isEmpty()) {
            missing.add("COMMANDS: .SS \"kleaktop " + path + "\"");
            return;
        }
        ManPage.Part sub = subs.get(0);
        if (!PAGE.section("COMMANDS").lines().contains(sub.heading())) missing.add("COMMANDS: " + sub.heading());
        for (OptionSpec o : cmd.options()) {
            if (o.hidden() || o.usageHelp() || o.versionHelp()) continue;
            if (isItem(sub, o)) continue;
            // a shared option: an item of OPTIONS, and named in the command's subsection
            OptionSpec shared = root.findOption(o.longestName());
            if (shared != null && isItem(PAGE.section("OPTIONS"), shared) && mentionsAny(sub.text(), o.names())) continue;
            missing.add(path + ": " + describe(o));
        }
        for (PositionalParamSpec p : cmd.positionalParameters()) {
            if (p.hidden()) continue;
            if (p.completionCandidates() != null) {
                for (String word : p.completionCandidates()) {
                    if (!sub.tags().contains(word)) missing.add(path + ": item " + word);
                }
            } else if (!sub.heading().contains(label(p.paramLabel())) || !sub.tags().contains(label(p.paramLabel()))) {
                missing.add(path + ": argument " + label(p.paramLabel()) + " in the heading and as an item");
            }
        }
    }

    /**
     * The reverse of the test above: the list of options a command's subsection gives
     * ("Options:", "Accepts", "Also accepts") names only options the command has, with the
     * formats its --format takes, so the page cannot offer what the parser refuses.
     */
    @Test
    void everyCommandsListOfOptionsNamesOnlyWhatItAccepts() {
        CommandSpec root = Main.commandLine().getCommandSpec();
        List<String> wrong = new ArrayList<>();
        List<CommandSpec> all = new ArrayList<>(List.of(root));
        walk(root, all::add);
        for (CommandSpec cmd : all) {
            String path = cmd == root ? "(no command)" : qualified(cmd);
            List<ManPage.Part> subs = PAGE.subsections("kleaktop " + path);
            assertThat(subs).as("subsection of kleaktop %s", path).isNotEmpty();
            List<String> lines = subs.get(0).lines();
            int at = -1;
            for (int i = 0; i < lines.size() && at < 0; i++) {
                if (Set.of("Options:", "Accepts", "Also accepts").contains(lines.get(i).trim())) at = i + 1;
            }
            assertThat(at).as("kleaktop %s: a list of the options it accepts", path).isPositive();
            int listed = 0;
            for (int i = at; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                String[] words = line.replaceAll("[,.]$", "").split(" ");
                OptionSpec o = cmd.findOption(words[0].replaceFirst("^-+", ""));
                listed++;
                if (o == null) {
                    wrong.add(path + ": lists " + words[0] + ", which it does not accept");
                } else if (words.length > 1 && o.completionCandidates() != null) {
                    List<String> formats = new ArrayList<>();
                    o.completionCandidates().forEach(formats::add);
                    if (!String.join("|", formats).equals(words[1])) {
                        wrong.add(path + ": lists " + line + ", but takes " + formats);
                    }
                }
                if (line.endsWith(".")) break;
            }
            assertThat(listed).as("kleaktop %s: options listed", path).isGreaterThan(0);
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void sortKeysAreListedUnderTheSortOption() {
        ManPage.Part options = PAGE.section("OPTIONS");
        List<String> missing = new ArrayList<>();
        for (String key : Column.SPEC.sortKeyNames()) {
            if (key.length() == 1) continue; // slabtop's letters: checked as keys of the screen
            if (!options.tags().contains(key)) missing.add(key);
        }
        assertThat(missing).as("sort keys missing from the -s item of OPTIONS").isEmpty();
    }

    // ------------------------------------------------------------------ the screen

    /** SPEC's key list for the screen, as the KEYS section names them. */
    static final List<String> SPEC_KEYS = List.of("q", "h", "?", "/", "Enter", "Esc", "g", "d", "a", "b", "c",
            "l", "v", "n", "o", "p", "s", "u", "<", ">", "r", "space", "+", "-", "z", "k", "C", "S", "D", "Tab",
            "Up", "Down", "PgUp", "PgDn", "Home", "End", "Ctrl-L", "Ctrl-C");

    @Test
    void keysHasEveryKeyOfTheScreen() {
        Set<String> documented = keyTokens();
        assertThat(SPEC_KEYS).as("keys of the screen (SPEC) missing from KEYS in %s", ManPage.FILE)
                .allSatisfy(k -> assertThat(documented).contains(k));
    }

    @Test
    void keysHasEveryKeyOfTheScreensOwnHelpWhenTheScreenIsBuilt() throws Exception {
        Optional<String[][]> help = helpKeys();
        assumeTrue(help.isPresent(), "the screen (dev.kleaktop.view.HelpText) is not in this build");
        Set<String> documented = keyTokens();
        List<String> missing = new ArrayList<>();
        for (String[] k : help.get()) {
            for (String token : k[0].trim().split("\\s+")) {
                String t = token.replace("\u2191", "Up").replace("\u2193", "Down");
                if (!documented.contains(t)) missing.add(t + " (" + k[1] + ")");
            }
        }
        assertThat(missing).as("keys of the help screen missing from KEYS in %s", ManPage.FILE).isEmpty();
    }

    private static Set<String> keyTokens() {
        Set<String> out = new LinkedHashSet<>();
        for (String tag : PAGE.section("KEYS").tags()) {
            for (String t : tag.split(",")) out.add(t.trim());
        }
        return out;
    }

    private static Optional<String[][]> helpKeys() throws ReflectiveOperationException {
        Class<?> c;
        try {
            c = Class.forName("dev.kleaktop.view.HelpText");
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        Field f = c.getDeclaredField("KEYS");
        f.setAccessible(true);
        return Optional.of((String[][]) f.get(null));
    }

    // ------------------------------------------------------------------ files, environment

    @Test
    void filesHasEveryKernelPathAndTheSnapshotDirectory() throws Exception {
        ManPage.Part files = PAGE.section("FILES");
        Set<String> items = new TreeSet<>();
        for (String tag : files.tags()) {
            for (String t : tag.split(",")) items.add(t.trim());
        }
        List<String> missing = new ArrayList<>();
        for (String rel : kernelPaths()) {
            if (!items.contains("/" + rel)) missing.add("/" + rel);
        }
        for (String d : List.of("$XDG_STATE_HOME/kleaktop", "$HOME/.local/state/kleaktop")) {
            if (!items.contains(d)) missing.add(d);
        }
        assertThat(missing).as("paths missing from FILES in %s (each an item)", ManPage.FILE).isEmpty();
    }

    /** The values of KernelFs's public String constants: every kernel path it reads or writes. */
    static List<String> kernelPaths() throws IllegalAccessException {
        List<String> out = new ArrayList<>();
        for (Field f : KernelFs.class.getFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == String.class) out.add((String) f.get(null));
        }
        assertThat(out).as("KernelFs path constants").contains(KernelFs.SLABINFO, KernelFs.KMSG, KernelFs.KMEMLEAK);
        return out;
    }

    @Test
    void environmentHasWhatTheLauncherAndTheProgramRead() throws IOException {
        Set<String> vars = new TreeSet<>(List.of("NO_COLOR", "XDG_STATE_HOME", "JAVA_HOME", "KLEAKTOP_JAVA_OPTS",
                "KLEAKTOP_JAR", "LANG", "LC_ALL", "TERM"));
        // whatever the launcher reads from the environment (JAVA_HOME, KLEAKTOP_*)
        Matcher m = Pattern.compile("\\$\\{?((?:KLEAKTOP_|JAVA_)[A-Z_]+)").matcher(Files.readString(Path.of("bin/kleaktop")));
        while (m.find()) vars.add(m.group(1));
        Set<String> items = new TreeSet<>();
        for (String tag : PAGE.section("ENVIRONMENT").tags()) {
            for (String t : tag.split(",")) items.add(t.trim());
        }
        assertThat(items).as("ENVIRONMENT items in %s", ManPage.FILE).containsAll(vars);
    }

    // ------------------------------------------------------------------ export, json

    @Test
    void exportHasEveryMetricTheDefaultPortAndTheMeminfoFields() throws IllegalAccessException {
        ManPage.Part export = PAGE.section("EXPORT");
        List<String> missing = new ArrayList<>();
        for (Field f : MetricsMapper.class.getFields()) {
            if (f.getType() != String.class || !Modifier.isStatic(f.getModifiers())) continue;
            String metric = (String) f.get(null);
            if (metric.startsWith("kleaktop_") && !export.tags().contains(metric)) missing.add(metric);
        }
        for (String field : MetricsMapper.MEMINFO_FIELDS) {
            if (!export.text().contains(field)) missing.add("field " + field);
        }
        assertThat(missing).as("EXPORT in %s", ManPage.FILE).isEmpty();
        assertThat(export.text()).contains(ListenAddress.DEFAULT_HOST + ":" + ListenAddress.DEFAULT_PORT)
                .contains("port " + ListenAddress.DEFAULT_PORT);
        String listen = PAGE.subsections("kleaktop export").get(0).text();
        assertThat(listen).contains("0.0.0.0:PORT", "[::]:PORT", ":PORT");
    }

    @Test
    void jsonOutputNamesEveryFieldTheProgramPrints() throws Exception {
        Trees.labFinal(dir);
        Path oom = dir.resolve("oom.log");
        Files.writeString(oom, Corpus.text("oom/lkml-cgroups-mhocko-5.2-rc7-memcg-v1-reaper.log"));
        Path kmemleak = dir.resolve("kmemleak.txt");
        Files.writeString(kmemleak, Corpus.text("kmemleak/syzkaller-testdata-report-752-crc-symbolized-6.x.txt"));
        Set<String> keys = new TreeSet<>();
        keys(json("-b", "-n", "2", "-d", "0", "--root", dir.toString(), "--dmesg-file", oom.toString(),
                "--kmemleak-file", kmemleak.toString(), "--format", "json"), keys);
        keys(json("oom", "--dmesg-file", oom.toString(), "--format", "json"), keys);
        keys(json("kmemleak", "report", "--file", kmemleak.toString(), "--format", "json"), keys);
        // a snapshot file, and a diff of it against the same tree
        Path snap = dir.resolve("snap.json");
        keys(json("snapshot", "-o", snap.toString(), "--root", dir.toString(), "--dmesg-file", oom.toString(),
                "--kmemleak-file", kmemleak.toString(), "--format", "json"), keys);
        keys(JSON.std.anyFrom(Files.readString(snap)), keys);
        keys(json("diff", snap.toString(), "--root", dir.toString(), "--format", "json"), keys);
        String text = PAGE.section("JSON OUTPUT").text();
        List<String> missing = new ArrayList<>();
        for (String k : keys) {
            if (!Pattern.compile("(?<![\\w-])" + Pattern.quote(k) + "(?![\\w-])").matcher(text).find()) missing.add(k);
        }
        assertThat(keys).contains("leak_suspect", "victim_comm", "top_frame", "unreclaimable_slab", "reaped", "crc",
                "page_size", "rate_bytes_per_s", "meminfo_delta");
        assertThat(missing).as("json fields missing from JSON OUTPUT in %s", ManPage.FILE).isEmpty();
    }

    private static Object json(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as("kleaktop %s: %s", String.join(" ", args), err).isZero();
        List<String> lines = out.toString().lines().toList();
        return JSON.std.anyFrom(lines.get(lines.size() - 1));
    }

    /**
     * kleaktop's own field names (snake_case); names copied from the kernel as data, such as
     * a snapshot's /proc/meminfo fields ({@code MemTotal}, {@code Active(anon)}), are not fields.
     */
    private static void keys(Object node, Set<String> out) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = e.getKey().toString();
                if (k.matches("[a-z][a-z0-9_]*")) out.add(k);
                keys(e.getValue(), out);
            }
        } else if (node instanceof List<?> l) {
            for (Object o : l) keys(o, out);
        }
    }

    // ------------------------------------------------------------------ rendering

    @Test
    void groffRendersItWithoutAWarning() {
        Optional<Path> groff = Tools.find("groff");
        assumeTrue(groff.isPresent(), "groff is not installed (apt-get install groff-base)");
        for (String device : List.of("utf8", "ascii")) {
            Run r = run(List.of(groff.get().toString(), "-man", "-T" + device, "-ww", "-z", ManPage.FILE.toString()), Map.of());
            assertThat(r.err()).as("groff -T%s warnings", device).isEmpty();
            assertThat(r.code()).isZero();
        }
    }

    @Test
    void manRendersItWithoutAWarningIn80Columns() {
        Optional<Path> man = Tools.find("man");
        assumeTrue(man.isPresent(), "man is not installed (apt-get install man-db groff-base)");
        Map<String, String> env = Map.of("MANWIDTH", "80", "LC_ALL", "C.UTF-8", "MANPAGER", "cat", "PAGER", "cat");
        Run warnings = run(List.of(man.get().toString(), "--warnings", "-l", ManPage.FILE.toString()), env);
        assertThat(warnings.err()).as("man --warnings -l %s", ManPage.FILE).isEmpty();
        assertThat(warnings.code()).isZero();
        List<String> lines = warnings.out().lines().toList();
        assertThat(lines).as("rendered page").hasSizeGreaterThan(200);
        assertThat(lines).as("rendered lines wider than 80 columns")
                .allSatisfy(l -> assertThat(l.codePointCount(0, l.length())).as(l).isLessThanOrEqualTo(80));
        assertThat(String.join("\n", lines)).contains("size_bytes   = num_slabs", "kleaktop_source_up");
    }

    @Test
    void titleCarriesTheVersionOfTheBuild() {
        String th = PAGE.source().lines().filter(l -> l.startsWith(".TH ")).findFirst().orElseThrow();
        assertThat(VersionProvider.version()).isNotEqualTo("unknown");
        assertThat(th).as(".TH of %s (update it with the version in pom.xml)", ManPage.FILE)
                .contains("\"kleaktop " + VersionProvider.version() + "\"");
    }

    @Test
    void hasTheSectionsOfAToolManPage() {
        assertThat(PAGE.sections().keySet()).containsSubsequence("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS",
                "COMMANDS", "KEYS", "GROWTH AND LEAK SUSPECTS", "JSON OUTPUT", "EXPORT", "FILES", "ENVIRONMENT",
                "EXIT STATUS", "EXAMPLES", "SEE ALSO");
        assertThat(PAGE.section("EXIT STATUS").tags()).contains("0", "1", "2");
        assertThat(PAGE.section("SEE ALSO").text()).contains("slabtop(1)", "dmesg(1)",
                "Documentation/dev-tools/kmemleak.rst", "prometheus");
        String examples = PAGE.section("EXAMPLES").text();
        assertThat(examples).contains("ssh ", "--root ", "--dmesg-file ", "kleaktop snapshot", "kleaktop diff ",
                "| jq", "kleaktop export");
        // the leak rule's constants, as LeakRule has them
        String rule = PAGE.section("GROWTH AND LEAK SUSPECTS").text();
        dev.kleaktop.analysis.LeakRule.Settings d = dev.kleaktop.analysis.LeakRule.Settings.DEFAULT;
        assertThat(rule).contains("--horizon", "--min-growth", "--min-growth-pct", "reclaim_account",
                (long) d.horizonS() + " s", d.minSlabs() + " slabs", Math.round(d.minFraction() * 100) + "%",
                dev.kleaktop.analysis.LeakRule.FAST_FACTOR + " times", "quarter", "floor",
                dev.kleaktop.analysis.LeakRule.MASK_RATIO + " times");
    }

    // ------------------------------------------------------------------ helpers

    private static boolean isItem(ManPage.Part part, OptionSpec o) {
        for (String tag : part.tags()) {
            boolean all = true;
            for (String n : o.names()) all &= mentionsAny(tag, n);
            if (!all) continue;
            if (!takesArg(o)) return true;
            String label = label(o.paramLabel());
            if (tag.contains(o.longestName() + " " + label) || tag.contains(o.longestName() + "=" + label)) return true;
        }
        return false;
    }

    private static boolean mentionsAny(String text, String... names) {
        for (String n : names) {
            if (Pattern.compile("(?<![\\w-])" + Pattern.quote(n) + "(?![\\w-])").matcher(text).find()) return true;
        }
        return false;
    }

    private static boolean takesArg(OptionSpec o) {
        return o.arity().max > 0 && o.type() != boolean.class && o.type() != Boolean.class;
    }

    private static String label(String paramLabel) { return paramLabel.replace("<", "").replace(">", ""); }

    private static String describe(OptionSpec o) {
        return String.join(", ", o.names()) + (takesArg(o) ? " " + label(o.paramLabel()) : "");
    }

    private static String qualified(CommandSpec c) {
        String q = c.qualifiedName(" ");
        return q.substring(q.indexOf(' ') + 1);
    }

    static void walk(CommandSpec spec, java.util.function.Consumer<CommandSpec> visitSub) {
        for (CommandSpec sub : Completions.subcommands(spec)) {
            visitSub.accept(sub);
            walk(sub, visitSub);
        }
    }

    record Run(int code, String out, String err) {}

    /** Runs a tool with separate stdout and stderr (warnings must not hide in the page). */
    static Run run(List<String> command, Map<String, String> env) {
        try {
            Path out = Files.createTempFile("kleaktop-man", ".out");
            Path err = Files.createTempFile("kleaktop-man", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().putAll(env);
                Process p = pb.start();
                p.getOutputStream().close();
                if (!p.waitFor(Duration.ofSeconds(60).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(command + " did not finish in 60 s");
                }
                return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String lower(String s) { return s.toLowerCase(Locale.ROOT); }
}
