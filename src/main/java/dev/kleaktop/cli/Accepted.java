package dev.kleaktop.cli;

import dev.kleaktop.view.batch.BatchFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * What each subcommand accepts of the option groups it shares with the root command. The
 * groups are mixed in whole (so an option works before or after the subcommand), and this
 * table takes out of each subcommand what it would only ignore: its {@code --help}, its
 * completions and its parser then offer exactly what it uses ({@code oom --format} is text or
 * json, {@code oom --read-only} is an unknown option), and the same option given before the
 * subcommand ({@code kleaktop --read-only oom}) is refused the same way.
 */
final class Accepted {
    private Accepted() {}

    /** Shared options a subcommand has no use for, by its longest name. */
    private static final Map<String, Set<String>> NOT_ACCEPTED = Map.of(
            "oom", Set.of("--kmemleak-file", "--read-only", "--no-color", "--series"),
            "snapshot", Set.of("--read-only", "--no-color", "--series"),
            "diff", Set.of("--read-only", "--no-color", "--series"),
            "kmemleak", Set.of("--dmesg-file", "--no-color", "--series"),
            "export", Set.of("--format", "--no-color", "--dmesg-file", "--kmemleak-file", "--read-only", "--series"));

    /** The formats a subcommand writes; one not listed takes every format (text, json, csv). */
    private static final Map<String, List<BatchFormat>> FORMATS = Map.of(
            "oom", List.of(BatchFormat.TEXT, BatchFormat.JSON),
            "snapshot", List.of(BatchFormat.TEXT, BatchFormat.JSON),
            "diff", List.of(BatchFormat.TEXT, BatchFormat.JSON),
            "kmemleak", List.of(BatchFormat.TEXT, BatchFormat.JSON));

    /** Narrows every subcommand of {@code root} to what it accepts. */
    static void narrow(CommandLine root) {
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            narrow(e.getValue().getCommandSpec(), e.getKey());
        }
    }

    private static void narrow(CommandSpec spec, String name) {
        Set<String> out = NOT_ACCEPTED.getOrDefault(name, Set.of());
        List<BatchFormat> formats = FORMATS.get(name);
        List<OptionSpec> kept = new ArrayList<>();
        Set<String> removed = new java.util.HashSet<>();
        for (OptionSpec o : List.copyOf(spec.options())) {
            spec.remove(o);
            if (out.contains(o.longestName())) {
                removed.add(o.longestName());
                continue;
            }
            kept.add(formats != null && o.longestName().equals("--format") ? format(o, formats) : o);
        }
        // a name in the table that the command never had is a typo that would take nothing out
        if (!removed.equals(out)) throw new IllegalStateException(name + ": no options " + out + " to take out");
        // removed and added back in order, so the help keeps the options where they were
        for (OptionSpec o : kept) spec.addOption(o);
    }

    private static OptionSpec format(OptionSpec o, List<BatchFormat> formats) {
        List<String> words = formats.stream().map(BatchFormat::toString).toList();
        return o.toBuilder()
                .completionCandidates(words)
                .converters(new OutputOptions.FormatConverter(formats))
                .description("Output format: ${COMPLETION-CANDIDATES} (default text).")
                .build();
    }

    /**
     * An option given before the subcommand that the subcommand does not accept is a usage
     * error, as it is after it: {@code kleaktop --read-only oom} would otherwise be taken and
     * ignored. Throws picocli's parameter exception, so it reads like any other.
     */
    static void check(ParseResult parsed) {
        ParseResult sub = parsed.subcommand();
        if (sub == null) return;
        String name = sub.commandSpec().name();
        Set<String> out = NOT_ACCEPTED.getOrDefault(name, Set.of());
        for (OptionSpec o : parsed.matchedOptions()) {
            if (out.contains(o.longestName())) {
                throw new CommandLine.ParameterException(sub.commandSpec().commandLine(),
                        o.longestName() + " does not apply");
            }
        }
        List<BatchFormat> formats = FORMATS.get(name);
        OptionSpec format = parsed.matchedOption("--format");
        if (formats != null && format != null && !formats.contains((BatchFormat) format.getValue())) {
            throw new CommandLine.ParameterException(sub.commandSpec().commandLine(),
                    "--format " + format.getValue() + ": only " + String.join(" or ",
                            formats.stream().map(BatchFormat::toString).toList()));
        }
    }
}
