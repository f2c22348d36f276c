package io.batchsend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchsend.support.CliRun.Result;
import io.batchsend.support.SendRun;
import io.batchsend.support.Servers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A quoted CSV field holding {@code \r\n} arrives exactly so. */
class CsvQuotedCrlfIT {
  @TempDir Path dir;

  @Test
  void quotedCrLfArrivesAsCrLf() throws Exception {
    Path data = dir.resolve("notes.csv");
    Files.writeString(data, "id,note\r\n1,\"a\r\nb\"\r\n2,\"c\nd\"\r\n", StandardCharsets.UTF_8);
    try (MockWebServer server = Servers.ok()) {
      Result r =
          SendRun.in(dir)
              .input(data)
              .args("-X", "POST", "-H", "Content-Type: text/plain", "-d", "{note}")
              .to(server, "/n/{id}?q={note}")
              .run();
      assertEquals(0, r.exitCode(), r.toString());
      var first = server.takeRequest(10, TimeUnit.SECONDS);
      assertEquals("a\r\nb", first.getBody().utf8());
      assertEquals("a\r\nb", first.getUrl().queryParameter("q"));
      assertEquals("c\nd", server.takeRequest(10, TimeUnit.SECONDS).getBody().utf8());
    }
  }
}
