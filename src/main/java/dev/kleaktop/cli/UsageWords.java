package dev.kleaktop.cli;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli's parse errors in kleaktop's words: {@code kleaktop: WHAT: WHY (see kleaktop SUB --help)},
 * with WHAT the option as {@code -d/--delay} or the subcommand, and WHY said plainly
 * ({@code 'abc' is not a number}, not {@code 'abc' is not a double}; {@code unexpected argument
 * 'abc'}, not {@code Unmatched argument at index 1}).
 */
final class UsageWords {
    private UsageWords() {}

    /** The whole line, without {@code kleaktop: }. */
    static String of(CommandLine.ParameterException ex) {
        CommandLine where = ex.getCommandLine();
        String command = where.getCommandSpec().qualifiedName(" ");
        String sub = command.startsWith("kleaktop ") ? command.substring("kleaktop ".length()) : "";
        return what(ex, sub) + " (see " + command + " --help)";
    }

    private static String what(CommandLine.ParameterException ex, String sub) {
        String prefix = sub.isEmpty() ? "" : sub + ": ";
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> unmatched = u.getUnmatched();
            String first = unmatched.isEmpty() ? "" : unmatched.get(0);
            if (first.startsWith("-")) return prefix + "unknown option '" + first + "'";
            return prefix + "unexpected argument '" + first + "'";
        }
        if (ex instanceof CommandLine.MissingParameterException m) {
            List<ArgSpec> missing = m.getMissing();
            if (missing != null && !missing.isEmpty()) {
                ArgSpec a = missing.get(0);
                if (a instanceof OptionSpec o) return prefix + names(o) + ": needs a value (" + o.paramLabel() + ")";
                if (a instanceof PositionalParamSpec p) {
                    return prefix + missing.stream().map(x -> label(x)).collect(Collectors.joining(" and "))
                            + (missing.size() > 1 ? " are" : " is") + " missing";
                }
            }
        }
        ArgSpec arg = ex.getArgSpec();
        String message = oneLine(ex.getMessage());
        if (arg instanceof OptionSpec o && ex.getValue() != null && message.startsWith("Invalid value for option")) {
            Class<?> type = o.type();
            boolean number = type == Double.class || type == double.class || type == Integer.class || type == int.class
                    || type == Long.class || type == long.class;
            String kind = type == Integer.class || type == int.class || type == Long.class || type == long.class
                    ? "a whole number" : "a number";
            if (type.isEnum()) {
                // the values this command takes: its completions where it narrows them (Accepted)
                String values = o.completionCandidates() != null
                        ? String.join(", ", (Iterable<String>) o.completionCandidates())
                        : java.util.Arrays.stream(type.getEnumConstants())
                                .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "));
                return prefix + names(o) + ": '" + ex.getValue() + "' is not one of " + values;
            }
            return prefix + names(o) + ": '" + ex.getValue() + "' is not " + (number ? kind : "a valid " + o.paramLabel());
        }
        return prefix + lowerFirst(message);
    }

    /** {@code -d/--delay}: the names as the man page lists them, short first. */
    static String names(OptionSpec o) {
        return String.join("/", o.names());
    }

    private static String label(ArgSpec a) {
        return a instanceof PositionalParamSpec p ? p.paramLabel().replaceAll("[<>]", "") : a.toString();
    }

    private static String lowerFirst(String s) {
        if (s.isEmpty() || s.length() > 1 && Character.isUpperCase(s.charAt(1))) return s;
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** The first line of a message, trimmed ({@code error} for none): kleaktop says one line. */
    static String oneLine(String s) {
        if (s == null) return "error";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
