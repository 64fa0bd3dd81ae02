package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code --help} of every command is complete and fits 80 columns; {@code -V} prints the build's version. */
class UsageHelpTest {
    record Run(int code, String out, String err) {}

    static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    /** Every command as the words that select it: [], [oom], [kmemleak], ... */
    static List<List<String>> commandPaths() {
        List<List<String>> out = new ArrayList<>();
        collect(Main.commandLine().getCommandSpec(), new ArrayList<>(), out);
        return out;
    }

    private static void collect(CommandSpec spec, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        for (CommandSpec sub : Completions.subcommands(spec)) {
            List<String> p = new ArrayList<>(path);
            p.add(sub.name());
            collect(sub, p, out);
        }
    }

    private static CommandSpec spec(List<String> path) {
        CommandSpec s = Main.commandLine().getCommandSpec();
        for (String name : path) s = s.subcommands().get(name).getCommandSpec();
        return s;
    }

    @Test
    void helpOfEveryCommandListsEveryOptionAndArgumentWithin80Columns() {
        List<List<String>> paths = commandPaths();
        assertThat(paths).hasSizeGreaterThanOrEqualTo(4);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Run r = run(args);
            String what = "kleaktop " + String.join(" ", args);
            assertThat(r.code()).as(what).isZero();
            assertThat(r.err()).as(what).isEmpty();
            for (String line : r.out().lines().toList()) {
                assertThat(line.codePointCount(0, line.length())).as(what + ": line wider than 80 columns: " + line)
                        .isLessThanOrEqualTo(80);
            }
            CommandSpec spec = spec(path);
            for (OptionSpec o : spec.options()) {
                if (o.hidden()) continue;
                for (String name : o.names()) {
                    assertThat(r.out()).as(what + " lists " + name).containsPattern("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])");
                }
            }
            for (PositionalParamSpec p : spec.positionalParameters()) {
                if (!p.hidden()) assertThat(r.out()).as(what + " names its argument").contains(p.paramLabel());
            }
            for (CommandSpec sub : Completions.subcommands(spec)) {
                assertThat(r.out()).as(what + " lists the command " + sub.name()).containsPattern("(?m)^  " + sub.name() + " ");
            }
        }
    }

    @Test
    void theCommandListGivesEachCommandACompleteSentence() {
        Run r = run(List.of("--help"));
        String out = r.out();
        int start = out.indexOf("Commands:\n");
        assertThat(start).as("kleaktop --help has a Commands: section").isPositive();
        String list = out.substring(start + "Commands:\n".length());
        list = list.substring(0, list.indexOf("\n\n") < 0 ? list.length() : list.indexOf("\n\n"));
        // "  name  summary" then continuation lines indented deeper
        Matcher m = Pattern.compile("(?m)^  (\\S+) +(.*(?:\\n {4,}.*)*)").matcher(list);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
            String summary = m.group(2).replaceAll("\\s+", " ").trim();
            assertThat(summary).as("summary of %s in kleaktop --help (give the command a header sentence)", m.group(1))
                    .endsWith(".");
        }
        List<String> expected = new ArrayList<>();
        for (CommandSpec s : Completions.subcommands(Main.commandLine().getCommandSpec())) expected.add(s.name());
        assertThat(names).containsExactlyElementsOf(expected);
    }

    @Test
    void rootHelpHasOneUsageHeading() {
        assertThat(run(List.of("--help")).out()).startsWith("Usage: kleaktop ").doesNotContain("Usage: Usage:");
    }

    @Test
    void versionIsTheOneInPomXml() throws IOException {
        Matcher m = Pattern.compile("(?m)^  <version>([^<]+)</version>").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).as("pom.xml has the project's <version>").isTrue();
        String expected = "kleaktop " + m.group(1) + "\n";
        for (List<String> path : commandPaths()) {
            for (String flag : List.of("-V", "--version")) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                Run r = run(args);
                assertThat(r.code()).as(String.join(" ", args)).isZero();
                assertThat(r.out().replace("\r\n", "\n")).as("kleaktop " + String.join(" ", args)).isEqualTo(expected);
            }
        }
    }
}
