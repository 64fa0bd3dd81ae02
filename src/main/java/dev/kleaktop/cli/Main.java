package dev.kleaktop.cli;

import dev.kleaktop.source.FileRefusedException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point: parses the command line, runs the command, maps failures to exit codes. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // Standard output straight on the file descriptor, not through System.out: PrintStream
        // swallows EPIPE, and batch mode must notice when its reader goes away (kleaktop -b | head).
        PrintWriter out = new PrintWriter(new java.io.BufferedWriter(new OutputStreamWriter(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), StandardCharsets.UTF_8), 1 << 14), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code;
        try {
            code = run(args, out, err);
        } finally {
            out.flush();
            err.flush();
        }
        System.exit(code);
    }

    /** Runs kleaktop with the given streams and returns its exit code (for tests too). */
    public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        try {
            return run(args, out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
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
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler(Main::executionError);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        err.println("kleaktop: " + oneLine(ex.getMessage()) + " (see kleaktop --help)");
        err.flush();
        return 2;
    }

    private static int executionError(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        return failure(ex, cl.getErr(), parsed != null && parsed.expandedArgs().contains("--debug"));
    }

    /** One line on stderr (and the stack with --debug); the exit code for the failure. */
    private static int failure(Exception ex, PrintWriter err, boolean debug) {
        if (ex instanceof UsageError) {
            err.println("kleaktop: " + oneLine(ex.getMessage()));
            err.flush();
            return 2;
        }
        // a refused file (over its limit, or a FIFO) says so itself: PATH: why
        String msg = ex instanceof RuntimeFailure || ex instanceof FileRefusedException ? ex.getMessage()
                : ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        err.println("kleaktop: " + oneLine(msg));
        if (debug) ex.printStackTrace(err);
        err.flush();
        return 1;
    }

    static String oneLine(String s) {
        if (s == null) return "error";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
