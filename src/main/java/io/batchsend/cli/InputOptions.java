package io.batchsend.cli;

import io.batchsend.config.InputFormat;
import io.batchsend.config.InputSpec;
import io.batchsend.config.OptionDefaults;
import io.batchsend.config.UsageException;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The "Input" section: where the items come from and how they are read. */
final class InputOptions {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DATA",
      description =
          "Data file ('./report' for a file named report): one item per line, CSV with a"
              + " header row, or JSON Lines, in UTF-8; '-' reads standard input.")
  String data;

  @Option(
      names = "--input-format",
      paramLabel = "FORMAT",
      description =
          "lines, csv or jsonl (default: by the DATA file's extension: .csv, .jsonl or .ndjson,"
              + " else lines; lines for standard input).")
  InputFormat inputFormat;

  @Option(
      names = "--max-line",
      paramLabel = "SIZE",
      defaultValue = OptionDefaults.MAX_LINE,
      converter = SizeConverter.class,
      description =
          "Longest input line, CSV record or JSON Lines record (default: ${DEFAULT-VALUE}). A"
              + " longer one in a file is an input error (exit 2, nothing sent); on standard input"
              + " it is that item's failed record (the first record is checked before sending:"
              + " exit 2).")
  long maxLine;

  @Option(
      names = "--demo",
      description = "Send bundled sample items to an embedded echo server on 127.0.0.1.")
  boolean demo;

  /** The data file or standard input, and its format. */
  InputSpec spec() {
    if (data == null) {
      throw new UsageException("missing DATA: a data file, or '-' to read standard input");
    }
    return data.equals("-")
        ? InputSpec.stdin(inputFormat).withMaxLine(maxLine)
        : InputSpec.file(Path.of(data), inputFormat).withMaxLine(maxLine);
  }

  /** True when DATA was given; {@code --demo} brings its own. */
  boolean hasData() {
    return data != null;
  }
}
