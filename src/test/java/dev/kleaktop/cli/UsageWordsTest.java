package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.testing.CliRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parse errors read {@code kleaktop: what: why} and point to the help of the command they are about. */
class UsageWordsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-b -d abc|kleaktop: -d/--delay: 'abc' is not a number (see kleaktop --help)",
        "-b -w x|kleaktop: -w/--window: 'x' is not a number (see kleaktop --help)",
        "-b -n x|kleaktop: -n/--iterations: 'x' is not a whole number (see kleaktop --help)",
        "-b --format xml|kleaktop: --format: 'xml' is not one of text, json, csv (see kleaktop --help)",
        "oom abc|kleaktop: oom: unexpected argument 'abc' (see kleaktop oom --help)",
        "oom --bogus|kleaktop: oom: unknown option '--bogus' (see kleaktop oom --help)",
        "--bogus|kleaktop: unknown option '--bogus' (see kleaktop --help)",
        "diff|kleaktop: diff: OLD is missing (see kleaktop diff --help)",
        "--root|kleaktop: --root: needs a value (DIR) (see kleaktop --help)",
        "snapshot -o|kleaktop: snapshot: -o/--output: needs a value (FILE) (see kleaktop snapshot --help)",
        "kmemleak report --file a.txt --kmemleak-file b.txt|kleaktop: kmemleak: --file a.txt and --kmemleak-file b.txt name different reports (give one)",
        "--kmemleak-file b.txt kmemleak --file a.txt|kleaktop: kmemleak: --file a.txt and --kmemleak-file b.txt name different reports (give one)",
    })
    void parseErrorsInKleaktopsWords(String args, String line) {
        CliRun r = CliRun.of(args.split(" "));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(line + "\n");
    }
}
