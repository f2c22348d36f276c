package io.batchsend.demo;

import static io.batchsend.support.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.config.TlsProviderChoice;
import io.batchsend.engine.http.TlsProvider;
import io.batchsend.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-data archive's training certificate: trusted by --cacert alone, never by default. */
class TrainingTlsIT {
  @TempDir Path dir;

  @Test
  void aRunTrustsTheTrainingServerOnlyWithItsAuthorityGivenAsCacert() throws Exception {
    Path items = Files.writeString(dir.resolve("items.txt"), "a\n");
    Path authority = Files.write(dir.resolve("ca.pem"), TrainingTls.authorityPem());
    SSLContext tls =
        TlsProvider.select(TlsProviderChoice.AUTO).serverContext(TrainingTls.keyManagers());
    try (EchoServer https = EchoServer.startHttps(tls)) {
      String url = https.baseUrl() + "/{data}";
      assertTrue(url.startsWith("https://127.0.0.1:"), url);

      Path untrusting = dir.resolve("untrusting.log");
      CliRun.Result normal =
          cli().run("-q", "-o", untrusting.toString(), "-u", url, items.toString());
      assertEquals(1, normal.exitCode(), normal.toString());
      String refused = Files.readString(untrusting);
      assertTrue(
          refused.contains(" FAILED ")
              && refused.contains("error=tls: the server's certificate is not trusted"),
          refused);

      Path trusting = dir.resolve("trusting.log");
      CliRun.Result given =
          cli()
              .run(
                  "-q",
                  "-o",
                  trusting.toString(),
                  "--cacert",
                  authority.toString(),
                  "-u",
                  url,
                  items.toString());
      assertEquals(0, given.exitCode(), given.toString());
      assertTrue(Files.readString(trusting).contains(" ok  200 "), Files.readString(trusting));
    }
  }
}
