package dev.kleaktop.testing;

import dev.kleaktop.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of kleaktop's command line in-process, as a user would run it: exit code and output. */
public record CliRun(int code, String out, String err) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
