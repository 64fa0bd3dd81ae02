package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kleaktop.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The committed completion scripts are what the code generates (so they cannot drift from
 * the options and subcommands), they are valid bash, zsh and fish, and bash and fish
 * actually complete subcommands, sort keys, formats, kmemleak actions and directories.
 */
class CompletionsTest {
    static final Path DIR = Path.of("completions");

    @TempDir
    Path tmp;

    @Test
    void committedScriptsAreWhatTheCodeGenerates() throws IOException {
        Map<String, String> generated = Completions.all();
        assertThat(generated.keySet()).containsExactly("kleaktop.bash", "_kleaktop", "kleaktop.fish");
        for (Map.Entry<String, String> e : generated.entrySet()) {
            Path file = DIR.resolve(e.getKey());
            assertThat(file).as("%s is missing: run bin/gen-completions", file).exists();
            assertThat(Files.readString(file, StandardCharsets.UTF_8))
                    .as("%s differs from what the command definitions generate: run bin/gen-completions and commit it", file)
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void theGeneratorIsBuildTimeCodeNotPartOfTheJar() throws IOException {
        Path jar = Path.of("target/kleaktop.jar");
        assumeTrue(Files.isRegularFile(jar), "target/kleaktop.jar is not built (mvn -B -DskipTests package)");
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(jar.toFile())) {
            assertThat(z.getEntry("dev/kleaktop/cli/Main.class")).isNotNull();
            assertThat(z.getEntry("dev/kleaktop/cli/Completions.class")).isNull();
        }
    }

    @Test
    void generationIsReproducible() {
        assertThat(Completions.all()).isEqualTo(Completions.all());
    }

    @Test
    void everyScriptNamesEveryOptionSubcommandSortKeyFormatAndAction() {
        Map<String, String> scripts = Completions.all();
        CommandSpec root = Main.commandLine().getCommandSpec();
        Set<String> longOptions = new TreeSet<>();
        Set<String> commands = new TreeSet<>();
        collect(root, longOptions, commands);
        assertThat(commands).contains("oom", "kmemleak", "export");
        for (Map.Entry<String, String> e : scripts.entrySet()) {
            String s = e.getValue();
            boolean fish = e.getKey().endsWith(".fish");
            for (String o : longOptions) {
                assertThat(s).as("%s completes %s", e.getKey(), o).contains(fish ? "-l " + o.substring(2) + " " : o);
            }
            for (String c : commands) assertThat(s).as("%s completes the command %s", e.getKey(), c).contains(c);
            for (String word : List.of("growth", "objsize", "slabs", "json", "csv", "report", "scan", "clear")) {
                assertThat(s).as("%s offers %s", e.getKey(), word).contains(word);
            }
        }
    }

    private static void collect(CommandSpec spec, Set<String> longOptions, Set<String> commands) {
        for (OptionSpec o : spec.options()) {
            if (!o.hidden() && o.longestName().startsWith("--")) longOptions.add(o.longestName());
        }
        for (CommandSpec sub : Completions.subcommands(spec)) {
            commands.add(sub.name());
            collect(sub, longOptions, commands);
        }
    }

    // ------------------------------------------------------------------ syntax

    @Test
    void bashScriptIsValidBash() {
        assertSyntax("bash", DIR.resolve("kleaktop.bash"));
    }

    @Test
    void zshScriptIsValidZsh() {
        assertSyntax("zsh", DIR.resolve("_kleaktop"));
    }

    @Test
    void fishScriptIsValidFish() {
        assertSyntax("fish", DIR.resolve("kleaktop.fish"));
    }

    private static void assertSyntax(String shell, Path script) {
        Optional<Path> sh = Tools.find(shell);
        assumeTrue(sh.isPresent(), shell + " is not installed");
        Tools.Result r = Tools.run(List.of(sh.get().toString(), "-n", script.toString()), null, null,
                java.time.Duration.ofSeconds(30));
        assertThat(r.output()).as("%s -n %s", shell, script).isEmpty();
        assertThat(r.code()).as("%s -n %s", shell, script).isZero();
    }

    // ------------------------------------------------------------------ bash, for real

    /** Shell lines run before the completion script is sourced (an environment to complete in). */
    private String prelude = "";

    /** What the bash completion offers for {@code line} (the cursor at its end). */
    private List<String> bashComplete(String line) throws IOException {
        Optional<Path> bash = Tools.find("bash");
        assumeTrue(bash.isPresent(), "bash is not installed");
        List<String> words = new ArrayList<>(List.of(line.split(" +")));
        if (line.endsWith(" ")) words.add("");
        StringBuilder w = new StringBuilder("COMP_WORDS=(");
        for (String word : words) w.append("'").append(word.replace("'", "'\\''")).append("' ");
        w.append(")");
        String script = prelude + "source " + DIR.toAbsolutePath() + "/kleaktop.bash\n"
                + w + "\n"
                + "COMP_CWORD=" + (words.size() - 1) + "\n"
                + "COMP_LINE='" + line.replace("'", "'\\''") + "'\n"
                + "COMP_POINT=${#COMP_LINE}\n"
                + "_complete_kleaktop kleaktop \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\" 2>/dev/null\n"
                + "printf 'OFFER %s\\n' \"${COMPREPLY[@]}\"\n";
        Path file = tmp.resolve("complete.sh");
        Files.writeString(file, script);
        Tools.Result r = Tools.run(List.of(bash.get().toString(), "--norc", "--noprofile", file.toString()), tmp, null,
                java.time.Duration.ofSeconds(30));
        assertThat(r.code()).as(r.output()).isZero();
        List<String> out = new ArrayList<>();
        for (String l : r.output().lines().toList()) {
            if (l.startsWith("OFFER ") && l.length() > 6) out.add(l.substring(6).trim());
        }
        return out;
    }

    @Test
    void bashOffersTheSubcommandsAfterKleaktop() throws IOException {
        List<String> expected = new ArrayList<>();
        for (CommandSpec s : Completions.subcommands(Main.commandLine().getCommandSpec())) expected.add(s.name());
        assertThat(bashComplete("kleaktop ")).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void bashCompletesASubcommandFromItsPrefix() throws IOException {
        for (CommandSpec s : Completions.subcommands(Main.commandLine().getCommandSpec())) {
            String prefix = s.name().substring(0, Math.min(4, s.name().length()));
            assertThat(bashComplete("kleaktop " + prefix)).as("kleaktop %s<TAB>", prefix).contains(s.name())
                    .allSatisfy(w -> assertThat(w).startsWith(prefix));
        }
        assertThat(bashComplete("kleaktop km")).containsExactly("kmemleak");
        assertThat(bashComplete("kleaktop snap")).containsExactly("snapshot");
        assertThat(bashComplete("kleaktop --root /tmp snap")).as("after a shared option").containsExactly("snapshot");
    }

    @Test
    void bashOffersSortKeysFormatsAndKmemleakActions() throws IOException {
        assertThat(bashComplete("kleaktop --sort g")).containsExactly("growth");
        assertThat(bashComplete("kleaktop -b -s obj")).containsExactlyInAnyOrder("objs", "objsize");
        assertThat(bashComplete("kleaktop -b --format ")).containsExactlyInAnyOrder("text", "json", "csv");
        assertThat(bashComplete("kleaktop kmemleak ")).contains("report", "scan", "clear");
        assertThat(bashComplete("kleaktop oom --dm")).containsExactly("--dmesg-file");
        // each subcommand offers the formats it writes, and not the options it does not take
        for (String sub : List.of("oom", "snapshot", "diff", "kmemleak")) {
            assertThat(bashComplete("kleaktop " + sub + " --format ")).as(sub).containsExactlyInAnyOrder("text", "json");
        }
        assertThat(bashComplete("kleaktop export --f")).containsExactly("--filter");
        assertThat(bashComplete("kleaktop oom --r")).containsExactly("--root");
        assertThat(bashComplete("kleaktop kmemleak --r")).containsExactlyInAnyOrder("--root", "--read-only");
    }

    @Test
    void bashCompletesDirectoriesForRootAndFilesForDmesgFile() throws IOException {
        Files.createDirectories(tmp.resolve("captured-tree"));
        Files.writeString(tmp.resolve("captured.log"), "x\n");
        assertThat(bashComplete("kleaktop --root capt")).containsExactly("captured-tree");
        assertThat(bashComplete("kleaktop oom --dmesg-file capt")).containsExactlyInAnyOrder("captured-tree", "captured.log");
    }

    @Test
    void bashOffersTheSnapshotDirectorysFilesToDiffAndRegistersForKleaktopOnly() throws IOException {
        Path state = Files.createDirectories(tmp.resolve("state/kleaktop"));
        Files.writeString(state.resolve("kleaktop-20261126T015902Z-vm.json"), "{}\n");
        Files.writeString(state.resolve("notes.txt"), "x\n");
        Files.writeString(tmp.resolve("kleaktop-local.json"), "{}\n");
        prelude = "export XDG_STATE_HOME='" + tmp.resolve("state") + "'\n";
        assertThat(bashComplete("kleaktop diff kleaktop-"))
                .containsExactlyInAnyOrder("kleaktop-20261126T015902Z-vm.json", "kleaktop-local.json");
        assertThat(bashComplete("kleaktop diff kleaktop-20261126T015902Z-vm.json kleaktop-2"))
                .containsExactly("kleaktop-20261126T015902Z-vm.json");
        // --snapshot-dir on the line wins over the environment
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("kleaktop-20270101T000000Z-box.json"), "{}\n");
        assertThat(bashComplete("kleaktop diff --snapshot-dir " + other + " kleaktop-2"))
                .containsExactly("kleaktop-20270101T000000Z-box.json");
        prelude = "";
        String script = Files.readString(DIR.resolve("kleaktop.bash"));
        assertThat(script.lines().filter(l -> l.startsWith("complete ")).toList())
                .containsExactly("complete -F _complete_kleaktop -o default kleaktop");
    }

    // ------------------------------------------------------------------ fish, for real

    @Test
    void fishOffersTheSubcommandsAndTheKmemleakActions() {
        Optional<Path> fish = Tools.find("fish");
        assumeTrue(fish.isPresent(), "fish is not installed");
        String script = "source " + DIR.toAbsolutePath().resolve("kleaktop.fish") + "\n"
                + "for w in (complete -C 'kleaktop '); echo \"OFFER $w\"; end\n"
                + "for w in (complete -C 'kleaktop kmemleak '); echo \"KM $w\"; end\n"
                + "for w in (complete -C 'kleaktop --format '); echo \"FMT $w\"; end\n";
        Tools.Result r = Tools.run(List.of(fish.get().toString(), "--no-config", "-c", script), tmp, null,
                java.time.Duration.ofSeconds(30));
        assertThat(r.code()).as(r.output()).isZero();
        List<String> offers = words(r.output(), "OFFER ");
        List<String> expected = new ArrayList<>();
        for (CommandSpec s : Completions.subcommands(Main.commandLine().getCommandSpec())) expected.add(s.name());
        assertThat(offers).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(words(r.output(), "KM ")).contains("report", "scan", "clear");
        assertThat(words(r.output(), "FMT ")).containsExactlyInAnyOrder("text", "json", "csv");
    }

    private static List<String> words(String output, String tag) {
        List<String> out = new ArrayList<>();
        for (String l : output.lines().toList()) {
            if (l.startsWith(tag)) out.add(l.substring(tag.length()).split("\t")[0]);
        }
        return out;
    }
}
