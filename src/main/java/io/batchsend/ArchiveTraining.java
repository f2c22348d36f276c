package io.batchsend;

import io.batchsend.cli.CommandLines;
import io.batchsend.config.TlsProviderChoice;
import io.batchsend.demo.EchoServer;
import io.batchsend.demo.TrainingTls;
import io.batchsend.engine.RunControl;
import io.batchsend.engine.http.TlsProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * The run the launcher records its class-data archive from (java -XX:DumpLoadedClassList=... -cp
 * batchsend.jar io.batchsend.ArchiveTraining, then -Xshare:dump over that list), once per
 * installation: the classes it loads are mapped, parsed and verified, at every later start.
 *
 * <p>A quiet {@code --demo} alone left TLS out: a one-item HTTPS run then loaded 544 classes from
 * the jar and the JDK instead of the archive (Conscrypt, the JDK's certificate path and trust
 * store, OkHttp's TLS and HTTP/2); with this run ~90, nearly all generated at run time (lambda
 * forms, annotation proxies, reflection accessors). So it also sends a few GETs over HTTPS, through
 * the command line as a user would, to an echo server on 127.0.0.1 that presents {@link
 * TrainingTls}' certificate, which this run's client alone trusts (--cacert). Nothing but loopback
 * is contacted: both servers listen on 127.0.0.1, and no environment (proxies, config) reaches the
 * runs. Nothing is printed.
 */
public final class ArchiveTraining {
  private static final String HTTP2_PACKAGE = "okhttp3/internal/http2/";

  private ArchiveTraining() {}

  /** Exits 0 when both runs succeeded; the launcher keeps the archive only then. */
  public static void main(String[] args) {
    System.exit(train());
  }

  /** The demo over HTTP, then the same over HTTPS; the exit code of the first that failed. */
  static int train() {
    int demo = run("--demo", "-q", "-o", "/dev/null");
    if (demo != 0) {
      return demo;
    }
    loadHttp2Classes();
    Path dir = null;
    // The server over the TLS a run would choose (Conscrypt where it loads): the JDK's engine,
    // which a run over Conscrypt never loads, would take 5-6 MB of every later run's memory.
    SSLContext serverTls;
    try {
      serverTls =
          TlsProvider.select(TlsProviderChoice.AUTO).serverContext(TrainingTls.keyManagers());
    } catch (IOException | GeneralSecurityException e) {
      return 1;
    }
    try (EchoServer https = EchoServer.startHttps(serverTls)) {
      dir = Files.createTempDirectory("batchsend-training-");
      Path authority = Files.write(dir.resolve("ca.pem"), TrainingTls.authorityPem());
      Path items =
          Files.writeString(
              dir.resolve("items.txt"),
              IntStream.rangeClosed(1, 24)
                  .mapToObj(i -> "item" + i + "\n")
                  .collect(Collectors.joining()));
      // -c 4: the first connection is made alone while the others wait (FirstConnectionGate).
      // Not -q: the summary's classes (formatting, percentiles) are archived too; it goes to a
      // null writer.
      return run(
          "-c",
          "4",
          "-o",
          "/dev/null",
          "--cacert",
          authority.toString(),
          "-u",
          https.baseUrl() + "/users/{data}",
          items.toString());
    } catch (IOException e) {
      return 1;
    } finally {
      delete(dir);
    }
  }

  /**
   * Loads, without running, the classes of OkHttp's HTTP/2 package, which an HTTPS server of the
   * JDK cannot make the client use (it speaks HTTP/1.1 only): an archived class is linked at the
   * dump, so an HTTP/2 run maps them instead of parsing and verifying ~40 classes before its first
   * request. Best effort: a class that does not load is left out.
   */
  static int loadHttp2Classes() {
    int loaded = 0;
    ClassLoader loader = ArchiveTraining.class.getClassLoader();
    try (JarFile jar =
        new JarFile(
            Path.of(
                    ArchiveTraining.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toFile())) {
      for (JarEntry entry : Collections.list(jar.entries())) {
        String name = entry.getName();
        if (name.startsWith(HTTP2_PACKAGE) && name.endsWith(".class")) {
          try {
            Class.forName(
                name.substring(0, name.length() - ".class".length()).replace('/', '.'),
                false,
                loader);
            loaded++;
          } catch (ClassNotFoundException | LinkageError e) {
            // Left out of the archive: loaded from the jar when a run needs it, as before.
          }
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      // Not run from a jar (tests from target/classes): nothing to list.
    }
    return loaded;
  }

  private static int run(String... args) {
    PrintWriter quiet = new PrintWriter(Writer.nullWriter());
    return CommandLines.execute(
        args, Map.of(), InputStream.nullInputStream(), quiet, quiet, new RunControl());
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // A temporary file left behind is harmless.
    }
  }
}
