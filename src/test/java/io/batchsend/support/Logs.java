package io.batchsend.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSONL request log, failing on any line that is not one whole JSON object. */
public final class Logs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Logs() {}

  public static List<JsonNode> jsonl(Path log) {
    try {
      List<JsonNode> records = new ArrayList<>();
      String text = Files.readString(log, StandardCharsets.UTF_8);
      if (!text.isEmpty() && !text.endsWith("\n")) {
        throw new AssertionError("log does not end with a newline");
      }
      int lineNo = 0;
      for (String line : text.split("\n", -1)) {
        lineNo++;
        if (line.isEmpty()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException e) {
          throw new AssertionError("line " + lineNo + " is not JSON: " + line, e);
        }
        if (node == null || !node.isObject()) {
          throw new AssertionError("line " + lineNo + " is not one JSON object: " + line);
        }
        records.add(node);
      }
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code lines}, each followed by a newline, to a new file in {@code dir}. */
  public static Path dataFile(Path dir, String name, List<String> lines) {
    try {
      return Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code item1 … itemN}, one per line. */
  public static List<String> items(int n) {
    List<String> lines = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      lines.add("item" + i);
    }
    return lines;
  }
}
