package io.batchsend.cli;

import io.batchsend.app.ExitCodes;
import io.batchsend.app.Runner;
import io.batchsend.engine.Clock;
import io.batchsend.engine.RunControl;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * Builds the one {@link CommandLine} that {@code Main} and every CLI test use, so tests exercise
 * the real wiring: handlers, converters, help and writers.
 */
public final class CommandLines {
  private CommandLines() {}

  /** Runs {@code batchsend args...} and returns the exit code; what {@code Main} calls. */
  public static int execute(
      String[] args,
      Map<String, String> env,
      InputStream stdin,
      PrintWriter out,
      PrintWriter err,
      RunControl control) {
    return create(env, stdin, out, err, control).execute(args);
  }

  /**
   * @param env the environment {@code ${VAR}} reads
   * @param stdin what the data {@code -} reads
   * @param out standard output
   * @param err standard error: messages and the summary
   * @param control the run's stop state, shared with the signal handler
   */
  public static CommandLine create(
      Map<String, String> env,
      InputStream stdin,
      PrintWriter out,
      PrintWriter err,
      RunControl control) {
    Runner runner = new Runner(env, stdin, err, Clock.SYSTEM, control);
    ErrorHandlers handlers = new ErrorHandlers();
    CommandLine cl = new CommandLine(new BatchsendCommand(runner, env));
    cl.addSubcommand(new CompletionCommand()); // first: the settings below reach subcommands
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(handlers);
    cl.setExecutionExceptionHandler(handlers);
    cl.getCommandSpec()
        .usageMessage()
        .footerHeading("%nExit codes:%n")
        .footer(ExitCodes.helpLines());
    return cl;
  }
}
