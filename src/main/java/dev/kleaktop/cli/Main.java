package dev.kleaktop.cli;

import dev.kleaktop.source.FileRefusedException;
import dev.kleaktop.view.Text;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point: parses the command line, runs the command, maps failures to exit codes. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // Standard output straight on the file descriptor, not through System.out: PrintStream
        // swallows write errors, and batch mode must notice when its reader goes away
        // (kleaktop -b | head), as kleaktop must when the disk is full (>/dev/full).
        System.exit(run(args, new FileOutputStream(FileDescriptor.out), System.err));
    }

    /**
     * Runs kleaktop on these streams and returns its exit code (for tests too). Output that
     * could not be written (a full disk, an I/O error, a closed standard output) is reported
     * here, once, as {@code kleaktop: standard output: <the system's reason>}, and the run
     * fails with 1; a reader that went away (EPIPE) ends the run quietly.
     */
    public static int run(String[] args, OutputStream stdout, OutputStream stderr) {
        StandardOutput checked = new StandardOutput(stdout);
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(checked, StandardCharsets.UTF_8),
                1 << 14), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        int code;
        try {
            code = run(args, out, err);
        } finally {
            out.flush();
            err.flush();
        }
        String problem = checked.problem();
        if (problem == null) return code;
        err.println("kleaktop: standard output: " + Text.escape(problem));
        err.flush();
        return code == 0 ? 1 : code;
    }

    /** Runs kleaktop on these writers; every line on {@code err} is escaped ({@link StandardError}). */
    public static int run(String[] args, PrintWriter out, PrintWriter rawErr) {
        PrintWriter err = new PrintWriter(new StandardError(rawErr), true);
        try {
            return execute(args, out, err);
        } finally {
            err.flush();
        }
    }

    private static int execute(String[] args, PrintWriter out, PrintWriter err) {
        KleaktopCommand quick = QuickArgs.parse(args);
        if (quick != null) {
            // what picocli's execute does with the command it parsed, and with what it throws
            try {
                return quick.run(out, err);
            } catch (Exception e) {
                return failure(e, err, java.util.Arrays.asList(args).contains("--debug"));
            }
        }
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** The command tree with kleaktop's error handling; also used to generate docs. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new KleaktopCommand());
        Accepted.narrow(cl);
        cl.setExecutionStrategy(parsed -> {
            Accepted.check(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler(Main::executionError);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        err.println("kleaktop: " + UsageWords.of(ex));
        err.flush();
        return 2;
    }

    private static int executionError(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        return failure(ex, cl.getErr(), parsed != null && parsed.expandedArgs().contains("--debug"));
    }

    /** One line on stderr (and the stack with --debug); the exit code for the failure. */
    private static int failure(Exception ex, PrintWriter err, boolean debug) {
        if (ex instanceof UsageError) {
            err.println("kleaktop: " + UsageWords.oneLine(ex.getMessage()));
            err.flush();
            return 2;
        }
        // a refused file (over its limit, or a FIFO) says so itself: PATH: why
        String msg = ex instanceof RuntimeFailure || ex instanceof FileRefusedException ? ex.getMessage()
                : unexpected(ex, debug);
        err.println("kleaktop: " + UsageWords.oneLine(msg));
        if (debug) ex.printStackTrace(err);
        err.flush();
        return 1;
    }

    /**
     * A failure no command turned into a message of its own (a bug, or input no check
     * foresaw): said in words, never as a Java class name; --debug shows where it came from.
     */
    static String unexpected(Throwable ex, boolean debug) {
        Throwable t = ex instanceof java.io.UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        String m = t.getMessage();
        String why = m == null || m.isBlank() ? "unexpected failure" : "unexpected failure: " + UsageWords.oneLine(m);
        return debug ? why : why + " (--debug shows where)";
    }
}
