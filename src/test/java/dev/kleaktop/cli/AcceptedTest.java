package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.testing.CliRun;
import dev.kleaktop.testing.Corpus;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each subcommand's help, parser and completions offer only what it uses: options it would
 * ignore are unknown to it, given after it or before it, and --format lists the formats it
 * writes.
 */
class AcceptedTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "oom|--root --dmesg-file --format --debug|--kmemleak-file --read-only --no-color csv",
        "snapshot|--output --force --root --dmesg-file --kmemleak-file --snapshot-dir --allow-unsafe-dir --format --debug|--read-only --no-color csv",
        "diff|--top --filter --root --dmesg-file --kmemleak-file --snapshot-dir --format --debug|--read-only --no-color csv",
        "kmemleak|--file --root --kmemleak-file --read-only --format --debug|--dmesg-file --no-color csv",
        "export|--listen --textfile --top --delay --iterations --sort --filter --window --root --allow-unsafe-dir --debug|--format --dmesg-file --kmemleak-file --read-only --no-color",
    })
    void helpListsOnlyWhatTheCommandAccepts(String sub, String accepted, String refused) {
        CliRun r = CliRun.of(sub, "--help");
        assertThat(r.code()).isZero();
        for (String o : accepted.split(" ")) assertThat(r.out()).as("%s --help", sub).contains(o);
        for (String o : refused.split(" ")) assertThat(r.out()).as("%s --help", sub).doesNotContain(o);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "oom --read-only|kleaktop: oom: unknown option '--read-only' (see kleaktop oom --help)",
        "--read-only oom|kleaktop: oom: --read-only does not apply (see kleaktop oom --help)",
        "--kmemleak-file k.txt oom|kleaktop: oom: --kmemleak-file does not apply (see kleaktop oom --help)",
        "--no-color snapshot|kleaktop: snapshot: --no-color does not apply (see kleaktop snapshot --help)",
        "--dmesg-file d.txt kmemleak|kleaktop: kmemleak: --dmesg-file does not apply (see kleaktop kmemleak --help)",
        "export --format text|kleaktop: export: unknown option '--format' (see kleaktop export --help)",
        "--format text export|kleaktop: export: --format does not apply (see kleaktop export --help)",
        "oom --format csv|kleaktop: oom: --format: 'csv' is not one of text, json (see kleaktop oom --help)",
        "--format csv diff a b|kleaktop: diff: --format csv: only text or json (see kleaktop diff --help)",
        "--format csv kmemleak|kleaktop: kmemleak: --format csv: only text or json (see kleaktop kmemleak --help)",
    })
    void whatACommandDoesNotTakeIsAUsageErrorBeforeOrAfterIt(String args, String line) {
        CliRun r = CliRun.of(args.split(" "));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(line + "\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"--format json oom --dmesg-file", "oom --format json --dmesg-file"})
    void aFormatTheCommandWritesWorksBeforeOrAfterIt(String args) {
        List<String> line = new java.util.ArrayList<>(List.of(args.split(" ")));
        line.add(Corpus.path("oom/cadvisor-systemOomExampleLog-global-3.13.log").toString());
        CliRun r = CliRun.of(line.toArray(String[]::new));
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("{\"events\":[");
    }
}
