package dev.kleaktop.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Generates the bash, zsh and fish completion scripts from the command definitions, so
 * they cannot drift from the code. Bash comes from picocli's own generator; picocli has no
 * zsh-native or fish generator, so those two are written here from the same model.
 * The scripts are kept in the repository under {@code completions/}; a test regenerates
 * them and fails when the committed ones differ ({@code bin/gen-completions} rewrites them).
 */
public final class Completions {
    private Completions() {}

    /** Writes the three scripts into the directory given (default {@code completions}). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "completions");
        Files.createDirectories(dir);
        for (Map.Entry<String, String> e : all().entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** File name to script text, in a fixed order (bash, zsh, fish). */
    public static Map<String, String> all() {
        CommandLine cl = Main.commandLine();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("kleaktop.bash", bash(cl));
        out.put("_kleaktop", zsh(cl.getCommandSpec()));
        out.put("kleaktop.fish", fish(cl.getCommandSpec()));
        return out;
    }

    // ---------------------------------------------------------------- bash

    private static final String BASH_HEADER = """
            #!/usr/bin/env bash
            #
            # bash completion for kleaktop: options, subcommands, sort keys, formats, kmemleak
            # actions, file and directory arguments. Generated from the command definitions by
            # bin/gen-completions (picocli's AutoComplete, with directory arguments completed as
            # directories); do not edit. bin/install puts it in
            # PREFIX/share/bash-completion/completions/kleaktop; or source it from ~/.bashrc.
            """;

    static String bash(CommandLine cl) {
        String s = AutoComplete.bash("kleaktop", cl);
        // picocli's header explains how to install picocli scripts in general (and names the
        // picocli version); ours says where bin/install puts this one
        int body = s.indexOf("\nif [ -n \"$BASH_VERSION\" ]");
        if (body < 0) throw new IllegalStateException("unexpected picocli bash script layout");
        s = BASH_HEADER + s.substring(body);
        // picocli completes every Path argument as a file; a DIR argument wants directories
        for (String name : dirOptionNames(cl.getCommandSpec())) {
            Pattern branch = Pattern.compile("((?:'[^']+'\\|)*'" + Pattern.quote(name)
                    + "'(?:\\|'[^']+')*\\)\n[^;]*?)compgen -f -- \"\\$\\{curr_word\\}\" \\) \\) # files");
            s = branch.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
                    m.group(1) + "compgen -d -- \"${curr_word}\" ) ) # directories"));
        }
        // diff's OLD and NEW may be bare names of the snapshot directory: offer those too
        int diff = s.indexOf("function _picocli_kleaktop_diff()");
        int end = diff < 0 ? -1 : s.indexOf("\n}\n", diff);
        if (end < 0) throw new IllegalStateException("unexpected picocli bash script layout (diff)");
        String fn = s.substring(diff, end).replace("positionals=$( compgen -f -- \"${curr_word}\" ) # files",
                "positionals=$( compgen -f -- \"${curr_word}\"; _kleaktop_snapshots ) # files, saved snapshots");
        s = s.substring(0, diff) + BASH_SNAPSHOTS + fn + s.substring(end);
        // picocli registers the function for kleaktop.sh and kleaktop.bash too: only kleaktop is ours
        String register = "complete -F _complete_kleaktop -o default kleaktop kleaktop.sh kleaktop.bash";
        if (!s.contains(register)) throw new IllegalStateException("unexpected picocli bash script layout (complete)");
        return s.replace(register, "complete -F _complete_kleaktop -o default kleaktop");
    }

    /** Lists the snapshots {@code kleaktop diff} takes by bare name, as the code finds them. */
    private static final String BASH_SNAPSHOTS = """
            # The snapshots kleaktop diff can take by bare name: the *.json files of --snapshot-dir
            # when it is on the line, else $XDG_STATE_HOME/kleaktop, else $HOME/.local/state/kleaktop.
            function _kleaktop_snapshots() {
              local dir="" i f
              for ((i = 1; i < COMP_CWORD; i++)); do
                case ${COMP_WORDS[i]} in
                  --snapshot-dir) dir=${COMP_WORDS[i+1]}; [[ $dir == "=" ]] && dir=${COMP_WORDS[i+2]} ;;
                  --snapshot-dir=*) dir=${COMP_WORDS[i]#--snapshot-dir=} ;;
                esac
              done
              if [[ -z $dir ]]; then
                if [[ ${XDG_STATE_HOME:-} == /* ]]; then dir=$XDG_STATE_HOME/kleaktop; else dir=${HOME:-}/.local/state/kleaktop; fi
              fi
              [[ -d $dir ]] || return 0
              for f in "$dir"/*.json; do
                [[ -e $f ]] && printf '%s\n' "${f##*/}"
              done
              return 0
            }

            """;

    /** Names of every option, anywhere in the tree, whose argument is a directory. */
    private static Set<String> dirOptionNames(CommandSpec spec) {
        Set<String> out = new TreeSet<>();
        for (OptionSpec o : spec.options()) {
            if (isDir(o)) out.addAll(List.of(o.names()));
        }
        for (CommandSpec sub : subcommands(spec)) out.addAll(dirOptionNames(sub));
        return out;
    }

    // ---------------------------------------------------------------- zsh

    static String zsh(CommandSpec root) {
        StringBuilder b = new StringBuilder();
        b.append("#compdef kleaktop\n");
        b.append("# zsh completion for kleaktop: options, subcommands, sort keys, formats, kmemleak\n");
        b.append("# actions, file and directory arguments. Generated from the command definitions by\n");
        b.append("# bin/gen-completions; do not edit. bin/install puts it in\n");
        b.append("# PREFIX/share/zsh/site-functions/_kleaktop.\n\n");
        zshFunction(b, root, "_kleaktop");
        b.append("_kleaktop \"$@\"\n");
        return b.toString();
    }

    private static void zshFunction(StringBuilder b, CommandSpec spec, String fn) {
        List<CommandSpec> subs = subcommands(spec);
        for (CommandSpec sub : subs) zshFunction(b, sub, fn + "_" + sub.name().replace('-', '_'));
        b.append(fn).append("() {\n");
        b.append("  local curcontext=\"$curcontext\" state line\n");
        b.append("  typeset -A opt_args\n");
        b.append("  _arguments -s -C \\\n");
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) continue;
            b.append("    ").append(zshOption(o)).append(" \\\n");
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.hidden()) continue;
            String label = p.paramLabel().replaceAll("[<>]", "").toLowerCase(Locale.ROOT);
            String action = p.completionCandidates() != null ? "(" + words(p.completionCandidates()) + ")"
                    : isPath(p.type()) ? "_files" : " ";
            b.append("    '").append(p.arity().min == 0 ? ":" : "").append(":")
                    .append(zshLabel(label)).append(":").append(action).append("' \\\n");
        }
        if (!subs.isEmpty()) {
            b.append("    '1: :->cmds' \\\n");
            b.append("    '*:: :->args'\n");
            b.append("  case $state in\n");
            b.append("    cmds)\n");
            b.append("      local -a cmds\n");
            b.append("      cmds=(\n");
            for (CommandSpec sub : subs) {
                b.append("        '").append(sub.name()).append(":").append(zshLabel(summary(sub))).append("'\n");
            }
            b.append("      )\n");
            b.append("      _describe -t commands 'kleaktop command' cmds ;;\n");
            b.append("    args)\n");
            b.append("      case $line[1] in\n");
            for (CommandSpec sub : subs) {
                b.append("        ").append(sub.name()).append(") ").append(fn).append("_")
                        .append(sub.name().replace('-', '_')).append(" ;;\n");
            }
            b.append("      esac ;;\n");
            b.append("  esac\n");
        } else {
            // drop the trailing continuation of the last spec
            int cut = b.lastIndexOf(" \\\n");
            if (cut >= 0 && cut == b.length() - 3) b.setLength(cut);
            b.append("\n");
        }
        b.append("}\n\n");
    }

    private static String zshOption(OptionSpec o) {
        String desc = zshEscape(firstLine(o));
        String[] names = o.names();
        String excl = names.length > 1 ? "'(" + String.join(" ", names) + ")'" : "";
        boolean takesArg = takesArg(o);
        String arg = "";
        if (takesArg) {
            String label = o.paramLabel().replaceAll("[<>]", "").toLowerCase(Locale.ROOT);
            arg = ":" + zshLabel(label) + ":" + zshAction(o);
        }
        if (names.length == 1) {
            String n = names[0] + (takesArg && names[0].startsWith("--") ? "=" : "");
            return "'" + n + "[" + desc + "]" + arg + "'";
        }
        StringBuilder alts = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) alts.append(',');
            alts.append(names[i]).append(takesArg && names[i].startsWith("--") ? "=" : "");
        }
        alts.append('}');
        return excl + alts + "'[" + desc + "]" + arg + "'";
    }

    private static String zshAction(OptionSpec o) {
        if (o.completionCandidates() != null) return "(" + words(o.completionCandidates()) + ")";
        if (isPath(o.type())) return isDir(o) ? "_files -/" : "_files";
        return " ";
    }

    /** For a description inside {@code [...]}: brackets escaped, quotes closed and reopened. */
    private static String zshEscape(String s) {
        return s.replace("\\", "\\\\").replace("'", "'\\''").replace("[", "\\[").replace("]", "\\]");
    }

    /** For a message or label between colons: colons escaped as well. */
    private static String zshLabel(String s) { return zshEscape(s).replace(":", "\\:"); }

    // ---------------------------------------------------------------- fish

    static String fish(CommandSpec root) {
        StringBuilder b = new StringBuilder();
        b.append("# fish completion for kleaktop: options, subcommands, sort keys, formats, kmemleak\n");
        b.append("# actions, file and directory arguments. Generated from the command definitions by\n");
        b.append("# bin/gen-completions; do not edit. bin/install puts it in\n");
        b.append("# PREFIX/share/fish/vendor_completions.d/kleaktop.fish.\n\n");
        // no file names unless an argument takes one
        b.append("complete -c kleaktop -f\n");
        fishCommand(b, root, null);
        return b.toString();
    }

    /**
     * One command's words. {@code cond} is the fish condition under which the command is
     * the one being typed (null for the root); its own words apply only until one of its
     * subcommands appears.
     */
    private static void fishCommand(StringBuilder b, CommandSpec spec, String cond) {
        List<CommandSpec> subs = subcommands(spec);
        String here = cond;
        if (!subs.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (CommandSpec s : subs) names.add(s.name());
            String noSub = "not __fish_seen_subcommand_from " + String.join(" ", names);
            here = and(cond, noSub);
            for (CommandSpec s : subs) {
                b.append("complete -c kleaktop -n '").append(here).append("' -a ").append(s.name())
                        .append(" -d '").append(fishEscape(summary(s))).append("'\n");
            }
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.hidden()) continue;
            if (p.completionCandidates() != null) {
                // an action word is offered until one has been given
                String words = words(p.completionCandidates());
                b.append("complete -c kleaktop -n '").append(and(here, "not __fish_seen_subcommand_from " + words))
                        .append("' -a '").append(words).append("' -d '").append(fishEscape(firstLine(p)))
                        .append("'\n");
            } else if (isPath(p.type())) {
                b.append("complete -c kleaktop").append(here == null ? "" : " -n '" + here + "'").append(" -F\n");
            }
        }
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) continue;
            b.append("complete -c kleaktop");
            if (here != null) b.append(" -n '").append(here).append("'");
            for (String n : o.names()) {
                if (n.startsWith("--")) b.append(" -l ").append(n.substring(2));
                else if (n.startsWith("-") && n.length() == 2) b.append(" -s ").append(n.substring(1));
                else b.append(" -o ").append(n.substring(1));
            }
            if (takesArg(o)) {
                if (o.completionCandidates() != null) {
                    b.append(" -x -a '").append(words(o.completionCandidates())).append("'");
                } else if (isDir(o)) {
                    b.append(" -x -a '(__fish_complete_directories)'");
                } else if (isPath(o.type())) {
                    b.append(" -r -F");
                } else {
                    b.append(" -x");
                }
            }
            b.append(" -d '").append(fishEscape(firstLine(o))).append("'\n");
        }
        for (CommandSpec s : subs) {
            b.append("\n# kleaktop ").append(qualifiedName(s)).append('\n');
            fishCommand(b, s, and(cond, "__fish_seen_subcommand_from " + s.name()));
        }
    }

    private static String and(String a, String b) { return a == null ? b : a + "; and " + b; }

    private static String fishEscape(String s) { return s.replace("\\", "\\\\").replace("'", "\\'"); }

    // ---------------------------------------------------------------- model helpers

    /** The visible subcommands of a command (no aliases, nothing hidden), in definition order. */
    static List<CommandSpec> subcommands(CommandSpec spec) {
        List<CommandSpec> out = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : spec.subcommands().entrySet()) {
            CommandSpec s = e.getValue().getCommandSpec();
            if (!s.name().equals(e.getKey()) || s.usageMessage().hidden()) continue; // aliases, hidden
            out.add(s);
        }
        return out;
    }

    /** The command's names below the root, e.g. {@code kmemleak}. */
    private static String qualifiedName(CommandSpec s) {
        String q = s.qualifiedName(" ");
        int sp = q.indexOf(' ');
        return sp < 0 ? q : q.substring(sp + 1);
    }

    /**
     * A command's one-line summary: its header (what {@code kleaktop --help} lists), else the
     * first sentence of its description.
     */
    static String summary(CommandSpec c) {
        String[] h = c.usageMessage().header();
        if (h.length > 0 && !h[0].isBlank()) return clean(h[0]);
        return clean(String.join(" ", c.usageMessage().description()));
    }

    private static String firstLine(OptionSpec o) {
        String[] d = o.description();
        return d.length == 0 ? "" : clean(String.join(" ", d));
    }

    private static String firstLine(PositionalParamSpec p) {
        String[] d = p.description();
        return d.length == 0 ? "" : clean(String.join(" ", d));
    }

    /** The first sentence, without its full stop, on one line. */
    private static String clean(String s) {
        String t = s.replace("${COMPLETION-CANDIDATES}", "").replaceAll("%n", " ").replaceAll("\\s+", " ").trim();
        int stop = t.indexOf(". ");
        return stop > 0 ? t.substring(0, stop) : (t.endsWith(".") ? t.substring(0, t.length() - 1) : t);
    }

    private static String words(Iterable<String> it) {
        StringBuilder b = new StringBuilder();
        for (String s : it) {
            if (b.length() > 0) b.append(' ');
            b.append(s);
        }
        return b.toString();
    }

    private static boolean takesArg(OptionSpec o) { return o.arity().max > 0 && !isBoolean(o.type()); }

    private static boolean isBoolean(Class<?> t) { return t == boolean.class || t == Boolean.class; }

    private static boolean isPath(Class<?> t) { return t == Path.class || t == java.io.File.class; }

    /** A path option whose argument is named DIR (--root, --snapshot-dir): directories only. */
    private static boolean isDir(OptionSpec o) {
        return isPath(o.type()) && o.paramLabel().replaceAll("[<>]", "").toUpperCase(Locale.ROOT).endsWith("DIR");
    }
}
