package io.batchsend.cli;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchsend.support.CliRun.Result;
import io.batchsend.support.Logs;
import io.batchsend.support.Servers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --save-bodies} never writes through a link planted in its directory. */
class SaveBodiesSymlinkIT {
  @TempDir Path dir;

  @Test
  void plantedSymlinksAreNeitherFollowedNorReplaced() throws Exception {
    Path outside = Files.createDirectory(dir.resolve("outside"));
    Path victim = Files.writeString(outside.resolve("victim.txt"), "precious");
    Path out = Files.createDirectory(dir.resolve("out"));
    Files.createSymbolicLink(out.resolve("link"), Path.of("../outside"));
    Files.createSymbolicLink(out.resolve("victim.json"), Path.of("../outside/victim.txt"));
    Path log = dir.resolve("log");
    try (MockWebServer server = Servers.start(Servers.answer(200, "pwned"))) {
      Result r =
          cli()
              .stdin("link/pwn\nvictim\nfine\n")
              .run(
                  "--log-format",
                  "jsonl",
                  "-o",
                  log.toString(),
                  "--save-bodies",
                  out + "/{data}.json",
                  "-u",
                  Servers.url(server, "/{index}"),
                  "-");
      assertEquals(1, r.exitCode(), r.toString());
    }
    assertFalse(Files.exists(outside.resolve("pwn.json")), "written through out/link");
    assertEquals("precious", Files.readString(victim), "written through out/victim.json");
    assertEquals("pwned", Files.readString(out.resolve("fine.json")));
    List<JsonNode> records = Logs.jsonl(log);
    for (JsonNode record : records) {
      String item = record.get("item").asText();
      if (item.equals("fine")) {
        assertTrue(record.get("ok").asBoolean(), record.toString());
      } else {
        assertFalse(record.get("ok").asBoolean(), record.toString());
        assertTrue(record.get("error").asText().contains("symbolic link"), record.toString());
      }
    }
    assertEquals(3, records.size());
    try (var names = Files.list(out)) {
      assertEquals(3, names.count(), "no temporary file left behind");
    }
  }
}
