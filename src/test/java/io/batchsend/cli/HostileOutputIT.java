package io.batchsend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.engine.Clock;
import io.batchsend.engine.Randomness;
import io.batchsend.engine.RunControl;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.SequenceInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs and inputs that fail under a dry run: the printed list of requests is the product, so
 * losing part of it must not read as success.
 */
class HostileOutputIT {
  @TempDir Path dir;

  @Test
  void dryRunToAClosedStdoutExits3WithOneLine() throws IOException {
    Path data = dir.resolve("data.txt");
    Files.writeString(
        data,
        IntStream.rangeClosed(1, 5000)
            .mapToObj(Integer::toString)
            .collect(Collectors.joining("\n", "", "\n")));
    ClosedPipe pipe = new ClosedPipe();
    StringWriter err = new StringWriter();

    int code =
        run(
            new PrintWriter(new OutputStreamWriter(pipe, StandardCharsets.UTF_8)),
            err,
            InputStream.nullInputStream(),
            "--dry-run",
            "-u",
            "http://127.0.0.1:9/x?i={data}",
            data.toString());

    assertEquals(3, code, err.toString());
    assertEquals(
        "batchsend: cannot write the dry run to stdout: the output was closed or is full"
            + System.lineSeparator(),
        err.toString());
    assertTrue(pipe.writes < 5, "stops writing soon after the pipe closed: " + pipe.writes);
  }

  @Test
  void dryRunWhoseStdinFailsMidwayExits3NamingTheInput() {
    InputStream stdin =
        new SequenceInputStream(
            new ByteArrayInputStream("1\n2\n3\n".getBytes(StandardCharsets.UTF_8)),
            new FailingInput());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        run(
            new PrintWriter(out),
            err,
            stdin,
            "--dry-run",
            "-u",
            "http://127.0.0.1:9/x?i={data}",
            "-");

    assertEquals(3, code, err.toString());
    assertTrue(err.toString().startsWith("batchsend: cannot read input: "), err.toString());
    assertTrue(err.toString().contains("device gone"), err.toString());
    assertFalse(err.toString().contains("dry run:"), err.toString());
  }

  private static int run(PrintWriter out, StringWriter err, InputStream stdin, String... args) {
    return CommandLines.execute(
        args,
        Map.of(),
        stdin,
        out,
        new PrintWriter(err),
        new RunControl(),
        Clock.SYSTEM,
        Randomness.SYSTEM);
  }

  /** Stdout whose reader has gone: every write fails as a closed pipe does. */
  private static final class ClosedPipe extends OutputStream {
    int writes;

    @Override
    public void write(int b) throws IOException {
      writes++;
      throw new IOException("Broken pipe");
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      writes++;
      throw new IOException("Broken pipe");
    }
  }

  /** A stream whose device fails after the first lines. */
  private static final class FailingInput extends InputStream {
    @Override
    public int read() throws IOException {
      throw new IOException("device gone");
    }
  }
}
