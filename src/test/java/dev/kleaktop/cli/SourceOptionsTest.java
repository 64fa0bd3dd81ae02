package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One file layer per session: every reader of a command's sources goes through the same one. */
class SourceOptionsTest {
    @TempDir
    Path dir;

    @Test
    void aSessionHasOneKernelFs() {
        SourceOptions live = new SourceOptions();
        assertThat(live.fs()).isSameAs(live.fs());
        SourceOptions rooted = new SourceOptions();
        rooted.root = dir;
        assertThat(rooted.fs()).isSameAs(rooted.fs());
        assertThat(rooted.fs().display("proc/slabinfo")).startsWith(dir.toString());
    }

    @Test
    void aRootThatIsNotADirectoryIsAUsageErrorEveryTime() throws Exception {
        SourceOptions o = new SourceOptions();
        o.root = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(o::fs).isInstanceOf(UsageError.class).hasMessageContaining("not a directory");
        assertThatThrownBy(o::fs).isInstanceOf(UsageError.class);
    }
}
