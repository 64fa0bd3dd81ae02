#!/usr/bin/env bash
#
# bash completion for kleaktop: options, subcommands, sort keys, formats, kmemleak
# actions, file and directory arguments. Generated from the command definitions by
# bin/gen-completions (picocli's AutoComplete, with directory arguments completed as
# directories); do not edit. bin/install puts it in
# PREFIX/share/bash-completion/completions/kleaktop; or source it from ~/.bashrc.

if [ -n "$BASH_VERSION" ]; then
  # Enable programmable completion facilities when using bash (see [3])
  shopt -s progcomp
elif [ -n "$ZSH_VERSION" ]; then
  # Make alias a distinct command for completion purposes when using zsh (see [4])
  setopt COMPLETE_ALIASES
  alias compopt=complete

  # Enable bash completion in zsh (see [7])
  # Only initialize completions module once to avoid unregistering existing completions.
  if ! type compdef > /dev/null; then
    autoload -U +X compinit && compinit
  fi
  autoload -U +X bashcompinit && bashcompinit
fi

# CompWordsContainsArray takes an array and then checks
# if all elements of this array are in the global COMP_WORDS array.
#
# Returns zero (no error) if all elements of the array are in the COMP_WORDS array,
# otherwise returns 1 (error).
function CompWordsContainsArray() {
  declare -a localArray
  localArray=("$@")
  local findme
  for findme in "${localArray[@]}"; do
    if ElementNotInCompWords "$findme"; then return 1; fi
  done
  return 0
}
function ElementNotInCompWords() {
  local findme="$1"
  local element
  for element in "${COMP_WORDS[@]}"; do
    if [[ "$findme" = "$element" ]]; then return 1; fi
  done
  return 0
}

# The `currentPositionalIndex` function calculates the index of the current positional parameter.
#
# currentPositionalIndex takes three parameters:
# the command name,
# a space-separated string with the names of options that take a parameter, and
# a space-separated string with the names of boolean options (that don't take any params).
# When done, this function echos the current positional index to std_out.
#
# Example usage:
# local currIndex=$(currentPositionalIndex "mysubcommand" "$ARG_OPTS" "$FLAG_OPTS")
function currentPositionalIndex() {
  local commandName="$1"
  local optionsWithArgs="$2"
  local booleanOptions="$3"
  local previousWord
  local result=0

  for i in $(seq $((COMP_CWORD - 1)) -1 0); do
    previousWord=${COMP_WORDS[i]}
    if [ "${previousWord}" = "$commandName" ]; then
      break
    fi
    if [[ "${optionsWithArgs}" =~ ${previousWord} ]]; then
      ((result-=2)) # Arg option and its value not counted as positional param
    elif [[ "${booleanOptions}" =~ ${previousWord} ]]; then
      ((result-=1)) # Flag option itself not counted as positional param
    fi
    ((result++))
  done
  echo "$result"
}

# compReplyArray generates a list of completion suggestions based on an array, ensuring all values are properly escaped.
#
# compReplyArray takes a single parameter: the array of options to be displayed
#
# The output is echoed to std_out, one option per line.
#
# Example usage:
# local options=("foo", "bar", "baz")
# local IFS=$'\n'
# COMPREPLY=($(compReplyArray "${options[@]}"))
function compReplyArray() {
  declare -a options
  options=("$@")
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local i
  local quoted
  local optionList=()

  for (( i=0; i<${#options[@]}; i++ )); do
    # Double escape, since we want escaped values, but compgen -W expands the argument
    printf -v quoted %q "${options[i]}"
    quoted=\'${quoted//\'/\'\\\'\'}\'

    optionList[i]=$quoted
  done

  # We also have to add another round of escaping to $curr_word.
  curr_word=${curr_word//\\/\\\\}
  curr_word=${curr_word//\'/\\\'}

  # Actually generate completions.
  local IFS=$'\n'
  echo -e "$(compgen -W "${optionList[*]}" -- "$curr_word")"
}

# Bash completion entry point function.
# _complete_kleaktop finds which commands and subcommands have been specified
# on the command line and delegates to the appropriate function
# to generate possible options and subcommands for the last specified subcommand.
function _complete_kleaktop() {
  # Edge case: if command line has no space after subcommand, then don't assume this subcommand is selected (remkop/picocli#1468).
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} snapshot" ];    then _picocli_kleaktop; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} diff" ];    then _picocli_kleaktop; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} oom" ];    then _picocli_kleaktop; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} kmemleak" ];    then _picocli_kleaktop; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} export" ];    then _picocli_kleaktop; return $?; fi

  # Find the longest sequence of subcommands and call the bash function for that subcommand.
  local cmds0=(snapshot)
  local cmds1=(diff)
  local cmds2=(oom)
  local cmds3=(kmemleak)
  local cmds4=(export)

  if CompWordsContainsArray "${cmds4[@]}"; then _picocli_kleaktop_export; return $?; fi
  if CompWordsContainsArray "${cmds3[@]}"; then _picocli_kleaktop_kmemleak; return $?; fi
  if CompWordsContainsArray "${cmds2[@]}"; then _picocli_kleaktop_oom; return $?; fi
  if CompWordsContainsArray "${cmds1[@]}"; then _picocli_kleaktop_diff; return $?; fi
  if CompWordsContainsArray "${cmds0[@]}"; then _picocli_kleaktop_snapshot; return $?; fi

  # No subcommands were specified; generate completions for the top-level command.
  _picocli_kleaktop; return $?;
}

# Generates completions for the options and subcommands of the `kleaktop` command.
function _picocli_kleaktop() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands="snapshot diff oom kmemleak export"
  local flag_opts="'-b' '--batch' '--read-only' '--no-color' '--debug' '--allow-unsafe-dir' '-h' '--help' '-V' '--version'"
  local arg_opts="'-d' '--delay' '-n' '--iterations' '-s' '--sort' '-f' '--filter' '-w' '--window' '--horizon' '--min-growth' '--min-growth-kib' '--min-growth-pct' '--root' '--series' '--dmesg-file' '--kmemleak-file' '--format' '--snapshot-dir' '--view'"
  local KEY_option_args=("growth" "delta" "size" "objs" "active" "name" "objsize" "use" "slabs" "a" "b" "c" "l" "v" "n" "o" "p" "s" "u") # --sort values
  local FMT_option_args=("text" "json" "csv") # --format values
  local VIEW_option_args=("caches" "ledger") # --view values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-d'|'--delay')
      return
      ;;
    '-n'|'--iterations')
      return
      ;;
    '-s'|'--sort')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${KEY_option_args[@]}" ) )
      return $?
      ;;
    '-f'|'--filter')
      return
      ;;
    '-w'|'--window')
      return
      ;;
    '--horizon')
      return
      ;;
    '--min-growth')
      return
      ;;
    '--min-growth-kib')
      return
      ;;
    '--min-growth-pct')
      return
      ;;
    '--root')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -d -- "${curr_word}" ) ) # directories
      return $?
      ;;
    '--series')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -f -- "${curr_word}" ) ) # files
      return $?
      ;;
    '--dmesg-file')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -f -- "${curr_word}" ) ) # files
      return $?
      ;;
    '--kmemleak-file')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -f -- "${curr_word}" ) ) # files
      return $?
      ;;
    '--format')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FMT_option_args[@]}" ) )
      return $?
      ;;
    '--snapshot-dir')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -d -- "${curr_word}" ) ) # directories
      return $?
      ;;
    '--view')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${VIEW_option_args[@]}" ) )
      return $?
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `snapshot` subcommand.
function _picocli_kleaktop_snapshot() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'--force' '--allow-unsafe-dir' '--debug' '-h' '--help' '-V' '--version'"
  local arg_opts="'-o' '--output' '--root' '--dmesg-file' '--kmemleak-file' '--snapshot-dir' '--format'"
  local FMT_option_args=("text" "json") # --format values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -f -- "${curr_word}" ) ) # files
      return $?
      ;;
    '--root')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -d -- "${curr_word}" ) ) # directories
      return $?
      ;;
    '--dmesg-file')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -f -- "${curr_word}" ) ) # files
      return $?
      ;;
    '--kmemleak-file')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -f -- "${curr_word}" ) ) # files
      return $?
      ;;
    '--snapshot-dir')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -d -- "${curr_word}" ) ) # directories
      return $?
      ;;
    '--format')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FMT_option_args[@]}" ) )
      return $?
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `diff` subcommand.
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
    [[ -e $f ]] && printf '%s
' "${f##*/}"
  done
  return 0
}

function _picocli_kleaktop_diff() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'--debug' '-h' '--help' '-V' '--version'"
  local arg_opts="'--top' '-f' '--filter' '--root' '--dmesg-file' '--kmemleak-file' '--snapshot-dir' '--format'"
  local FMT_option_args=("text" "json") # --format values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '--top')
      return
      ;;
    '-f'|'--filter')
      return
      ;;
    '--root')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -d -- "${curr_word}" ) ) # directories
      return $?
      ;;
    '--dmesg-file')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -f -- "${curr_word}" ) ) # files
      return $?
      ;;
    '--kmemleak-file')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -f -- "${curr_word}" ) ) # files
      return $?
      ;;
    '--snapshot-dir')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -d -- "${curr_word}" ) ) # directories
      return $?
      ;;
    '--format')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FMT_option_args[@]}" ) )
      return $?
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local currIndex
    currIndex=$(currentPositionalIndex "diff" "${arg_opts}" "${flag_opts}")
    if (( currIndex >= 0 && currIndex <= 0 )); then
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      positionals=$( compgen -f -- "${curr_word}"; _kleaktop_snapshots ) # files, saved snapshots
    elif (( currIndex >= 1 && currIndex <= 1 )); then
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      positionals=$( compgen -f -- "${curr_word}"; _kleaktop_snapshots ) # files, saved snapshots
    fi
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `oom` subcommand.
function _picocli_kleaktop_oom() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'--debug' '-h' '--help' '-V' '--version'"
  local arg_opts="'--root' '--dmesg-file' '--format'"
  local FMT_option_args=("text" "json") # --format values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '--root')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -d -- "${curr_word}" ) ) # directories
      return $?
      ;;
    '--dmesg-file')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -f -- "${curr_word}" ) ) # files
      return $?
      ;;
    '--format')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FMT_option_args[@]}" ) )
      return $?
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `kmemleak` subcommand.
function _picocli_kleaktop_kmemleak() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'--read-only' '--debug' '-h' '--help' '-V' '--version'"
  local arg_opts="'--file' '--root' '--kmemleak-file' '--format'"
  local FMT_option_args=("text" "json") # --format values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '--file')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -f -- "${curr_word}" ) ) # files
      return $?
      ;;
    '--root')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -d -- "${curr_word}" ) ) # directories
      return $?
      ;;
    '--kmemleak-file')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -f -- "${curr_word}" ) ) # files
      return $?
      ;;
    '--format')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FMT_option_args[@]}" ) )
      return $?
      ;;
  esac
  local ACTION_pos_param_args=("report" "scan" "clear") # 0-0 values

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local currIndex
    currIndex=$(currentPositionalIndex "kmemleak" "${arg_opts}" "${flag_opts}")
    if (( currIndex >= 0 && currIndex <= 0 )); then
      positionals=$( compReplyArray "${ACTION_pos_param_args[@]}" )
    fi
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `export` subcommand.
function _picocli_kleaktop_export() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'--debug' '--allow-unsafe-dir' '-h' '--help' '-V' '--version'"
  local arg_opts="'--listen' '--textfile' '--top' '-d' '--delay' '-n' '--iterations' '-s' '--sort' '-f' '--filter' '-w' '--window' '--horizon' '--min-growth' '--min-growth-kib' '--min-growth-pct' '--root'"
  local KEY_option_args=("growth" "delta" "size" "objs" "active" "name" "objsize" "use" "slabs" "a" "b" "c" "l" "v" "n" "o" "p" "s" "u") # --sort values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '--listen')
      return
      ;;
    '--textfile')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -f -- "${curr_word}" ) ) # files
      return $?
      ;;
    '--top')
      return
      ;;
    '-d'|'--delay')
      return
      ;;
    '-n'|'--iterations')
      return
      ;;
    '-s'|'--sort')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${KEY_option_args[@]}" ) )
      return $?
      ;;
    '-f'|'--filter')
      return
      ;;
    '-w'|'--window')
      return
      ;;
    '--horizon')
      return
      ;;
    '--min-growth')
      return
      ;;
    '--min-growth-kib')
      return
      ;;
    '--min-growth-pct')
      return
      ;;
    '--root')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( compgen -d -- "${curr_word}" ) ) # directories
      return $?
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Define a completion specification (a compspec) for the
# `kleaktop`, `kleaktop.sh`, and `kleaktop.bash` commands.
# Uses the bash `complete` builtin (see [6]) to specify that shell function
# `_complete_kleaktop` is responsible for generating possible completions for the
# current word on the command line.
# The `-o default` option means that if the function generated no matches, the
# default Bash completions and the Readline default filename completions are performed.
complete -F _complete_kleaktop -o default kleaktop
