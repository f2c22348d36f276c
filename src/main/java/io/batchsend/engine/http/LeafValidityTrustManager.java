package io.batchsend.engine.http;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A trust manager that also refuses a server certificate outside its validity period when that
 * certificate is itself a trust anchor. The JDK's PKIX checks never look at an anchor's dates, so a
 * self-signed certificate given to {@code --cacert} was trusted long after it expired (curl refuses
 * it). Only the server's own certificate is checked here: an expired root a server still sends
 * after its chain (as many did with Let's Encrypt's old cross-sign) must not fail the handshake.
 */
final class LeafValidityTrustManager extends X509ExtendedTrustManager {
  private final X509TrustManager delegate;

  private LeafValidityTrustManager(X509TrustManager delegate) {
    this.delegate = delegate;
  }

  static X509ExtendedTrustManager wrap(X509TrustManager trust) {
    return new LeafValidityTrustManager(trust);
  }

  /** Throws CertificateExpiredException or CertificateNotYetValidException, as PKIX would. */
  private static void checkLeaf(X509Certificate[] chain) throws CertificateException {
    if (chain != null && chain.length > 0) {
      chain[0].checkValidity();
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    if (delegate instanceof X509ExtendedTrustManager extended) {
      extended.checkServerTrusted(chain, authType, socket);
    } else {
      delegate.checkServerTrusted(chain, authType);
    }
    checkLeaf(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    if (delegate instanceof X509ExtendedTrustManager extended) {
      extended.checkServerTrusted(chain, authType, engine);
    } else {
      delegate.checkServerTrusted(chain, authType);
    }
    checkLeaf(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType);
    checkLeaf(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    if (delegate instanceof X509ExtendedTrustManager extended) {
      extended.checkClientTrusted(chain, authType, socket);
    } else {
      delegate.checkClientTrusted(chain, authType);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    if (delegate instanceof X509ExtendedTrustManager extended) {
      extended.checkClientTrusted(chain, authType, engine);
    } else {
      delegate.checkClientTrusted(chain, authType);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }
}
