package dev.kleaktop.cli;

import dev.kleaktop.view.batch.BatchFormat;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How output looks: the format, colour, debugging. */
public final class OutputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--format", paramLabel = "FMT", completionCandidates = FormatCandidates.class,
            converter = FormatConverter.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (default text; json is one object per line in batch mode).")
    BatchFormat format;

    @Option(names = "--no-color", description = "No colours on the screen (also when NO_COLOR is set).")
    Boolean noColor;

    @Option(names = "--debug", description = "Print stack traces with errors.")
    Boolean debug;

    private OutputOptions parent() { return Inherit.parentMixin(mixee, OutputOptions.class); }

    BatchFormat format() {
        if (format != null) return format;
        OutputOptions p = parent();
        return p == null ? BatchFormat.TEXT : p.format();
    }

    boolean noColor() {
        if (noColor != null) return noColor;
        OutputOptions p = parent();
        if (p != null) return p.noColor();
        String env = System.getenv("NO_COLOR");
        return env != null && !env.isEmpty();
    }

    boolean debug() {
        if (debug != null) return debug;
        OutputOptions p = parent();
        return p != null && p.debug();
    }

    /** The formats of --format, in the order they are offered. */
    static final class FormatCandidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() { return java.util.Arrays.stream(BatchFormat.values()).map(BatchFormat::toString).iterator(); }
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<BatchFormat> {
        private final List<BatchFormat> accepted;

        /** Every format (picocli makes the option's converter with this one). */
        FormatConverter() { this(List.of(BatchFormat.values())); }

        /** Only {@code accepted}: a subcommand that writes fewer formats ({@link Accepted}). */
        FormatConverter(List<BatchFormat> accepted) { this.accepted = List.copyOf(accepted); }

        @Override
        public BatchFormat convert(String value) {
            for (BatchFormat f : accepted) {
                if (f.toString().equalsIgnoreCase(value)) return f;
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a format ("
                    + String.join(", ", accepted.stream().map(BatchFormat::toString).toList()) + ")");
        }
    }
}
