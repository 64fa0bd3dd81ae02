package dev.kleaktop.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The command lines kleaktop is started with almost every time ({@code kleaktop},
 * {@code kleaktop -b -n 1 -d 5 --root DIR ...}: the root command and its own options, each
 * once) read without building picocli's command model. Building it reflects over every
 * annotated option of every command and costs more CPU than starting the JVM itself; the
 * start-up target (twice a bare {@code java -version}) cannot be met with it on the path.
 *
 * <p>Anything else returns null and picocli reads the whole command line as before: a
 * subcommand, help, version, an option not listed here, an option given twice, a value that
 * starts with {@code -} or {@code @} or names a subcommand, attached short values
 * ({@code -n1}), or a value picocli's converters would reject. So a command line accepted
 * here means exactly what picocli would make of it (a test compares the two on generated
 * command lines), and every message about a bad command line still comes from picocli.
 */
final class QuickArgs {
    private QuickArgs() {}

    /** Tokens that make picocli read the command line: its commands and their aliases. */
    private static final Set<String> COMMANDS = Set.of("snapshot", "diff", "oom", "kmemleak", "export", "help");

    /** The options read here, by every name picocli knows them by. */
    private enum Opt {
        BATCH(false), READ_ONLY(false), NO_COLOR(false), DEBUG(false), ALLOW_UNSAFE_DIR(false),
        DELAY(true), ITERATIONS(true), SORT(true), FILTER(true), WINDOW(true),
        ROOT(true), DMESG_FILE(true), KMEMLEAK_FILE(true), SNAPSHOT_DIR(true), FORMAT(true);

        final boolean takesValue;

        Opt(boolean takesValue) { this.takesValue = takesValue; }

        static Opt named(String name) {
            return switch (name) {
                case "-b", "--batch" -> BATCH;
                case "--read-only" -> READ_ONLY;
                case "--no-color" -> NO_COLOR;
                case "--debug" -> DEBUG;
                case "--allow-unsafe-dir" -> ALLOW_UNSAFE_DIR;
                case "-d", "--delay" -> DELAY;
                case "-n", "--iterations" -> ITERATIONS;
                case "-s", "--sort" -> SORT;
                case "-f", "--filter" -> FILTER;
                case "-w", "--window" -> WINDOW;
                case "--root" -> ROOT;
                case "--dmesg-file" -> DMESG_FILE;
                case "--kmemleak-file" -> KMEMLEAK_FILE;
                case "--snapshot-dir" -> SNAPSHOT_DIR;
                case "--format" -> FORMAT;
                default -> null;
            };
        }
    }

    /** The root command with the options set as picocli would set them, or null to ask picocli. */
    static KleaktopCommand parse(String[] args) {
        KleaktopCommand c = new KleaktopCommand();
        c.sampling = new SamplingOptions();
        c.source = new SourceOptions();
        c.output = new OutputOptions();
        c.store = new StoreOptions();
        c.write = new WriteOptions();
        Set<Opt> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 2) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            Opt o = Opt.named(name);
            if (o == null || !seen.add(o)) return null;
            if (o.takesValue) {
                if (value == null) {
                    if (i + 1 >= args.length) return null;
                    value = args[++i];
                }
                if (value.isEmpty() || value.startsWith("-") || value.startsWith("@") || COMMANDS.contains(value)) {
                    return null;
                }
            } else if (value != null) {
                return null;
            }
            if (!set(c, o, value)) return null;
        }
        return c;
    }

    private static boolean set(KleaktopCommand c, Opt o, String v) {
        try {
            switch (o) {
                case BATCH -> c.batch = true;
                case READ_ONLY -> c.source.readOnly = Boolean.TRUE;
                case NO_COLOR -> c.output.noColor = Boolean.TRUE;
                case DEBUG -> c.output.debug = Boolean.TRUE;
                case ALLOW_UNSAFE_DIR -> c.write.allowUnsafeDir = Boolean.TRUE;
                case DELAY -> c.sampling.delay = Double.valueOf(v);
                case ITERATIONS -> c.sampling.iterations = Integer.valueOf(v);
                case SORT -> c.sampling.sort = v;
                case FILTER -> c.sampling.filter = v;
                case WINDOW -> c.sampling.window = Double.valueOf(v);
                case ROOT -> c.source.root = Path.of(v);
                case DMESG_FILE -> c.source.dmesgFile = Path.of(v);
                case KMEMLEAK_FILE -> c.source.kmemleakFile = Path.of(v);
                case SNAPSHOT_DIR -> c.store.snapshotDir = Path.of(v);
                case FORMAT -> c.output.format = new OutputOptions.FormatConverter().convert(v);
            }
            return true;
        } catch (NumberFormatException | InvalidPathException | picocli.CommandLine.TypeConversionException e) {
            return false; // picocli says what is wrong with it
        }
    }
}
