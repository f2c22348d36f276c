package io.batchsend.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes the bash completion script of a command and its subcommands from their options. Our own
 * rather than picocli's {@code AutoComplete.bash}, which names its value lists after the parameter
 * label (two options labelled FORMAT shared the last list), offers enum constant names in upper
 * case where the help uses lower case, and completes no file for a {@code String} parameter such as
 * DATA ({@code -} reads standard input) or for {@code -d @file}.
 */
final class BashCompletion {
  /** How the value of an option or a positional parameter is completed. */
  enum Kind {
    /** No completion: a URL, a number, a template. */
    NONE,
    /** One of a closed set of words. */
    WORDS,
    /** One of a closed set of words, or nothing (the option's value is optional). */
    OPTIONAL_WORDS,
    /** A file name. */
    FILES,
    /** A file name after an {@code @}: the value may be {@code @file}, as in curl. */
    AT_FILES
  }

  /** Options whose value may be {@code @file} (see {@link BodyArgument}). */
  private static final Set<String> AT_FILE_OPTIONS = Set.of("--body");

  /** What a completion word may hold: words are put into the script unquoted. */
  private static final Pattern SAFE_WORD = Pattern.compile("[A-Za-z0-9._+:/-]+");

  private final String name;
  private final CommandSpec root;

  BashCompletion(String name, CommandSpec root) {
    this.name = name;
    this.root = root;
  }

  /** How the value of {@code arg}, an option or a positional parameter, is completed. */
  static Kind kind(ArgSpec arg) {
    List<String> words = words(arg);
    if (!words.isEmpty()) {
      return arg.arity().min() == 0 ? Kind.OPTIONAL_WORDS : Kind.WORDS;
    }
    if (arg instanceof OptionSpec o && AT_FILE_OPTIONS.contains(o.longestName())) {
      return Kind.AT_FILES;
    }
    Class<?> type = arg.auxiliaryTypes().length > 0 ? arg.auxiliaryTypes()[0] : arg.type();
    if (Path.class.isAssignableFrom(type)
        || File.class.isAssignableFrom(type)
        || arg.paramLabel().contains("FILE")
        || (arg.isPositional() && arg.completionCandidates() == null)) {
      return Kind.FILES;
    }
    return Kind.NONE;
  }

  /**
   * The words offered for {@code arg}: its completion candidates, or an enum's constants in lower
   * case, as the help and the parser (case-insensitive) take them; empty for an open value.
   */
  static List<String> words(ArgSpec arg) {
    Class<?> type = arg.auxiliaryTypes().length > 0 ? arg.auxiliaryTypes()[0] : arg.type();
    List<String> words = new ArrayList<>();
    if (type.isEnum()) {
      for (Object constant : type.getEnumConstants()) {
        words.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
      }
    } else if (arg.completionCandidates() != null) {
      arg.completionCandidates().forEach(words::add);
    }
    for (String w : words) {
      if (!SAFE_WORD.matcher(w).matches()) {
        throw new IllegalStateException("completion word needs quoting: " + w);
      }
    }
    return words;
  }

  /** The whole script: the helper functions, one case per option, and the {@code complete}. */
  String script() {
    List<CommandSpec> commands = new ArrayList<>();
    commands.add(root);
    root.subcommands().values().forEach(c -> commands.add(c.getCommandSpec()));
    String fn = "_" + name;
    StringBuilder sb = new StringBuilder();
    sb.append("# bash completion for ")
        .append(name)
        .append(", written by '")
        .append(name)
        .append(" completion bash' from its options.\n")
        .append("# Load it with: source <(")
        .append(name)
        .append(" completion bash), or save it as /etc/bash_completion.d/")
        .append(name)
        .append(".\n\n");

    sb.append("# Sets ")
        .append(fn)
        .append("_kind (and ")
        .append(fn)
        .append("_words) for the value of option $2 of command $1;\n")
        .append("# returns 1 when the option takes no value.\n")
        .append(fn)
        .append("_option() {\n")
        .append("  ")
        .append(fn)
        .append("_words=\n")
        .append("  case \"$1 $2\" in\n");
    for (CommandSpec c : commands) {
      for (OptionSpec o : c.options()) {
        if (o.arity().max() == 0) {
          continue;
        }
        StringJoiner patterns = new StringJoiner("|");
        for (String n : o.names()) {
          patterns.add("'" + c.qualifiedName() + " " + n + "'");
        }
        sb.append("    ").append(patterns).append(") ");
        appendKind(sb, fn, o);
        sb.append(" ;;\n");
      }
    }
    sb.append("    *) return 1 ;;\n").append("  esac\n").append("}\n\n");

    sb.append("# Sets ")
        .append(fn)
        .append("_kind (and ")
        .append(fn)
        .append("_words) for positional parameter $2 (from 0) of command $1.\n")
        .append(fn)
        .append("_positional() {\n")
        .append("  ")
        .append(fn)
        .append("_words=\n");
    for (CommandSpec c : commands) {
      for (PositionalParamSpec p : c.positionalParameters()) {
        int min = p.index().min();
        int max = p.index().max();
        // A list (LOG...) takes every word from its index on.
        boolean unbounded = max == Integer.MAX_VALUE || p.arity().max() > 1;
        sb.append("  if [[ $1 == '")
            .append(c.qualifiedName())
            .append("' ]] && (( $2 >= ")
            .append(min);
        if (!unbounded) {
          sb.append(" && $2 <= ").append(max);
        }
        sb.append(" )); then ");
        appendKind(sb, fn, p);
        sb.append("; return 0; fi\n");
      }
    }
    sb.append("  ").append(fn).append("_kind=NONE\n").append("}\n\n");

    sb.append("# The option names of command $1.\n")
        .append(fn)
        .append("_names() {\n")
        .append("  case $1 in\n");
    for (CommandSpec c : commands) {
      StringJoiner names = new StringJoiner(" ");
      for (OptionSpec o : c.options()) {
        if (!o.hidden()) {
          for (String n : o.names()) {
            names.add(n);
          }
        }
      }
      sb.append("    '")
          .append(c.qualifiedName())
          .append("') echo '")
          .append(names)
          .append("' ;;\n");
    }
    sb.append("  esac\n").append("}\n\n");

    StringJoiner subcommands = new StringJoiner(" ");
    root.subcommands().keySet().forEach(subcommands::add);
    sb.append(
        SCRIPT_BODY
            .replace("_FN_", fn)
            .replace("_NAME_", name)
            .replace("_SUBCOMMANDS_", subcommands.toString()));
    return sb.toString();
  }

  private static void appendKind(StringBuilder sb, String fn, ArgSpec arg) {
    Kind kind = kind(arg);
    sb.append(fn).append("_kind=").append(kind.name());
    if (kind == Kind.WORDS || kind == Kind.OPTIONAL_WORDS) {
      sb.append("; ")
          .append(fn)
          .append("_words='")
          .append(String.join(" ", words(arg)))
          .append('\'');
    }
  }

  /**
   * The completion function. It walks the words before the cursor to find the subcommand and the
   * number of positional parameters so far (skipping option values, including those bash splits off
   * at an {@code =}), then completes the value of the option before the cursor, an option name, or
   * a positional parameter. Written for bash and for zsh's bashcompinit (which has no compopt).
   */
  private static final String SCRIPT_BODY =
      """
      # Fills COMPREPLY with the completions of $2 for the kind in _FN__kind.
      _FN__reply() {
        local IFS=$'\\n' f
        case $_FN__kind in
          WORDS|OPTIONAL_WORDS)
            COMPREPLY+=( $(IFS=' '; compgen -W "$_FN__words" -- "$2") ) ;;
          FILES)
            type compopt >/dev/null 2>&1 && compopt -o filenames 2>/dev/null
            COMPREPLY+=( $(compgen -f -- "$2") ) ;;
          AT_FILES)
            # A glob, not compgen -f: zsh's compgen lists files by its own prefix, '@' included.
            if [[ $2 == @* ]]; then
              for f in "${2#@}"*; do
                if [[ -d $f ]]; then
                  type compopt >/dev/null 2>&1 && compopt -o nospace 2>/dev/null
                  COMPREPLY+=( "@$f/" )
                elif [[ -e $f ]]; then
                  COMPREPLY+=( "@$f" )
                fi
              done
            fi ;;
        esac
      }

      # True when $1 is one of the words in _FN__words.
      _FN__is_word() {
        local w
        for w in $_FN__words; do [[ $w == "$1" ]] && return 0; done
        return 1
      }

      _FN_() {
        COMPREPLY=()
        local cur=${COMP_WORDS[COMP_CWORD]} cmd='_NAME_' npos=0 i w opt= dashdash=
        for (( i = 1; i < COMP_CWORD; i++ )); do
          w=${COMP_WORDS[i]}
          if [[ -z $dashdash && $w == '=' ]]; then
            i=$((i + 1)) # bash split '--option=value': skip the value
          elif [[ -z $dashdash && $w == '--' ]]; then
            dashdash=1
          elif [[ -z $dashdash && $w == -?* ]]; then
            if [[ ${COMP_WORDS[i+1]} != '=' ]] && _FN__option "$cmd" "$w"; then
              if [[ $_FN__kind != OPTIONAL_WORDS ]] || _FN__is_word "${COMP_WORDS[i+1]}"; then
                i=$((i + 1))
              fi
            fi
          elif [[ $cmd == '_NAME_' && $npos == 0 && -z $dashdash && " _SUBCOMMANDS_ " == *" $w "* ]]; then
            cmd="_NAME_ $w"
          else
            npos=$((npos + 1))
          fi
        done

        if [[ $cur == '=' ]] && (( COMP_CWORD >= 2 )); then
          opt=${COMP_WORDS[COMP_CWORD-1]}; cur=
        elif (( COMP_CWORD >= 3 )) && [[ ${COMP_WORDS[COMP_CWORD-1]} == '=' ]]; then
          opt=${COMP_WORDS[COMP_CWORD-2]}
        elif [[ -z $dashdash && $cur == --*=* ]]; then
          # One word '--option=value' (zsh, or '=' not in COMP_WORDBREAKS): complete the value
          # behind the option.
          if _FN__option "$cmd" "${cur%%=*}"; then
            local i value=${cur#*=} before=${#COMPREPLY[@]}
            _FN__reply "$cmd" "$value"
            for (( i = before; i < ${#COMPREPLY[@]}; i++ )); do
              COMPREPLY[i]="${cur%%=*}=${COMPREPLY[i]}"
            done
          fi
          return 0
        elif (( COMP_CWORD >= 2 )); then
          opt=${COMP_WORDS[COMP_CWORD-1]}
        fi
        if [[ -z $dashdash && $opt == -?* ]] && _FN__option "$cmd" "$opt"; then
          _FN__reply "$cmd" "$cur"
          # An optional value may be left out: what follows the option is offered too.
          [[ $_FN__kind != OPTIONAL_WORDS ]] && return 0
        fi

        if [[ -z $dashdash && $cur == -* ]]; then
          local IFS=$'\\n'
          COMPREPLY+=( $(IFS=' '; compgen -W "$(_FN__names "$cmd")" -- "$cur") )
          return 0
        fi
        if [[ $cmd == '_NAME_' && $npos == 0 && -z $dashdash ]]; then
          local IFS=$'\\n'
          COMPREPLY+=( $(IFS=' '; compgen -W '_SUBCOMMANDS_' -- "$cur") )
        fi
        _FN__positional "$cmd" "$npos"
        _FN__reply "$cmd" "$cur"
        return 0
      }

      complete -F _FN_ _NAME_
      """;
}
