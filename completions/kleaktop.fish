# fish completion for kleaktop: options, subcommands, sort keys, formats, kmemleak
# actions, file and directory arguments. Generated from the command definitions by
# bin/gen-completions; do not edit. bin/install puts it in
# PREFIX/share/fish/vendor_completions.d/kleaktop.fish.

complete -c kleaktop -f
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -a snapshot -d 'Save a snapshot of the kernel memory state now; print its path'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -a diff -d 'Compare two snapshots, or a snapshot with the live system'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -a oom -d 'List OOM-killer events from the live kernel log or a saved one'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -a kmemleak -d 'Show kmemleak\'s suspected leaks, or trigger a scan or a clear'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -a export -d 'Serve or write Prometheus metrics for fleets'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -s b -l batch -d 'Batch mode: print refreshes to standard output instead of the screen'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -s d -l delay -x -d 'Seconds between refreshes, decimals allowed'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -s n -l iterations -x -d 'Stop after N refreshes (default: until interrupted)'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -s s -l sort -x -a 'growth delta size objs active name objsize use slabs a b c l v n o p s u' -d 'Sort key: growth (default), delta, size, objs, active, name, objsize, use, slabs, or slabtop\'s letters a b c l v n o p s u'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -s f -l filter -x -d 'Show only caches whose name or alias matches REGEX (case-insensitive)'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -s w -l window -x -d 'Rate window in seconds for growth rates and the leak rule (default 60; export: 20 intervals, at least 60)'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -l root -x -a '(__fish_complete_directories)' -d 'Read the kernel files under DIR instead of / (a captured tree)'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -l dmesg-file -r -F -d 'Read the kernel log from FILE (dmesg, dmesg -T, journalctl -k, syslog, raw kmsg) instead of /dev/kmsg'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -l kmemleak-file -r -F -d 'Read a saved kmemleak report from FILE instead of debugfs'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -l read-only -d 'Never write to the kernel (refuse kmemleak scan and clear)'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -l format -x -a 'text json csv' -d 'Output format: text, json, csv (default text; json is one object per line in batch mode)'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -l no-color -d 'No colours on the screen (also when NO_COLOR is set)'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -l debug -d 'Print stack traces with errors'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -l snapshot-dir -x -a '(__fish_complete_directories)' -d 'Where snapshots are saved and looked up; created 0700 (default: $XDG_STATE_HOME/kleaktop, else $HOME/.local/state/kleaktop)'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -l allow-unsafe-dir -d 'Write even into a directory that another user owns, or that others can write to and is not sticky (refused by default: they could swap the file as it is written)'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -s h -l help -d 'Show this help message and exit'
complete -c kleaktop -n 'not __fish_seen_subcommand_from snapshot diff oom kmemleak export' -s V -l version -d 'Print version information and exit'

# kleaktop snapshot
complete -c kleaktop -n '__fish_seen_subcommand_from snapshot' -s o -l output -r -F -d 'Write to FILE instead of a new file in the snapshot directory'
complete -c kleaktop -n '__fish_seen_subcommand_from snapshot' -l force -d 'Replace FILE if it exists and is a regular file'
complete -c kleaktop -n '__fish_seen_subcommand_from snapshot' -l root -x -a '(__fish_complete_directories)' -d 'Read the kernel files under DIR instead of / (a captured tree)'
complete -c kleaktop -n '__fish_seen_subcommand_from snapshot' -l dmesg-file -r -F -d 'Read the kernel log from FILE (dmesg, dmesg -T, journalctl -k, syslog, raw kmsg) instead of /dev/kmsg'
complete -c kleaktop -n '__fish_seen_subcommand_from snapshot' -l kmemleak-file -r -F -d 'Read a saved kmemleak report from FILE instead of debugfs'
complete -c kleaktop -n '__fish_seen_subcommand_from snapshot' -l snapshot-dir -x -a '(__fish_complete_directories)' -d 'Where snapshots are saved and looked up; created 0700 (default: $XDG_STATE_HOME/kleaktop, else $HOME/.local/state/kleaktop)'
complete -c kleaktop -n '__fish_seen_subcommand_from snapshot' -l allow-unsafe-dir -d 'Write even into a directory that another user owns, or that others can write to and is not sticky (refused by default: they could swap the file as it is written)'
complete -c kleaktop -n '__fish_seen_subcommand_from snapshot' -l format -x -a 'text json' -d 'Output format: text, json (default text)'
complete -c kleaktop -n '__fish_seen_subcommand_from snapshot' -l debug -d 'Print stack traces with errors'
complete -c kleaktop -n '__fish_seen_subcommand_from snapshot' -s h -l help -d 'Show this help message and exit'
complete -c kleaktop -n '__fish_seen_subcommand_from snapshot' -s V -l version -d 'Print version information and exit'

# kleaktop diff
complete -c kleaktop -n '__fish_seen_subcommand_from diff' -F
complete -c kleaktop -n '__fish_seen_subcommand_from diff' -F
complete -c kleaktop -n '__fish_seen_subcommand_from diff' -l top -x -d 'Show the first N caches (default 20 in text, all in json)'
complete -c kleaktop -n '__fish_seen_subcommand_from diff' -s f -l filter -x -d 'Only caches whose name or alias matches REGEX (case-insensitive)'
complete -c kleaktop -n '__fish_seen_subcommand_from diff' -l root -x -a '(__fish_complete_directories)' -d 'Read the kernel files under DIR instead of / (a captured tree)'
complete -c kleaktop -n '__fish_seen_subcommand_from diff' -l dmesg-file -r -F -d 'Read the kernel log from FILE (dmesg, dmesg -T, journalctl -k, syslog, raw kmsg) instead of /dev/kmsg'
complete -c kleaktop -n '__fish_seen_subcommand_from diff' -l kmemleak-file -r -F -d 'Read a saved kmemleak report from FILE instead of debugfs'
complete -c kleaktop -n '__fish_seen_subcommand_from diff' -l snapshot-dir -x -a '(__fish_complete_directories)' -d 'Where snapshots are saved and looked up; created 0700 (default: $XDG_STATE_HOME/kleaktop, else $HOME/.local/state/kleaktop)'
complete -c kleaktop -n '__fish_seen_subcommand_from diff' -l format -x -a 'text json' -d 'Output format: text, json (default text)'
complete -c kleaktop -n '__fish_seen_subcommand_from diff' -l debug -d 'Print stack traces with errors'
complete -c kleaktop -n '__fish_seen_subcommand_from diff' -s h -l help -d 'Show this help message and exit'
complete -c kleaktop -n '__fish_seen_subcommand_from diff' -s V -l version -d 'Print version information and exit'

# kleaktop oom
complete -c kleaktop -n '__fish_seen_subcommand_from oom' -l root -x -a '(__fish_complete_directories)' -d 'Read the kernel files under DIR instead of / (a captured tree)'
complete -c kleaktop -n '__fish_seen_subcommand_from oom' -l dmesg-file -r -F -d 'Read the kernel log from FILE (dmesg, dmesg -T, journalctl -k, syslog, raw kmsg) instead of /dev/kmsg'
complete -c kleaktop -n '__fish_seen_subcommand_from oom' -l format -x -a 'text json' -d 'Output format: text, json (default text)'
complete -c kleaktop -n '__fish_seen_subcommand_from oom' -l debug -d 'Print stack traces with errors'
complete -c kleaktop -n '__fish_seen_subcommand_from oom' -s h -l help -d 'Show this help message and exit'
complete -c kleaktop -n '__fish_seen_subcommand_from oom' -s V -l version -d 'Print version information and exit'

# kleaktop kmemleak
complete -c kleaktop -n '__fish_seen_subcommand_from kmemleak; and not __fish_seen_subcommand_from report scan clear' -a 'report scan clear' -d 'report (default), scan or clear'
complete -c kleaktop -n '__fish_seen_subcommand_from kmemleak' -l file -r -F -d 'Read a saved report (or a kernel log with kmemleak.verbose output) instead of debugfs'
complete -c kleaktop -n '__fish_seen_subcommand_from kmemleak' -l root -x -a '(__fish_complete_directories)' -d 'Read the kernel files under DIR instead of / (a captured tree)'
complete -c kleaktop -n '__fish_seen_subcommand_from kmemleak' -l kmemleak-file -r -F -d 'Read a saved kmemleak report from FILE instead of debugfs'
complete -c kleaktop -n '__fish_seen_subcommand_from kmemleak' -l read-only -d 'Never write to the kernel (refuse kmemleak scan and clear)'
complete -c kleaktop -n '__fish_seen_subcommand_from kmemleak' -l format -x -a 'text json' -d 'Output format: text, json (default text)'
complete -c kleaktop -n '__fish_seen_subcommand_from kmemleak' -l debug -d 'Print stack traces with errors'
complete -c kleaktop -n '__fish_seen_subcommand_from kmemleak' -s h -l help -d 'Show this help message and exit'
complete -c kleaktop -n '__fish_seen_subcommand_from kmemleak' -s V -l version -d 'Print version information and exit'

# kleaktop export
complete -c kleaktop -n '__fish_seen_subcommand_from export' -l listen -x -d 'Serve /metrics on ADDR:PORT'
complete -c kleaktop -n '__fish_seen_subcommand_from export' -l textfile -r -F -d 'Rewrite FILE atomically every interval for node_exporter\'s textfile collector (name it *.prom in its --collector.textfile.directory)'
complete -c kleaktop -n '__fish_seen_subcommand_from export' -l top -x -d 'Export at most N caches, plus every leak suspect (default 100; 0 = all)'
complete -c kleaktop -n '__fish_seen_subcommand_from export' -s d -l delay -x -d 'Seconds between refreshes, decimals allowed'
complete -c kleaktop -n '__fish_seen_subcommand_from export' -s n -l iterations -x -d 'Stop after N refreshes (default: until interrupted)'
complete -c kleaktop -n '__fish_seen_subcommand_from export' -s s -l sort -x -a 'growth delta size objs active name objsize use slabs a b c l v n o p s u' -d 'Sort key: growth (default), delta, size, objs, active, name, objsize, use, slabs, or slabtop\'s letters a b c l v n o p s u'
complete -c kleaktop -n '__fish_seen_subcommand_from export' -s f -l filter -x -d 'Show only caches whose name or alias matches REGEX (case-insensitive)'
complete -c kleaktop -n '__fish_seen_subcommand_from export' -s w -l window -x -d 'Rate window in seconds for growth rates and the leak rule (default 60; export: 20 intervals, at least 60)'
complete -c kleaktop -n '__fish_seen_subcommand_from export' -l root -x -a '(__fish_complete_directories)' -d 'Read the kernel files under DIR instead of / (a captured tree)'
complete -c kleaktop -n '__fish_seen_subcommand_from export' -l debug -d 'Print stack traces with errors'
complete -c kleaktop -n '__fish_seen_subcommand_from export' -l allow-unsafe-dir -d 'Write even into a directory that another user owns, or that others can write to and is not sticky (refused by default: they could swap the file as it is written)'
complete -c kleaktop -n '__fish_seen_subcommand_from export' -s h -l help -d 'Show this help message and exit'
complete -c kleaktop -n '__fish_seen_subcommand_from export' -s V -l version -d 'Print version information and exit'
