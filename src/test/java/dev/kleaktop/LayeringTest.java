package dev.kleaktop;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.kleaktop.model.SourceState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of {@code src/main}, pinned: along the data path a package uses only its own
 * layer and the layers below it, and no packages, nor classes, depend on each other in a cycle.
 *
 * <p>A dependency here is one top-level class of {@code src/main} using another (a nested
 * class counts as its top-level class): what the compiled class refers to (read by ArchUnit:
 * types in signatures, fields, calls, casts, annotations, also those reached without being
 * named), together with what the source imports (a compile-time constant is copied into the
 * class that uses it, so only its import shows that use).
 *
 * <p>Today's exceptions are listed below, each one {@code from -> to}, with why it is there.
 * Remove a line when you remove the dependency: the test fails on a dependency that is
 * neither allowed by the order nor listed, and on a listed one that is no longer needed.
 */
class LayeringTest {
    private static final String ROOT = "dev.kleaktop.";

    /**
     * The data path, lowest first. A package belongs to the layer of its first name under
     * {@code dev.kleaktop} (so {@code source.parse} and {@code source.kmsg} are {@code source};
     * {@code view.batch}, {@code view.tui} and {@code view.tui.term} are {@code view}).
     * Packages of one layer may use each other, as long as they make no cycle.
     */
    private static final List<Set<String>> LAYERS = List.of(
            Set.of("model"),
            Set.of("source"),
            Set.of("analysis"),
            Set.of("store"),
            Set.of("session"),
            Set.of("view"),
            Set.of("export"),
            Set.of("cli"));

    /**
     * Class dependencies that go up the data path today ({@code from -> to}, names under
     * {@code dev.kleaktop}). Each is to go; remove its line with it.
     */
    private static final Set<String> KNOWN_UPWARD = Set.of(
            // none today (the last, analysis.LeakRule -> view.Units, went with the structured
            // verdict: LeakRule.Verdict in analysis, its words in view.VerdictText)
            );

    /**
     * Class dependencies that close a cycle between packages today ({@code from -> to}, as
     * above). Without them the package graph has no cycle; each is to go, as above.
     */
    private static final Set<String> KNOWN_CYCLE_DEPS = Set.of(
            // none today
            );

    private static final Pattern IMPORT = Pattern.compile(
            "^import\\s+(?:static\\s+)?(dev\\.kleaktop\\.[\\w.]+?)(\\.\\*)?\\s*;", Pattern.MULTILINE);

    static {
        // ArchUnit logs through SLF4J, which has no logger in the tests: without these it
        // prints three lines of warning on every run
        System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN");
    }

    /** Top-level class -> the top-level classes it uses, names under dev.kleaktop. */
    private static final Map<String, Set<String>> DEPS = dependencies();

    @Test
    void noPackageUsesALayerAboveIt() {
        Set<String> upward = new TreeSet<>();
        for (var e : DEPS.entrySet()) {
            for (String to : e.getValue()) {
                if (layer(packageOf(e.getKey())) < layer(packageOf(to))) upward.add(e.getKey() + " -> " + to);
            }
        }
        assertThat(without(upward, KNOWN_UPWARD))
                .as("dependencies up the data path (model < source < analysis < store < session < view"
                        + " < export < cli); invert them, or move the class to the layer it belongs to")
                .isEmpty();
        assertThat(without(KNOWN_UPWARD, upward))
                .as("gone from the code: remove them from LayeringTest.KNOWN_UPWARD")
                .isEmpty();
    }

    @Test
    void noCyclesBetweenPackages() {
        Map<String, Set<String>> packages = packageGraph(Set.of());
        Map<String, Set<String>> rest = packageGraph(KNOWN_CYCLE_DEPS);
        List<String> cycles = new ArrayList<>();
        for (Set<String> c : cycles(rest)) cycles.add(c + ", closed by " + suspects(c, rest));
        assertThat(cycles).as("packages that depend on each other in a cycle").isEmpty();

        List<String> stale = new ArrayList<>();
        for (String dep : new TreeSet<>(KNOWN_CYCLE_DEPS)) {
            String[] ft = dep.split(" -> ");
            boolean there = DEPS.getOrDefault(ft[0], Set.of()).contains(ft[1]);
            boolean between = !packageOf(ft[0]).equals(packageOf(ft[1]));
            if (!there || !between || !reaches(packages, packageOf(ft[1]), packageOf(ft[0]))) stale.add(dep);
        }
        assertThat(stale).as("no longer closing a cycle: remove them from LayeringTest.KNOWN_CYCLE_DEPS").isEmpty();
    }

    /**
     * No two classes of {@code src/main} depend on each other, directly or round a loop: each
     * can be read, tested and changed with only what it uses below it.
     */
    @Test
    void noCyclesBetweenClasses() {
        assertThat(stronglyConnected(DEPS)).as("classes that depend on each other in a cycle").isEmpty();
    }

    /** The groups of more than one class that all reach each other (Tarjan's algorithm). */
    private static List<Set<String>> stronglyConnected(Map<String, Set<String>> g) {
        Map<String, Integer> index = new java.util.HashMap<>();
        Map<String, Integer> low = new java.util.HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<Set<String>> out = new ArrayList<>();
        for (String v : g.keySet()) {
            if (!index.containsKey(v)) connect(v, g, index, low, stack, onStack, out);
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> g, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, g, index, low, stack, onStack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> comp = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                comp.add(w);
            } while (!w.equals(v));
            if (comp.size() > 1) out.add(comp);
        }
    }

    /** Each package is in a known layer, so that a new one is placed on the data path on purpose. */
    @Test
    void everyPackageHasALayer() {
        Set<String> unplaced = new TreeSet<>();
        for (String c : DEPS.keySet()) if (layer(packageOf(c)) < 0) unplaced.add(packageOf(c));
        assertThat(unplaced).as("packages not in LayeringTest.LAYERS").isEmpty();
        assertThat(DEPS).as("classes read").hasSizeGreaterThan(100);
    }

    private static int layer(String pkg) {
        String top = pkg.contains(".") ? pkg.substring(0, pkg.indexOf('.')) : pkg;
        for (int i = 0; i < LAYERS.size(); i++) if (LAYERS.get(i).contains(top)) return i;
        return -1;
    }

    private static String packageOf(String cls) {
        int dot = cls.lastIndexOf('.');
        return dot < 0 ? "" : cls.substring(0, dot);
    }

    private static Set<String> without(Set<String> a, Set<String> b) {
        Set<String> r = new TreeSet<>(a);
        r.removeAll(b);
        return r;
    }

    /** Package -> the other packages it uses, leaving out the class dependencies {@code except}. */
    private static Map<String, Set<String>> packageGraph(Set<String> except) {
        Map<String, Set<String>> g = new TreeMap<>();
        DEPS.forEach((from, tos) -> {
            Set<String> out = g.computeIfAbsent(packageOf(from), k -> new TreeSet<>());
            for (String to : tos) {
                if (!packageOf(to).equals(packageOf(from)) && !except.contains(from + " -> " + to)) out.add(packageOf(to));
            }
        });
        return g;
    }

    /**
     * For the message: the class dependencies behind the package edges of a cycle that go up
     * the data path, or when there are none, those within one layer (a cycle has one or the
     * other; the edges going down are as they should be).
     */
    private static List<String> suspects(Set<String> pkgs, Map<String, Set<String>> g) {
        List<String> up = new ArrayList<>();
        List<String> level = new ArrayList<>();
        DEPS.forEach((from, tos) -> {
            for (String to : tos) {
                String pf = packageOf(from);
                String pt = packageOf(to);
                if (pf.equals(pt) || !pkgs.contains(pf) || !pkgs.contains(pt) || !g.get(pf).contains(pt)) continue;
                if (layer(pf) < layer(pt)) up.add(from + " -> " + to);
                else if (layer(pf) == layer(pt)) level.add(from + " -> " + to);
            }
        });
        return up.isEmpty() ? level : up;
    }

    private static boolean reaches(Map<String, Set<String>> g, String from, String to) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (n.equals(to)) return true;
            if (seen.add(n)) todo.addAll(g.getOrDefault(n, Set.of()));
        }
        return false;
    }

    /** The sets of more than one node that all reach each other (a few dozen packages: plain reachability will do). */
    private static List<Set<String>> cycles(Map<String, Set<String>> g) {
        List<Set<String>> out = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        for (String n : g.keySet()) {
            if (done.contains(n)) continue;
            Set<String> comp = new TreeSet<>();
            for (String m : g.keySet()) if (reaches(g, n, m) && reaches(g, m, n)) comp.add(m);
            done.addAll(comp);
            if (comp.size() > 1) out.add(comp);
        }
        return out;
    }

    private static Map<String, Set<String>> dependencies() {
        Path classes;
        try {
            // target/classes: where the main classes are, not the tests
            classes = Path.of(SourceState.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Set<String>> deps = new TreeMap<>();
        for (JavaClass c : new ClassFileImporter().importPath(classes)) {
            if (c.getSimpleName().equals("package-info")) continue;
            Set<String> out = deps.computeIfAbsent(topLevel(c.getName()), k -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = d.getTargetClass().getBaseComponentType().getName();
                if (to.startsWith(ROOT)) out.add(topLevel(to));
            }
        }
        addImports(classes.getParent().getParent().resolve("src/main/java"), deps);
        deps.forEach((from, tos) -> tos.remove(from));
        return deps;
    }

    /** Adds each {@code import dev.kleaktop...} of the sources, resolved to the top-level class it names. */
    private static void addImports(Path sources, Map<String, Set<String>> deps) {
        assertThat(sources.resolve("dev/kleaktop")).as("the sources next to the classes").isDirectory();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String rel = sources.relativize(f).toString().replace('/', '.');
                String from = rel.substring(ROOT.length(), rel.length() - ".java".length());
                if (from.endsWith("package-info")) continue;
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    String to = resolve(m.group(1).substring(ROOT.length()), m.group(2) != null, deps.keySet());
                    if (to != null) deps.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The top-level class an import names ({@code a.B.C.d} -> {@code a.B}); for {@code a.*}
     * the package itself, as {@code a.*} (a class of its own in the graph, in package {@code a}).
     */
    private static String resolve(String name, boolean wildcard, Set<String> known) {
        for (String n = name; n.contains("."); n = n.substring(0, n.lastIndexOf('.'))) {
            if (known.contains(n)) return n;
        }
        return wildcard ? name + ".*" : null;
    }

    /** {@code dev.kleaktop.a.B$C} -> {@code a.B}. */
    private static String topLevel(String binaryName) {
        String n = binaryName.substring(ROOT.length());
        int dollar = n.indexOf('$');
        return dollar < 0 ? n : n.substring(0, dollar);
    }
}
