package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kleaktop.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/kleaktop in a source checkout: when it builds, the terminal sees no escape sequences
 * from Maven; and whenever the native library or the class-data-sharing archive is missing
 * or older than the jar (after a plain {@code mvn package}), it makes them. The checkout is
 * a copy in a temporary directory and "Maven" a stand-in that writes what Maven 3.8 writes
 * in batch mode (colour resets) and puts the real jar in place, so no real build runs.
 */
class LauncherBuildTest {
    static final Path JAR = Path.of("target/kleaktop.jar").toAbsolutePath();
    static final Path SRC = Path.of("").toAbsolutePath();

    @TempDir
    Path tmp;
    Path checkout;
    Path fakeBin;

    @BeforeEach
    void checkout() throws IOException {
        assumeTrue(Files.isRegularFile(JAR), "target/kleaktop.jar is missing: run 'mvn -DskipTests package' before the tests");
        assumeTrue(Tools.find("sh").isPresent(), "no sh");
        assumeTrue(InstallTest.canExtractNative(), "neither unzip nor the JDK's jar tool: no native library to extract");
        checkout = tmp.resolve("checkout");
        Files.createDirectories(checkout.resolve("bin"));
        for (String s : List.of("kleaktop", "make-cds", "extract-native")) {
            Files.copy(SRC.resolve("bin/" + s), checkout.resolve("bin/" + s), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.copy(SRC.resolve("pom.xml"), checkout.resolve("pom.xml"));
        Path source = checkout.resolve("src/main/java/Placeholder.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Placeholder {}\n");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().minusSeconds(3600)));
        Files.setLastModifiedTime(checkout.resolve("pom.xml"), FileTime.from(Instant.now().minusSeconds(3600)));
        fakeBin = Files.createDirectories(tmp.resolve("fake-bin"));
    }

    /** A stand-in for mvn: Maven 3.8's colour resets on both streams, then the jar, or a failure. */
    void fakeMaven(boolean fail) throws IOException {
        Path mvn = fakeBin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\n"
                + "printf '\\033[0m\\033[0m'\n"
                + "printf '\\033[0m\\033[1;31m[ERROR]\\033[m something broke\\n' >&2\n"
                + (fail ? "exit 1\n" : "mkdir -p target && cp '" + JAR + "' target/kleaktop.jar\n"));
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    record Run(int code, String out, String err) {}

    Run launch(String... args) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        List<String> cmd = new java.util.ArrayList<>(List.of(checkout.resolve("bin/kleaktop").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = pb.environment();
        env.remove("KLEAKTOP_JAR");
        env.remove("KLEAKTOP_JAVA_OPTS");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("TMPDIR", tmp.toString());
        env.put("PATH", fakeBin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not finish in 180 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void aBuildShowsNoEscapeSequencesAndLeavesTheNativeLibraryAndTheArchive() throws Exception {
        fakeMaven(false);
        Run r = launch("--version");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("kleaktop " + VersionProvider.version() + "\n");
        assertThat(r.err()).contains("kleaktop: building ").doesNotContain("\u001b").doesNotContain("[0m");
        Path target = checkout.resolve("target");
        assertThat(target.resolve("native/Linux/x86_64/libjlinenative.so")).isRegularFile();
        assertThat(target.resolve("kleaktop.jsa")).as(r.err()).isRegularFile();
    }

    @Test
    void aFailedBuildShowsMavensWordsWithoutEscapeSequences() throws Exception {
        fakeMaven(true);
        Run r = launch("--version");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("[ERROR] something broke", "kleaktop: build failed").doesNotContain("\u001b");
    }

    @Test
    void afterAPlainMavenPackageTheLauncherMakesWhatIsMissingOrOlderThanTheJar() throws Exception {
        fakeMaven(true); // must not be called: the jar is newer than the sources
        Path target = Files.createDirectories(checkout.resolve("target"));
        Files.copy(JAR, target.resolve("kleaktop.jar"));
        // a stale archive and library of an earlier build
        Files.writeString(target.resolve("kleaktop.jsa"), "old");
        Files.createDirectories(target.resolve("native/Linux/x86_64"));
        Files.writeString(target.resolve("native/Linux/x86_64/libjlinenative.so"), "old");
        FileTime old = FileTime.from(Instant.now().minusSeconds(600));
        Files.setLastModifiedTime(target.resolve("kleaktop.jsa"), old);
        Files.setLastModifiedTime(target.resolve("native/Linux"), old);

        Run r = launch("--version");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("kleaktop " + VersionProvider.version() + "\n");
        assertThat(r.err()).doesNotContain("building");
        assertThat(Files.size(target.resolve("native/Linux/x86_64/libjlinenative.so"))).isGreaterThan(1000);
        assertThat(Files.size(target.resolve("kleaktop.jsa"))).as(r.err()).isGreaterThan(1000);

        // the next start finds both up to date: nothing more is made, nothing printed
        Run again = launch("--version");
        assertThat(again.err()).isEmpty();
    }
}
