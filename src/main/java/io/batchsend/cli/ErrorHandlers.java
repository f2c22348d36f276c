package io.batchsend.cli;

import io.batchsend.app.RunLock;
import io.batchsend.config.ExitCodes;
import io.batchsend.config.OutputException;
import io.batchsend.config.UsageException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every exception into one line on stderr and an exit code. Nothing reaches picocli's default
 * mapping, which would report a bug as 1 ("items failed").
 */
final class ErrorHandlers implements IParameterExceptionHandler, IExecutionExceptionHandler {
  static final String TRY_HELP = "Try 'batchsend --help' for more information.";

  /** Shown when batchsend is run with no arguments at all, before the "Try" line. */
  static final String SHORT_USAGE =
      String.format(
          "Usage: batchsend [OPTIONS] -u TEMPLATE DATA%n"
              + "  e.g. batchsend -u 'https://api.example.com/users/{data}' ids.txt");

  /** The longest error line: picocli quotes unmatched arguments whole, and one may be megabytes. */
  static final int MAX_LINE = 300;

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    PrintWriter err = ex.getCommandLine().getErr();
    err.println("batchsend: " + firstLine(ex.getMessage()));
    err.println(tryHelp(ex.getCommandLine()));
    err.flush();
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
    PrintWriter err = cl.getErr();
    boolean verbose = cl.getCommand() instanceof BatchsendCommand c && c.isVerbose();
    int code;
    if (ex instanceof UsageException) {
      err.println("batchsend: " + firstLine(ex.getMessage()));
      if (parseResult.originalArgs().isEmpty() && cl.getCommand() instanceof BatchsendCommand) {
        err.println(SHORT_USAGE);
      }
      err.println(tryHelp(cl));
      code = ExitCodes.USAGE;
    } else if (ex instanceof RunLock.HeldException) {
      err.println("batchsend: " + firstLine(ex.getMessage()));
      code = ExitCodes.LOCKED;
    } else if (ex instanceof OutputException) {
      err.println("batchsend: " + firstLine(ex.getMessage()));
      code = ExitCodes.IO;
    } else {
      err.println("batchsend: internal error: " + ex + " (please report it; -v shows the stack)");
      code = ExitCodes.INTERNAL;
    }
    if (verbose && code != ExitCodes.USAGE) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** The contract's "Try" line, naming the subcommand when the error is in one. */
  private static String tryHelp(CommandLine cl) {
    String name = cl.getCommandSpec().qualifiedName();
    return name.equals("batchsend") ? TRY_HELP : "Try '" + name + " --help' for more information.";
  }

  /** The message's first line, cut to {@link #MAX_LINE} characters. */
  static String firstLine(String message) {
    if (message == null) {
      return "error";
    }
    int nl = message.indexOf('\n');
    String line = (nl < 0 ? message : message.substring(0, nl)).strip();
    if (line.length() <= MAX_LINE) {
      return line;
    }
    int cut = Character.isHighSurrogate(line.charAt(MAX_LINE - 1)) ? MAX_LINE - 1 : MAX_LINE;
    return line.substring(0, cut) + "... (" + (line.length() - cut) + " more characters)";
  }
}
