package io.batchsend.cli;

import io.batchsend.config.UsageException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code batchsend completion bash|zsh}: prints a completion script generated from the options. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    usageHelpAutoWidth = true,
    descriptionHeading = "%n",
    description = {
      "Print a shell completion script for batchsend.",
      "bash: source <(batchsend completion bash), or save it in"
          + " /etc/bash_completion.d/batchsend.",
      "zsh: source <(batchsend completion zsh) in ~/.zshrc."
    },
    parameterListHeading = "%nArguments:%n",
    optionListHeading = "%nOptions:%n",
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  the script was printed",
      "  2  usage error: no SHELL, or one other than bash or zsh"
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "SHELL",
      completionCandidates = Shells.class,
      description = "bash or zsh.")
  String shell;

  @Override
  public Integer call() {
    String name = shell.strip().toLowerCase(Locale.ROOT);
    if (!new Shells().contains(name)) {
      throw new UsageException("unknown shell '" + shell + "': expected bash or zsh");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (name.equals("zsh")) {
      // zsh runs bash completion functions through bashcompinit, which needs compinit's compdef.
      out.println("(( $+functions[compdef] )) || { autoload -U +X compinit && compinit; }");
      out.println("autoload -U +X bashcompinit && bashcompinit");
    }
    out.print(new BashCompletion("batchsend", spec.root()).script());
    out.flush();
    return 0;
  }

  /** The shells a script can be printed for; also the completion candidates of SHELL. */
  static final class Shells extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Shells() {
      super(List.of("bash", "zsh"));
    }
  }
}
