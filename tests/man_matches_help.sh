#!/usr/bin/env bash
# The manual pages and the bash completion stay true to the program: every command and option
# `kindly ... --help` lists is described in kindly(1) (docs/man/kindly.1.scd) and offered by the
# completion, every option and command kindly(1) describes exists, every key of the script
# format's JSON Schema is described in kindly-script(5), and `kindly --version` prints the
# version CMake's project() gives.
#   man_matches_help.sh KINDLY_BINARY SOURCE_DIR VERSION
set -euo pipefail
kindly=$1
source=$2
version=$3
man1=$source/docs/man/kindly.1.scd
man5=$source/docs/man/kindly-script.5.scd
completion=$source/packaging/kindly.bash-completion
problems=0
problem() { echo "$*" >&2; problems=$((problems + 1)); }

# The options a --help lists: its "Options:" part, each line's leading -x/--name words.
options_of() {
  "$kindly" "$@" --help | sed -n '/^Options:/,/^[A-Z][a-z]*:/p' |
    grep -oE '^  (-[a-zA-Z],)?--[a-z][a-z-]*' | tr ',' '\n' | sed 's/^ *//' | grep -v -- '^-h$\|^--help$' || true
}
commands=$("$kindly" --help | sed -n '/^Subcommands:/,$p' | grep -oE '^  [a-z]+' | sed 's/^ *//')
[ -n "$commands" ] || problem "kindly --help lists no commands"

all_options=$(options_of)
for option in $all_options; do
  grep -qF -- "*$option*" "$man1" || problem "kindly.1: the option $option of kindly is not described"
done
completion_line() { grep -E "^ *$1\) options=" "$completion" || true; }
main_line=$(grep -E '^ *""\) options=' "$completion" || true)
for option in $all_options --version; do
  case " $(echo "$main_line" | sed 's/.*options="//; s/".*//') " in *" $option "*) ;;
    *) [ "${option#--}" != "$option" ] && problem "completion: kindly's option $option is not offered" ;; esac
done

for command in $commands; do
  grep -qE "^## kindly $command( |\$)" "$man1" || problem "kindly.1: the command '$command' has no section"
  grep -qE "(^|\|)$command(\||\))" "$completion" || grep -qE "commands=\".*\b$command\b" "$completion" ||
    problem "completion: the command '$command' is not offered"
  line=$(grep -E "^ *([a-z|]*\|)?$command(\|[a-z|]*)?\) options=" "$completion" | sed 's/.*options="//; s/".*//' || true)
  # The section of kindly.1 that describes this command: from its heading to the next one.
  section=$(awk -v h="## kindly $command" 'index($0, h) == 1 {on = 1; next} /^#/ {on = 0} on' "$man1")
  command_options=$(options_of "$command")
  all_options="$all_options $command_options"
  for option in $command_options; do
    echo "$section" | grep -qF -- "*$option*" || problem "kindly.1: 'kindly $command $option' is not described in its section"
    if [ "${option#--}" != "$option" ]; then
      case " $line " in *" $option "*) ;; *) problem "completion: 'kindly $command $option' is not offered" ;; esac
    fi
  done
done

# Nothing described that does not exist.
for option in $(grep -oE '\*--?[a-z][a-z-]*\*' "$man1" | tr -d '*' | sort -u); do
  case " $(echo $all_options) --version --help -h " in *" $option "*) ;;
    *) problem "kindly.1 describes $option, which no command has" ;; esac
done
for command in $(grep -oE '^## kindly [a-z]+' "$man1" | awk '{print $3}'); do
  echo "$commands" | grep -qx "$command" || problem "kindly.1 describes the command '$command', which kindly does not have"
done

# Every key of the script format: the schema's property names (its "definitions", at its end,
# are shared value types, not keys); a table counts as described by its heading ([mix]).
for key in $(sed '/"definitions"/,$d' "$source/scripts/session-script.schema.json" | grep -oE '"[a-z_]+": *\{' |
             grep -oE '[a-z_]+' | grep -vxE 'properties|items|oneOf|anyOf|allOf|not|if|then|else|additionalProperties' | sort -u); do
  grep -qF -e "*$key*" -e "[$key]" "$man5" || problem "kindly-script.5: the key '$key' is not described"
done

got=$("$kindly" --version)
[ "$got" = "kindly $version" ] || problem "kindly --version printed '$got', not 'kindly $version'"

if [ "$problems" -ne 0 ]; then echo "$problems problems" >&2; exit 1; fi
echo "kindly(1), kindly-script(5) and the completion agree with --help ($(echo $commands | wc -w) commands) and the schema"
