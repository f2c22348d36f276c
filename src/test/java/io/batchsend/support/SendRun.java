package io.batchsend.support;

import io.batchsend.support.CliRun.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mockwebserver3.MockWebServer;

/**
 * One in-process send run with the set-up most CLI tests share, so a test states only what differs:
 * items written to {@code items.txt} in the test's temp dir (or given on stdin), the log at {@code
 * <dir>/log}, {@code -c 1} so requests arrive in item order, and a loopback URL.
 *
 * <p>{@link #run()} passes {@code -c N [--log-format F] -o LOG [args...] -u URL INPUT} to the real
 * command line through {@link CliRun}.
 */
public final class SendRun {
  private final Path dir;
  private final CliRun cli = CliRun.cli();
  private final List<String> args = new ArrayList<>();
  private String concurrency = "1";
  private Path log;
  private String logFormat;
  private String url;
  private String input;

  private SendRun(Path dir) {
    this.dir = dir;
    this.log = dir.resolve("log");
  }

  /**
   * A run whose files (data file, log) live in {@code dir}, usually the test's {@code @TempDir}.
   */
  public static SendRun in(Path dir) {
    return new SendRun(dir);
  }

  /** {@code -u http://127.0.0.1:PORT<pathAndQuery>}. */
  public SendRun to(MockWebServer server, String pathAndQuery) {
    return url(Servers.url(server, pathAndQuery));
  }

  /** {@code -u template} as given, e.g. {@code {data}} for a file of whole URLs. */
  public SendRun url(String template) {
    this.url = template;
    return this;
  }

  /** Writes {@code lines} to {@code items.txt} in the dir and sends that file. */
  public SendRun items(List<String> lines) {
    return input(Logs.dataFile(dir, "items.txt", lines));
  }

  public SendRun items(String... lines) {
    return items(List.of(lines));
  }

  /** Sends an existing input file. */
  public SendRun input(Path file) {
    this.input = file.toString();
    return this;
  }

  /** Sends {@code text} on stdin (input {@code -}). */
  public SendRun stdin(String text) {
    cli.stdin(text);
    this.input = "-";
    return this;
  }

  public SendRun stdin(byte[] bytes) {
    cli.stdin(bytes);
    this.input = "-";
    return this;
  }

  /** {@code -c n} instead of {@code -c 1}. */
  public SendRun concurrency(int n) {
    this.concurrency = Integer.toString(n);
    return this;
  }

  /** {@code -o file} instead of {@code <dir>/log}. */
  public SendRun log(Path file) {
    this.log = file;
    return this;
  }

  /** {@code --log-format jsonl}, so {@link Logs#jsonl} can read the log. */
  public SendRun jsonl() {
    return logFormat("jsonl");
  }

  public SendRun logFormat(String format) {
    this.logFormat = format;
    return this;
  }

  /** Further options, passed after {@code -o} and before {@code -u}. */
  public SendRun args(String... more) {
    args.addAll(Arrays.asList(more));
    return this;
  }

  public SendRun env(String name, String value) {
    cli.env(name, value);
    return this;
  }

  /** The request log this run writes. */
  public Path log() {
    return log;
  }

  /** The full argument list {@link #run()} passes. */
  public List<String> argv() {
    if (url == null || input == null) {
      throw new IllegalStateException("a send run needs a URL (to/url) and input (items/stdin)");
    }
    List<String> argv = new ArrayList<>(List.of("-c", concurrency));
    if (logFormat != null) {
      argv.addAll(List.of("--log-format", logFormat));
    }
    argv.addAll(List.of("-o", log.toString()));
    argv.addAll(args);
    argv.addAll(List.of("-u", url, input));
    return argv;
  }

  public Result run() {
    return cli.run(argv().toArray(String[]::new));
  }
}
