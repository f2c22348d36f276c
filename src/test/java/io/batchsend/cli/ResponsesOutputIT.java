package io.batchsend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.engine.RunControl;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code --responses} that cannot be written stops the run like a log that cannot be written. */
class ResponsesOutputIT {
  @TempDir Path dir;

  /** Standard output after the reader went away ({@code | head -1}). */
  private static final class ClosedPipe extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      throw new IOException("Broken pipe");
    }
  }

  @Test
  void responsesToAClosedPipeExitWith3AndTheLogKeepsEveryRecord() throws Exception {
    Path log = dir.resolve("log");
    StringWriter err = new StringWriter();
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(new ClosedPipe(), StandardCharsets.UTF_8));
    int code;
    int sent;
    try (MockWebServer server = Servers.ok()) {
      code =
          CommandLines.execute(
              new String[] {
                "-c",
                "1",
                "--log-format",
                "jsonl",
                "-o",
                log.toString(),
                "--responses",
                "-",
                "-u",
                Servers.url(server, "/{data}"),
                "-"
              },
              Map.of(),
              new ByteArrayInputStream("a\nb\nc\n".getBytes(StandardCharsets.UTF_8)),
              out,
              new PrintWriter(err),
              new RunControl());
      sent = server.getRequestCount();
    }
    assertEquals(3, code, err.toString());
    assertTrue(err.toString().contains("cannot write --responses"), err.toString());
    assertTrue(sent >= 1);
    assertEquals(sent, Logs.jsonl(log).size(), "every item sent has its record in the log");
    Logs.jsonl(log).forEach(r -> assertTrue(r.get("ok").asBoolean(), r.toString()));
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void responsesToAFullDeviceExitWith3() throws Exception {
    Path log = dir.resolve("log");
    StringWriter err = new StringWriter();
    int code;
    try (MockWebServer server = Servers.ok()) {
      code =
          CommandLines.execute(
              new String[] {
                "--log-format",
                "jsonl",
                "-o",
                log.toString(),
                "--responses",
                "/dev/full",
                "-u",
                Servers.url(server, "/{data}"),
                "-"
              },
              Map.of(),
              new ByteArrayInputStream("a\n".getBytes(StandardCharsets.UTF_8)),
              new PrintWriter(new StringWriter()),
              new PrintWriter(err),
              new RunControl());
    }
    assertEquals(3, code, err.toString());
    assertTrue(err.toString().contains("--responses /dev/full"), err.toString());
    assertEquals(1, Logs.jsonl(log).size());
    assertTrue(Files.size(log) > 0);
  }
}
