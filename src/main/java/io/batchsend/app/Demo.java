package io.batchsend.app;

import io.batchsend.config.CaptureSettings;
import io.batchsend.config.DeliverySettings;
import io.batchsend.config.EngineSettings;
import io.batchsend.config.HttpMethod;
import io.batchsend.config.InputFormat;
import io.batchsend.config.InputSpec;
import io.batchsend.config.OutputException;
import io.batchsend.config.OutputSettings;
import io.batchsend.config.RequestSpec;
import io.batchsend.config.RunConfig;
import io.batchsend.demo.EchoServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code --demo}: sends the bundled sample items to an embedded echo server on loopback through the
 * whole pipeline, so a new user sees a real run with no network and no setup.
 */
public final class Demo {
  private static final String SAMPLE = "/io/batchsend/demo/sample.txt";

  private final Runner runner;
  private final PrintWriter err;

  public Demo(Runner runner, PrintWriter err) {
    this.runner = runner;
    this.err = err;
  }

  /** Runs the demo with the user's engine and output settings; returns the exit code. */
  public int run(
      EngineSettings engine,
      OutputSettings output,
      DeliverySettings delivery,
      CaptureSettings capture)
      throws InterruptedException {
    Path data = null;
    try (EchoServer server = EchoServer.start()) {
      data = copySample();
      String url = server.baseUrl() + "/users/{index}?email={data}";
      err.println(
          "batchsend demo: sending the sample items to " + server.baseUrl() + " (loopback)");
      err.flush();
      RequestSpec request = new RequestSpec(HttpMethod.GET, url, List.of(), null);
      int exit =
          runner.run(
              RunConfig.builder()
                  .input(InputSpec.file(data, InputFormat.LINES))
                  .request(request)
                  .engine(engine)
                  .output(output)
                  .delivery(delivery)
                  .capture(capture)
                  .build());
      err.println("batchsend demo: every request is recorded in " + output.log().toAbsolutePath());
      err.flush();
      return exit;
    } catch (IOException e) {
      throw new OutputException("cannot start the demo: " + e.getMessage(), e);
    } finally {
      if (data != null) {
        try {
          Files.deleteIfExists(data);
        } catch (IOException ignored) {
          // A temporary file left behind is harmless.
        }
      }
    }
  }

  private static Path copySample() throws IOException {
    Path file = Files.createTempFile("batchsend-demo-", ".txt");
    try (InputStream in = Demo.class.getResourceAsStream(SAMPLE)) {
      if (in == null) {
        throw new IOException("the sample data is missing from the jar");
      }
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }
}
