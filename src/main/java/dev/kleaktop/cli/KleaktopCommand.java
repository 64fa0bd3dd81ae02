package dev.kleaktop.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kleaktop}: the interactive screen by default, batch output with {@code -b}. */
@Command(name = "kleaktop",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpWidth = 80,
        subcommands = {SnapshotCommand.class, DiffCommand.class, OomCommand.class, KmemleakCommand.class,
            ExportCommand.class},
        synopsisHeading = "", // the custom synopsis carries its own "Usage: "
        customSynopsis = {
            "Usage: kleaktop [OPTIONS]                      interactive screen",
            "       kleaktop -b [-n N] [-d SEC] [--format text|json|csv] [OPTIONS]",
            "       kleaktop COMMAND [OPTIONS]              see COMMANDS below",
        },
        description = {
            "",
            "top for Linux kernel memory leaks: slab caches ranked by growth rate,",
            "kmemleak suspects and OOM-killer events, live or from a captured tree.",
            "",
        },
        optionListHeading = "Options:%n",
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success",
            "1:a runtime failure (unreadable input, corrupt snapshot, kernel refused a write)",
            "2:a usage error"
        })
public final class KleaktopCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-b", "--batch"}, description = "Batch mode: print refreshes to standard output instead of the screen.")
    boolean batch;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    SourceOptions source;

    @Mixin
    OutputOptions output;

    @Mixin
    StoreOptions store;

    @Mixin
    WriteOptions write;

    @Option(names = "--view", paramLabel = "VIEW", completionCandidates = BatchView.Candidates.class,
            description = "What -b prints: caches (default) or ledger (the kernel-memory ledger: MemTotal split by"
                    + " /proc/meminfo, with unaccounted; json adds a \"ledger\" object).")
    String view;

    @Override
    public Integer call() {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Runs with the options set (by picocli or by {@link QuickArgs}). */
    int run(PrintWriter out, PrintWriter err) {
        BatchView v = BatchView.of(view, batch);
        if (batch) {
            return new BatchRunner(sampling, source, output, out, err).view(v).run();
        }
        return new ScreenRunner(sampling, source, output, store, write, System.getenv()).run(err);
    }
}
