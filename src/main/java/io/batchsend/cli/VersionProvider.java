package io.batchsend.cli;

import io.batchsend.config.TlsProviderChoice;
import io.batchsend.engine.http.TlsProvider;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the version and commit it was built from, the Java runtime, and the TLS
 * implementation {@code --tls-provider=auto} picks here.
 */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties p = new Properties();
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/io/batchsend/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    }
    return new String[] {
      "batchsend " + p.getProperty("version", "unknown") + " (commit " + commit(p) + ")",
      "Java "
          + System.getProperty("java.version")
          + " ("
          + System.getProperty("java.vm.name")
          + ")",
      "TLS: " + TlsProvider.select(TlsProviderChoice.AUTO).describe(),
    };
  }

  /** The commit the build recorded; "unknown" for a build without git, or an unfiltered file. */
  private static String commit(Properties p) {
    String commit = p.getProperty("commit", "").strip();
    return commit.isEmpty() || commit.startsWith("${") ? "unknown" : commit;
  }
}
