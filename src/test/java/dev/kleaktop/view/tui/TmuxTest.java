package dev.kleaktop.view.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.jr.ob.JSON;
import com.googlecode.lanterna.terminal.Terminal;
import dev.kleaktop.cli.Main;
import dev.kleaktop.testing.Trees;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The real program in a real terminal: tmux runs it on a pseudo-terminal, keys go in with
 * send-keys and the screen comes back with capture-pane. Three runs end it three ways (q,
 * Ctrl-C, SIGTERM); after each the tty settings must be exactly as before. It reads the
 * lab's captured tree, so it needs tmux but not root; the S and D run reads the live kernel.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TmuxTest {
    @TempDir
    Path dir;
    String socket;

    @Test
    void startFilterSortHelpResizeAndQuitThreeWays() throws Exception {
        assumeTrue(tmuxWorks(), "tmux is not installed (.ci/run installs it): the real-terminal test is skipped");
        Path tree = dir.resolve("tree");
        Trees.labFinal(tree);
        Path work = dir.resolve("work");
        Files.createDirectories(work);
        // The terminal's settings change in-process with JLine's native library, copied into a
        // private directory under java.io.tmpdir (here one of the test's) and deleted once loaded;
        // the fourth run has no usable temporary directory (nor a runtime directory), so it falls
        // back to stty processes.
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String cmdFor = "'" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1 " + dev.kleaktop.testing.ChildJvm.ADD_OPENS + " -Djava.io.tmpdir=%s -cp '" + classpath() + "' "
                + Main.class.getName() + " --root '" + tree + "' -d 1";
        String cmd = String.format(cmdFor, "'" + tmp + "'");
        String sttyCmd = "env -u XDG_RUNTIME_DIR " + String.format(cmdFor, "'" + dir.resolve("no-such-dir") + "'");
        String script = String.join("\n",
                "cd '" + work + "'",
                "export LANG=C.UTF-8 TERM=xterm-256color",
                "unset NO_COLOR LC_ALL LC_CTYPE",
                "stty -g > before; stty -a > before.a",
                cmd + "; echo \"EXIT1=$?\"; stty -g > after1; stty -a > after1.a",
                // each next run waits for the test to have read the last one's exit status
                "until [ -e go2 ]; do sleep 0.05; done; echo START2; " + cmd + "; echo \"EXIT2=$?\"; stty -g > after2; stty -a > after2.a",
                "until [ -e go3 ]; do sleep 0.05; done; echo START3; sh -c 'echo $$ > pid3; exec " + cmd.replace("'", "'\\''") + "'; echo \"EXIT3=$?\"; stty -g > after3; stty -a > after3.a",
                "until [ -e go4 ]; do sleep 0.05; done; echo START4; sh -c 'echo $$ > pid4; exec " + sttyCmd.replace("'", "'\\''") + "'; echo \"EXIT4=$?\"; stty -g > after4; stty -a > after4.a",
                "stty -a > after.txt",
                "echo ALLDONE",
                "exec sleep 120",
                "");
        Files.writeString(work.resolve("run.sh"), script, StandardCharsets.UTF_8);
        // A private server on a socket inside the test's directory: no other tmux is touched and nothing is left behind.
        socket = dir.resolve("tmux.sock").toString();
        try {
            tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "160", "-y", "45", "sh " + work.resolve("run.sh"));

            // 1: start, filter, sort, help, resize, quit with q
            String s = await("the screen", x -> x.contains("kleaktop  host kmemlab") && x.contains("RATE▼") && x.contains("q quit"));
            assertThat(s).contains(" NAME ").contains("Δ START").contains("9p-fcall-cache-1");
            // the side pane, with the reasons a captured tree has no kmemleak and no kernel log
            assertThat(s).contains("│ KMEMLEAK").contains("│   not in the captured tree").contains("│ OOM")
                    .contains("kmemleak -  OOM 0");
            keys("/", "kleak");
            await("the filter input", x -> lastLine(x).startsWith("filter (regex; Enter applies, Esc clears): kleak"));
            keys("Enter");
            s = await("the filtered table", x -> x.contains("/kleak/ 1/1 of"));
            assertThat(tableRows(s)).hasSize(1).allMatch(r -> r.startsWith(" kleak_slab_obj "));
            keys("/", "Escape");
            s = await("the filter cleared", x -> x.contains("filter cleared"));
            assertThat(tableRows(s).size()).isGreaterThan(30);
            keys("c");
            s = await("sorted by size", x -> x.contains("SIZE▼"));
            assertThat(s).doesNotContain("RATE▼");
            keys("?");
            s = await("help", x -> x.contains("kleaktop help") && x.contains("Keys"));
            assertThat(s).contains("sort by cache size (SIZE)");
            keys("Escape");
            await("back from help", x -> x.contains("SIZE▼") && !x.contains("kleaktop help"));
            tmux("resize-window", "-t", "t", "-x", "30", "-y", "8");
            await("terminal too small", x -> x.startsWith("terminal too small") && x.contains("30x8, needs 40x10"));
            tmux("resize-window", "-t", "t", "-x", "160", "-y", "45");
            await("the table again", x -> x.contains("SIZE▼") && x.contains("kleaktop  host kmemlab"));
            keys("q");
            s = await("exit after q", x -> x.contains("EXIT1="));
            assertThat(s).contains("EXIT1=0");
            assertThat(s).doesNotContain("kleak_slab_obj"); // the alternate screen is gone
            Files.createFile(work.resolve("go2"));

            // 2: Ctrl-C quits cleanly
            await("the second screen", x -> x.contains("kleaktop  host kmemlab") && x.contains("RATE▼"));
            keys("C-c");
            s = await("exit after Ctrl-C", x -> x.contains("EXIT2="));
            assertThat(s).contains("EXIT2=0");
            Files.createFile(work.resolve("go3"));

            // 3: SIGTERM restores the terminal through the shutdown hook
            await("the third screen", x -> x.contains("kleaktop  host kmemlab") && x.contains("RATE▼"));
            long pid = Long.parseLong(Files.readString(work.resolve("pid3")).trim());
            // the settings were changed through the native library, whose copy is already deleted
            assertThat(Files.readString(Paths.get("/proc/" + pid + "/maps"))).contains("libjlinenative.so (deleted)");
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            s = await("exit after SIGTERM", x -> x.contains("EXIT3="));
            assertThat(s).contains("EXIT3=143");
            Files.createFile(work.resolve("go4"));

            // 4: without the native library, through stty, and q
            await("the fourth screen", x -> x.contains("kleaktop  host kmemlab") && x.contains("RATE▼"));
            long pid4 = Long.parseLong(Files.readString(work.resolve("pid4")).trim());
            assertThat(Files.readString(Paths.get("/proc/" + pid4 + "/maps"))).doesNotContain("libjlinenative");
            keys("q");
            s = await("all runs done", x -> x.contains("ALLDONE"));
            assertThat(s).contains("EXIT4=0");

            String before = Files.readString(work.resolve("before")).trim();
            String beforeAll = Files.readString(work.resolve("before.a"));
            for (String after : List.of("after1", "after2", "after3", "after4")) {
                assertThat(Files.readString(work.resolve(after)).trim()).as(after).isEqualTo(before);
                assertThat(Files.readString(work.resolve(after + ".a"))).as(after + ": stty -a").isEqualTo(beforeAll);
            }
            try (java.util.stream.Stream<Path> left = Files.list(tmp)) {
                assertThat(left.toList()).as("files left in java.io.tmpdir").isEmpty();
            }
            String sttyA = Files.readString(work.resolve("after.txt"));
            assertThat(sttyA).containsPattern("(^|\\s)icanon(\\s|$)").containsPattern("(^|\\s)echo(\\s|$)")
                    .contains("intr = ^C");
        } finally {
            try {
                tmux("kill-server");
            } catch (IOException | RuntimeException e) {
                // the server may be gone already
            }
        }
    }

    /**
     * S and D on the live kernel: save a snapshot from the screen, create many files, then
     * diff the live state against it from the screen. The dentry cache or an inode cache must
     * be among the first three rows, grown. Needs tmux and a readable /proc/slabinfo (root).
     */
    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void snapshotThenDiffOnTheLiveKernelShowsTheNewFiles() throws Exception {
        assumeTrue(tmuxWorks(), "tmux is not installed (.ci/run installs it): the real-terminal test is skipped");
        assumeTrue(Files.isReadable(Paths.get("/proc/slabinfo")), "/proc/slabinfo is not readable here (needs root)");
        Path work = Files.createDirectories(dir.resolve("work"));
        Path snaps = dir.resolve("snaps");
        Path files = Files.createDirectories(dir.resolve("files"));
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = "'" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1 " + dev.kleaktop.testing.ChildJvm.ADD_OPENS + " -cp '" + classpath() + "' "
                + Main.class.getName() + " -d 1 --snapshot-dir '" + snaps + "'";
        String script = String.join("\n",
                "cd '" + work + "'",
                "export LANG=C.UTF-8 TERM=xterm-256color",
                "unset NO_COLOR LC_ALL LC_CTYPE",
                "stty -g > before",
                cmd + "; echo \"EXIT=$?\"; stty -g > after",
                "stty -a > after.txt",
                "echo ALLDONE",
                "exec sleep 60",
                "");
        Files.writeString(work.resolve("run.sh"), script, StandardCharsets.UTF_8);
        socket = dir.resolve("tmux.sock").toString();
        try {
            tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "160", "-y", "45", "sh " + work.resolve("run.sh"));
            await("the live screen", x -> x.startsWith("kleaktop  host ") && x.contains("RATE▼") && x.contains("q quit"));

            keys("S");
            String s = await("the snapshot saved", x -> x.contains("snapshot saved: " + snaps + "/kleaktop-"));
            Path saved = Paths.get(s.substring(s.indexOf("snapshot saved: ") + 16).lines().findFirst().orElseThrow().strip());
            assertThat(saved).exists().hasParent(snaps);

            for (int i = 0; i < 30_000; i++) Files.createFile(files.resolve("f" + i));
            Thread.sleep(2500); // two refreshes at -d 1: the live state has the new files

            keys("D");
            s = await("the list of snapshots", x -> x.contains("diff the live state against which snapshot?"));
            assertThat(s.lines().skip(1).findFirst().orElseThrow()).contains(saved.getFileName().toString()).contains(" ago");
            keys("Enter");
            s = await("the diff table", x -> x.startsWith("kleaktop diff  OLD " + saved.getFileName() + "  NEW the live system")
                    && x.contains("Δ SIZE▼"));
            List<String> lines = s.lines().toList();
            int title = 0;
            while (!lines.get(title).startsWith(" NAME ")) title++;
            List<String> top3 = lines.subList(title + 1, title + 4);
            assertThat(top3).as("the first three rows of the diff:%n%s", s).anySatisfy(row -> {
                String[] cells = row.trim().split("\\s+");
                assertThat(cells[0]).matches("dentry|.*inode.*");
                assertThat(cells[3]).as("Δ SIZE of %s", cells[0]).startsWith("+");
            });
            assertThat(s).doesNotContain("warning: ");

            keys("q");
            s = await("the exit", x -> x.contains("ALLDONE"));
            assertThat(s).contains("EXIT=0").doesNotContain("Δ SIZE▼");
            assertThat(Files.readString(work.resolve("after")).trim()).isEqualTo(Files.readString(work.resolve("before")).trim());
            assertThat(Files.readString(work.resolve("after.txt"))).containsPattern("(^|\\s)icanon(\\s|$)")
                    .containsPattern("(^|\\s)echo(\\s|$)");
        } finally {
            try {
                tmux("kill-server");
            } catch (IOException | RuntimeException e) {
                // the server may be gone already
            }
            try (java.util.stream.Stream<Path> l = Files.list(files)) {
                l.forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void ctrlZGivesTheTerminalBackAndFgRedrawsTheScreen() throws Exception {
        assumeTrue(tmuxWorks(), "tmux is not installed (.ci/run installs it): the real-terminal test is skipped");
        assumeTrue(Files.isExecutable(Paths.get("/bin/bash")), "needs bash for job control");
        Path tree = dir.resolve("tree");
        Trees.labFinal(tree);
        Path work = Files.createDirectories(dir.resolve("work"));
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = "'" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1 " + dev.kleaktop.testing.ChildJvm.ADD_OPENS + " -Djava.io.tmpdir='" + work + "' -cp '"
                + classpath() + "' " + Main.class.getName() + " --root '" + tree + "' -d 1";
        socket = dir.resolve("tmux.sock").toString();
        try {
            // an interactive shell, for job control (Ctrl-Z, jobs, fg)
            tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "160", "-y", "45",
                    "env -i PATH=/usr/bin:/bin HOME='" + work + "' TERM=xterm-256color LANG=C.UTF-8 PS1='$ ' "
                            + "bash --norc --noprofile -i");
            await("the shell", x -> x.contains("$"));
            keys("cd '" + work + "'; stty -g > before; " + cmd, "Enter");
            await("the screen", x -> x.contains("kleaktop  host kmemlab") && x.contains("RATE▼"));
            keys("C-z");
            String s = await("the shell back, the job stopped", x -> x.contains("Stopped") && !x.contains("RATE▼"));
            // while it is stopped the terminal is the user's, as it was
            keys("stty -g > stopped; echo MARK1", "Enter");
            await("the shell's answer", x -> x.contains("MARK1\n") || x.lines().anyMatch(l -> l.equals("MARK1")));
            assertThat(Files.readString(work.resolve("stopped")).trim())
                    .isEqualTo(Files.readString(work.resolve("before")).trim());
            keys("fg", "Enter");
            s = await("the screen again", x -> x.contains("kleaktop  host kmemlab") && x.contains("RATE▼")
                    && !x.contains("Stopped"));
            keys("q");
            await("the exit", x -> x.contains("$") && !x.contains("RATE▼"));
            keys("echo EXIT=$?; stty -g > after", "Enter");
            s = await("the exit status", x -> x.lines().anyMatch(l -> l.startsWith("EXIT=")));
            assertThat(s).contains("EXIT=0");
            assertThat(Files.readString(work.resolve("after")).trim()).isEqualTo(Files.readString(work.resolve("before")).trim());
        } finally {
            try {
                tmux("kill-server");
            } catch (IOException | RuntimeException e) {
                // the server may be gone already
            }
        }
    }

    /**
     * A -d the screen does not take is said on the user's screen before the terminal is
     * touched: the bytes the program writes (recorded by tmux's pipe-pane) hold no switch to
     * the alternate screen, the message stays on the terminal, the exit status is 2.
     */
    @Test
    void aBadIntervalFailsBeforeTheAlternateScreenIsEntered() throws Exception {
        assumeTrue(tmuxWorks(), "tmux is not installed (.ci/run installs it): the real-terminal test is skipped");
        Path tree = dir.resolve("tree");
        Trees.labFinal(tree);
        Path work = Files.createDirectories(dir.resolve("work"));
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = "'" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1 -Djava.io.tmpdir='" + work + "' -cp '" + classpath()
                + "' " + Main.class.getName() + " --root '" + tree + "'";
        String script = String.join("\n",
                "cd '" + work + "'",
                "export LANG=C.UTF-8 TERM=xterm-256color",
                "until [ -e go ]; do sleep 0.05; done",
                cmd + " -d 0; echo \"EXIT1=$?\"",
                cmd + " -d 1e10; echo \"EXIT2=$?\"",
                "echo ALLDONE",
                "exec sleep 60",
                "");
        Files.writeString(work.resolve("run.sh"), script, StandardCharsets.UTF_8);
        Path raw = work.resolve("raw");
        socket = dir.resolve("tmux.sock").toString();
        try {
            tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "120", "-y", "30", "sh " + work.resolve("run.sh"));
            tmux("pipe-pane", "-t", "t", "-o", "cat >> '" + raw + "'");
            Files.createFile(work.resolve("go"));
            String s = await("both runs", x -> x.contains("ALLDONE"));
            assertThat(s).contains("EXIT1=2").contains("EXIT2=2");
            assertThat(s).contains("kleaktop: -d/--delay: the screen refreshes every 0.5s to 60s (the range + and - step"
                    + " through), not 0 seconds");
            assertThat(s).contains("not 10000000000 seconds");
            String bytes = Files.readString(raw, StandardCharsets.ISO_8859_1);
            assertThat(bytes).contains("EXIT1=2").contains("the screen refreshes every"); // the recording works
            assertThat(bytes).doesNotContain("\u001b[?1049h").doesNotContain("\u001b[?47h");
        } finally {
            try {
                tmux("kill-server");
            } catch (IOException | RuntimeException e) {
                // the server may be gone already
            }
        }
    }

    /** The classpath of the program: where its classes and its libraries were loaded from. */
    static String classpath() throws Exception {
        Set<String> parts = new LinkedHashSet<>();
        for (Class<?> c : new Class<?>[] {Main.class, CommandLine.class, Terminal.class, JSON.class, JsonFactory.class,
                org.jline.nativ.CLibrary.class}) {
            parts.add(Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(File.pathSeparator, parts);
    }

    static boolean tmuxWorks() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-S", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tmux " + String.join(" ", args) + ": timed out");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new IOException("tmux " + String.join(" ", args) + ": " + out.strip());
        return out;
    }

    void keys(String... keys) throws IOException, InterruptedException {
        for (String k : keys) {
            boolean literal = k.length() > 1 && !k.equals("Enter") && !k.equals("Escape") && !k.startsWith("C-");
            if (literal) tmux("send-keys", "-t", "t", "-l", k);
            else tmux("send-keys", "-t", "t", k);
        }
    }

    String capture() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", "t");
    }

    /**
     * Waits until the screen shows what {@code cond} wants and has settled: two captures in a
     * row are equal, so a refresh caught half-way (new top rows over an old bottom) does not count.
     */
    String await(String what, Predicate<String> cond) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String s = "";
        String previous = null;
        while (System.nanoTime() < end) {
            s = capture();
            if (cond.test(s) && s.equals(previous)) return s;
            previous = cond.test(s) ? s : null;
            Thread.sleep(100);
        }
        throw new AssertionError("waiting for " + what + "; the terminal shows:\n" + s);
    }

    static String lastLine(String screen) {
        List<String> lines = screen.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /** The cache rows of the main screen: the lines between the title row and the status line. */
    static List<String> tableRows(String screen) {
        List<String> lines = screen.lines().toList();
        List<String> rows = new ArrayList<>();
        boolean in = false;
        for (int i = 0; i < lines.size() - 1; i++) {
            String l = lines.get(i);
            int rule = l.indexOf('│');
            if (rule >= 0) l = l.substring(0, rule); // the side pane's part
            if (l.startsWith(" NAME ")) {
                in = true;
                continue;
            }
            if (in && !l.isBlank() && i < lines.size() - 1 && !l.startsWith("g growth") && !l.startsWith("filter")) {
                rows.add(l);
            }
        }
        return rows;
    }
}
