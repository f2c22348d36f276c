package io.batchsend.config;

/**
 * What is kept of the responses.
 *
 * @param responses the {@code --responses} file, {@code -} for standard output, or null
 * @param saveBodies the {@code --save-bodies} path template, or null
 */
public record CaptureSettings(String responses, String saveBodies) {
  /** Nothing kept: bodies are drained and discarded. */
  public static final CaptureSettings NONE = new CaptureSettings(null, null);

  public CaptureSettings {
    if (responses != null && responses.isBlank()) {
      throw new UsageException("invalid --responses: expected a file or '-'");
    }
    if (saveBodies != null && saveBodies.isBlank()) {
      throw new UsageException("invalid --save-bodies: expected a path template");
    }
  }

  /** True when response bodies must be kept in memory (up to {@code --max-body}). */
  public boolean keepsBodies() {
    return responses != null || saveBodies != null;
  }
}
