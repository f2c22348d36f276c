package io.batchsend.cli;

import io.batchsend.app.LogReport;
import io.batchsend.app.Runner;
import io.batchsend.config.ExitCodes;
import io.batchsend.config.UsageException;
import io.batchsend.engine.Clock;
import io.batchsend.engine.Randomness;
import io.batchsend.engine.RunControl;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.random.RandomGenerator;
import picocli.CommandLine;

/**
 * Builds the one {@link CommandLine} that {@code Main} and every CLI test use, so tests exercise
 * the real wiring: handlers, converters, help and writers.
 */
public final class CommandLines {
  private CommandLines() {}

  /** Runs {@code batchsend args...} on the system clock and returns the exit code. */
  public static int execute(
      String[] args,
      Map<String, String> env,
      InputStream stdin,
      PrintWriter out,
      PrintWriter err,
      RunControl control) {
    return execute(args, env, stdin, out, err, control, Clock.SYSTEM, Randomness.SYSTEM);
  }

  /**
   * Runs {@code batchsend args...} and returns the exit code; what {@code Main} calls with the
   * system clock and random source, and CLI tests with fakes.
   */
  public static int execute(
      String[] args,
      Map<String, String> env,
      InputStream stdin,
      PrintWriter out,
      PrintWriter err,
      RunControl control,
      Clock clock,
      RandomGenerator random) {
    CommandLine cl = create(env, stdin, out, err, control, clock, random);
    Path configPath = configOption(args);
    if (configPath != null) {
      try {
        ConfigFile config = ConfigFile.load(configPath);
        config.validate(cl.getCommandSpec());
        cl.setDefaultValueProvider(config);
        ((BatchsendCommand) cl.getCommand()).useConfig(config);
      } catch (UsageException e) {
        err.println("batchsend: " + e.getMessage());
        err.println(ErrorHandlers.TRY_HELP);
        err.flush();
        return ExitCodes.USAGE;
      }
    }
    try {
      return cl.execute(args);
    } catch (Error e) {
      // picocli hands only Exceptions to the handlers; an Error must not exit 1 ("items failed").
      err.println("batchsend: internal error: " + e + " (please report it)");
      err.flush();
      return ExitCodes.INTERNAL;
    }
  }

  /** The value of {@code --config}, found before parsing because it sets the defaults. */
  private static Path configOption(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        return null;
      }
      if (args[i].startsWith("--config=")) {
        return Path.of(args[i].substring("--config=".length()));
      }
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
    }
    return null;
  }

  /** The command line on the system clock and random source. */
  public static CommandLine create(
      Map<String, String> env,
      InputStream stdin,
      PrintWriter out,
      PrintWriter err,
      RunControl control) {
    return create(env, stdin, out, err, control, Clock.SYSTEM, Randomness.SYSTEM);
  }

  /**
   * @param env the environment {@code ${VAR}} reads
   * @param stdin what the data {@code -} reads
   * @param out standard output
   * @param err standard error: messages and the summary
   * @param control the run's stop state, shared with the signal handler
   * @param clock time and every wait of a run (rate, backoff, pause)
   * @param random the backoff jitter's source
   */
  public static CommandLine create(
      Map<String, String> env,
      InputStream stdin,
      PrintWriter out,
      PrintWriter err,
      RunControl control,
      Clock clock,
      RandomGenerator random) {
    Runner runner = new Runner(env, stdin, out, err, clock, random, control);
    ErrorHandlers handlers = new ErrorHandlers();
    CommandLine cl = new CommandLine(new BatchsendCommand(runner, env));
    // Added first: the writers and handlers set below reach only subcommands already there.
    cl.addSubcommand("report", new ReportCommand(new LogReport(err)));
    cl.addSubcommand(new CompletionCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExpandAtFiles(false); // '-d @file' is a body template file, as in curl
    cl.setParameterExceptionHandler(handlers);
    cl.setExecutionExceptionHandler(handlers);
    cl.getCommandSpec()
        .usageMessage()
        .footerHeading("%nExit codes:%n")
        .footer(ExitCodes.helpLines());
    return cl;
  }
}
