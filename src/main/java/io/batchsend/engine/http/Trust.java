package io.batchsend.engine.http;

import io.batchsend.config.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust of a run: the platform's, plus {@code --cacert}, or none with {@code --insecure}.
 * The JDK's trust managers serve every {@link TlsProvider}: Conscrypt checks chains through them.
 */
final class Trust {
  final X509TrustManager trustManager;

  private Trust(X509TrustManager trustManager) {
    this.trustManager = trustManager;
  }

  /** The platform's trust anchors (the JDK's cacerts). */
  static Trust platform() {
    try {
      return new Trust(platformTrust());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this Java runtime", e);
    }
  }

  /** The platform's trust anchors plus every certificate in the PEM file {@code caCert}. */
  static Trust withExtraAnchors(Path caCert) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (X509Certificate platform : platformTrust().getAcceptedIssuers()) {
        store.setCertificateEntry("platform-" + n++, platform);
      }
      Collection<? extends Certificate> extra;
      try (InputStream in = Files.newInputStream(caCert)) {
        extra = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (extra.isEmpty()) {
        throw new UsageException("--cacert " + caCert + " holds no PEM certificate");
      }
      for (Certificate c : extra) {
        store.setCertificateEntry("cacert-" + n++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      // --cacert often names the server's own self-signed certificate: an anchor, whose dates
      // the JDK never checks.
      return new Trust(LeafValidityTrustManager.wrap((X509TrustManager) tmf.getTrustManagers()[0]));
    } catch (CertificateException e) {
      throw new UsageException("--cacert " + caCert + " is not a PEM certificate file");
    } catch (IOException | GeneralSecurityException e) {
      throw new UsageException("cannot use --cacert " + caCert + ": " + e.getMessage());
    }
  }

  /** Accepts any certificate: {@code --insecure}, for test servers only. */
  static Trust none() {
    return new Trust(new AcceptAll());
  }

  private static X509TrustManager platformTrust() throws GeneralSecurityException {
    return PlatformTrust.get();
  }

  /** The trust manager behind {@code --insecure}. */
  private static final class AcceptAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
