package io.batchsend.engine.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A run's exit waits for Conscrypt's load under way: Conscrypt deletes its copy of the native
 * library in java.io.tmpdir only at the end of the load (LauncherArchiveAttackIT shows the files an
 * exit in the middle left).
 */
class TlsPreloadExitTest {
  @Test
  void anExitWaitsForTheConscryptLoadUnderWay() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean loaded = new AtomicBoolean();
    TlsPreload preload =
        TlsPreload.start(
            true,
            () -> {
              loading.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
              loaded.set(true);
            });
    loading.await();

    // Released only once this thread waits: without the wait, the load is still under way when
    // awaitBeforeExit returns, whatever the scheduling.
    Thread exiting = Thread.currentThread();
    Thread releaser =
        new Thread(
            () -> {
              while (exiting.getState() != Thread.State.TIMED_WAITING
                  && exiting.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
              }
              release.countDown();
            });
    releaser.setDaemon(true);
    releaser.start();

    preload.awaitBeforeExit();
    assertTrue(loaded.get(), "the load ended before the exit");
  }

  @Test
  void aPreloadWithoutConscryptNeverLoadsIt() throws Exception {
    AtomicBoolean asked = new AtomicBoolean();
    TlsPreload preload = TlsPreload.start(false, () -> asked.set(true));
    preload.awaitBeforeExit();
    PlatformTrust.get(); // the trust store is read (here or on the preload's thread)
    assertTrue(!asked.get(), "Conscrypt left to the first connection");
  }
}
