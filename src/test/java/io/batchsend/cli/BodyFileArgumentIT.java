package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -d @file} as two arguments, the way curl users type it, and body templates too large. */
class BodyFileArgumentIT {
  @TempDir Path dir;
  MockWebServer server;
  Path data;
  Path log;

  @BeforeEach
  void start() {
    server = Servers.ok();
    data = Logs.dataFile(dir, "items.txt", List.of("ann"));
    log = dir.resolve("run.log");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Result post(String... bodyArgs) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "-X",
                "POST",
                "-H",
                "Content-Type: application/json",
                "-u",
                Servers.url(server, "/users"),
                "-o",
                log.toString()));
    args.addAll(List.of(bodyArgs));
    args.add(data.toString());
    return cli().run(args.toArray(String[]::new));
  }

  @Test
  void bodyFileAsTwoArgumentsIsReadAsTheTemplate() throws Exception {
    Path template = dir.resolve("body.json");
    Files.writeString(template, "{\"name\": \"{data}\", \"n\": {index}}");
    Result r = post("-d", "@" + template);
    assertEquals(0, r.exitCode(), r.toString());
    RecordedRequest request = server.takeRequest();
    assertEquals("{\"name\": \"ann\", \"n\": 1}", request.getBody().utf8());
  }

  @Test
  void bodyFileHoldingOneWordIsTheBodyNotAnArgument() throws Exception {
    Path template = dir.resolve("word.txt");
    Files.writeString(template, "--dry-run");
    Result r = post("-d", "@" + template);
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(1, server.getRequestCount(), "the word in the file is no option");
    assertEquals("--dry-run", server.takeRequest().getBody().utf8());
  }

  @Test
  void bodyFileTooLargeIsRefusedNamingTheLimitWithoutEchoingIt() throws Exception {
    Path template = dir.resolve("big.json");
    byte[] big = ("{\"k\": \"" + "x ".repeat(1_500_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    Files.write(template, big);
    for (String[] form :
        List.of(new String[] {"-d", "@" + template}, new String[] {"--body=@" + template})) {
      Result r = post(form);
      assertEquals(
          2, r.exitCode(), r.toString().substring(0, Math.min(2000, r.toString().length())));
      assertTrue(r.err().contains("1 MiB"), r.err().substring(0, Math.min(500, r.err().length())));
      assertTrue(r.err().length() < 1000, "stderr is short: " + r.err().length() + " chars");
      assertEquals(0, server.getRequestCount());
    }
    assertFalse(Files.exists(log), "nothing was logged");
  }

  @Test
  void hugeUnknownArgumentIsNotEchoedWhole() {
    Result r =
        cli().run("-u", Servers.url(server, "/{data}"), data.toString(), "y".repeat(3_000_000));
    assertEquals(2, r.exitCode());
    assertTrue(r.err().length() < 1000, "stderr is short: " + r.err().length() + " chars");
    assertEquals(0, server.getRequestCount());
  }
}
