package io.batchsend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The run the launcher records its class-data archive from. */
class ArchiveTrainingTest {
  @Test
  void trainingRunsTheDemoAndTheHttpsRoundAndExitsZero() {
    // Each round fails its exit code on any item not answered 200: over HTTPS that takes the
    // training certificate, trusted through --cacert, and a TLS handshake with it.
    assertEquals(0, ArchiveTraining.train());
  }
}
