package dev.kleaktop.view.tui.term;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.googlecode.lanterna.TerminalSize;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.jline.nativ.CLibrary;
import org.jline.nativ.CLibrary.Termios;
import org.jline.nativ.CLibrary.WinSize;
import org.jline.nativ.JLineLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal control without stty processes, on a real pseudo-terminal this test opens:
 * the changes Lanterna asks for, checked by stty itself (so the flag numbering is the
 * kernel's, not just this code's), and the restore, which must give back exactly the
 * settings that were saved. And where the native library may be loaded from.
 */
class NativeTtyTest {
    @Test
    void libraryFolderOnlyWhereTheTermiosBitsAreTheGenericOnes() {
        assertThat(NativeLibrary.folder("Linux", "amd64")).isEqualTo("x86_64");
        assertThat(NativeLibrary.folder("Linux", "aarch64")).isEqualTo("arm64");
        assertThat(NativeLibrary.folder("Linux", "i686")).isEqualTo("x86");
        assertThat(NativeLibrary.folder("Linux", "ppc64le")).isNull(); // other ICANON/ECHO bits
        assertThat(NativeLibrary.folder("Linux", "arm")).isNull();
        assertThat(NativeLibrary.folder("Mac OS X", "aarch64")).isNull();
    }

    @Test
    void extractsOnlyWhereNobodyElseCanSwapTheFile(@TempDir Path dir) throws IOException {
        Path mine = Files.createDirectory(dir.resolve("mine"));
        Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rwx------"));
        assertThat(NativeLibrary.safeParent(mine)).isTrue();
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(NativeLibrary.safeParent(open)).as("world-writable, not sticky").isFalse();
        Files.setAttribute(open, "unix:mode", 01777);
        assertThat(NativeLibrary.safeParent(open)).as("sticky, like /tmp").isTrue();
        Path group = Files.createDirectory(dir.resolve("group"));
        Files.setPosixFilePermissions(group, PosixFilePermissions.fromString("rwxrwxr-x"));
        assertThat(NativeLibrary.safeParent(group)).isFalse();
        assertThat(NativeLibrary.safeParent(dir.resolve("missing"))).isFalse();

        Path a = NativeLibrary.privateDirectory(open);
        Path b = NativeLibrary.privateDirectory(open);
        assertThat(a).isNotEqualTo(b).hasParent(open);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a))).isEqualTo("rwx------");
    }

    @Test
    void loadsWithoutLeavingFilesAndPointsJLinesLoaderAtTheCopyItLoaded() {
        assumeTrue(NativeLibrary.folder(System.getProperty("os.name"), System.getProperty("os.arch")) != null,
                "no native library for this system: the screen uses stty");
        assertThat(NativeLibrary.available()).isTrue();
        String dir = System.getProperty(NativeLibrary.PATH_PROPERTY);
        assertThat(org.jline.nativ.JLineNativeLoader.getNativeLibraryPath()).isEqualTo(Path.of(dir, NativeLibrary.FILE).toString());
        if (Path.of(dir).getFileName().toString().startsWith("kleaktop-native-")) {
            assertThat(Path.of(dir)).as("the private copy is deleted once loaded").doesNotExist();
        }
        assertThat(System.getProperty(NativeLibrary.TMPDIR_PROPERTY)).isEqualTo(dir);
    }

    @Test
    void settingTheModesKeepsTheLineDiscipline() throws Exception {
        assumeTrue(NativeLibrary.available(), "the native library cannot be loaded here: the screen uses stty");
        int[] master = new int[1];
        int[] slave = new int[1];
        assertThat(CLibrary.openpty(master, slave, new byte[128], null, new WinSize((short) 24, (short) 80))).isZero();
        try {
            NativeTty tty = NativeTty.on(slave[0]);
            // a line discipline other than 0, put there through the kernel's own structure
            int[] raw = new int[NativeTty.KERNEL_TERMIOS_INTS];
            assertThat(CLibrary.ioctl(slave[0], NativeTty.TCGETS, raw)).isZero();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(raw.length * 4).order(java.nio.ByteOrder.nativeOrder());
            b.asIntBuffer().put(raw);
            b.put(NativeTty.LINE_OFFSET, (byte) 3);
            b.asIntBuffer().get(raw);
            assertThat(CLibrary.ioctl(slave[0], 0x5402 /* TCSETS */, raw)).isZero();
            assertThat(tty.lineDiscipline()).isEqualTo(3);
            Termios saved = tty.get();
            change(tty, t -> NativeTty.canonical(t, false));
            change(tty, t -> NativeTty.echo(t, false));
            tty.set(saved);
            assertThat(tty.lineDiscipline()).as("c_line, which JLine's Termios does not carry").isEqualTo(3);
            assertThat(NativeTty.same(tty.get(), saved)).isTrue();
        } finally {
            close(slave[0]);
            close(master[0]);
        }
    }

    @Test
    void setUpAndRestoreOnAPseudoTerminal() throws Exception {
        assumeTrue(NativeLibrary.available(), "the native library cannot be loaded here: the screen uses stty");
        int[] master = new int[1];
        int[] slave = new int[1];
        byte[] name = new byte[128];
        assertThat(CLibrary.openpty(master, slave, name, null, new WinSize((short) 45, (short) 160))).isZero();
        String device = new String(name, 0, indexOfZero(name), StandardCharsets.US_ASCII);
        try {
            NativeTty tty = NativeTty.on(slave[0]);
            assertThat(tty.size()).isEqualTo(new TerminalSize(160, 45));
            // a user's settings that differ from what the screen needs: all must come back
            stty(device, "min", "4", "intr", "^?", "-ixon");
            String before = stty(device, "-a");
            String beforeG = stty(device, "-g");

            // what Lanterna asks for when it takes the terminal
            Termios saved = tty.get();
            change(tty, t -> NativeTty.canonical(t, false));
            change(tty, t -> NativeTty.echo(t, false));
            change(tty, t -> NativeTty.interrupt(t, false, saved));
            assertThat(stty(device, "-a")).containsPattern("(^|\\s)-icanon(\\s|$)").containsPattern("(^|\\s)-echo(\\s|$)")
                    .contains("intr = <undef>;").contains("min = 1;").containsPattern("(^|\\s)-ixon(\\s|$)");
            Termios expected = copy(saved); // and nothing else changed
            expected.c_lflag &= ~(NativeTty.ICANON | NativeTty.ECHO);
            expected.c_cc[NativeTty.VMIN] = 1;
            expected.c_cc[NativeTty.VINTR] = NativeTty.DISABLED;
            assertThat(NativeTty.same(tty.get(), expected)).isTrue();

            // and when it gives it back: restore, then the interrupt key again
            tty.set(saved);
            change(tty, t -> NativeTty.interrupt(t, true, saved));
            assertThat(NativeTty.same(tty.get(), saved)).isTrue();
            assertThat(stty(device, "-g")).isEqualTo(beforeG);
            assertThat(stty(device, "-a")).as("every setting, the line discipline too").isEqualTo(before)
                    .contains("intr = ^?;").contains("min = 4;");
        } finally {
            close(slave[0]);
            close(master[0]);
        }
    }

    @Test
    void theInterruptKeyComesBackAsItWas() {
        assumeTrue(NativeLibrary.available(), "the native library cannot be loaded here");
        Termios saved = new Termios();
        saved.c_cc[NativeTty.VINTR] = 0x7f; // a user's own interrupt key
        Termios t = new Termios();
        NativeTty.interrupt(t, false, saved);
        assertThat(t.c_cc[NativeTty.VINTR]).isEqualTo(NativeTty.DISABLED);
        NativeTty.interrupt(t, true, saved);
        assertThat(t.c_cc[NativeTty.VINTR]).isEqualTo((byte) 0x7f);
        NativeTty.interrupt(t, true, null);
        assertThat(t.c_cc[NativeTty.VINTR]).isEqualTo(NativeTty.CTRL_C);
    }

    interface Edit {
        void apply(Termios t);
    }

    static void change(NativeTty tty, Edit e) throws IOException {
        Termios t = tty.get();
        e.apply(t);
        tty.set(t);
    }

    static Termios copy(Termios t) {
        Termios c = new Termios();
        c.c_iflag = t.c_iflag;
        c.c_oflag = t.c_oflag;
        c.c_cflag = t.c_cflag;
        c.c_lflag = t.c_lflag;
        c.c_cc = t.c_cc.clone();
        c.c_ispeed = t.c_ispeed;
        c.c_ospeed = t.c_ospeed;
        return c;
    }

    static String stty(String device, String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("stty", "-F", device));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    static int indexOfZero(byte[] b) {
        for (int i = 0; i < b.length; i++) if (b[i] == 0) return i;
        return b.length;
    }

    static void close(int fd) throws IOException {
        new FileInputStream(JLineLibrary.newFileDescriptor(fd)).close();
    }
}
