package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code -X} takes any RFC 9110 method token; well-known methods are upper-cased. */
class MethodTokenTest {
  @TempDir Path dir;
  MockWebServer server;
  Path data;

  @BeforeEach
  void start() {
    server = Servers.ok();
    data = Logs.dataFile(dir, "items.txt", List.of("a"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Result send(String method) {
    return cli()
        .run(
            "-X",
            method,
            "-u",
            Servers.url(server, "/{data}"),
            "-o",
            dir.resolve("run.log").toString(),
            data.toString());
  }

  @ParameterizedTest
  @CsvSource({
    "OPTIONS, OPTIONS",
    "options, OPTIONS",
    "post, POST",
    "TRACE, TRACE",
    "PROPFIND, PROPFIND",
    "purge, purge",
    "M-SEARCH, M-SEARCH",
    "REPORT, REPORT"
  })
  void anyMethodTokenIsSent(String typed, String sent) throws Exception {
    Result r = send(typed);
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(sent, server.takeRequest().getMethod());
  }

  @ParameterizedTest
  @ValueSource(strings = {"GE T", "GET/1", "", "G\u00c9T", "(GET)"})
  void aMethodThatIsNoTokenIsAUsageError(String typed) {
    Result r = send(typed);
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("batchsend: invalid --method"), r.err());
    assertEquals(0, server.getRequestCount());
  }
}
