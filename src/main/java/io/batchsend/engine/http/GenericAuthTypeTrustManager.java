package io.batchsend.engine.http;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The JDK's trust manager as Conscrypt's sockets call it: Conscrypt names the key exchange of a TLS
 * 1.3 handshake "GENERIC", a name the JDK's end-entity check does not know, so it refused every
 * server certificate that has a Key Usage extension (all real ones) with "Unknown authType:
 * GENERIC". The JDK's own TLS 1.3 passes "UNKNOWN", which that check reads as "signed key exchange"
 * (the key must allow digital signatures, as TLS 1.3 requires); this passes the same. Every other
 * name, and everything else, goes to the JDK's trust manager unchanged.
 */
final class GenericAuthTypeTrustManager extends X509ExtendedTrustManager {
  /** Conscrypt's name for a TLS 1.3 handshake's key exchange. */
  static final String CONSCRYPT_TLS13 = "GENERIC";

  /** The JDK's name for the same. */
  static final String JDK_TLS13 = "UNKNOWN";

  private final X509TrustManager delegate;

  private GenericAuthTypeTrustManager(X509TrustManager delegate) {
    this.delegate = delegate;
  }

  /** {@code trust} as Conscrypt must be given it. */
  static X509ExtendedTrustManager wrap(X509TrustManager trust) {
    return new GenericAuthTypeTrustManager(trust);
  }

  private static String jdkName(String authType) {
    return CONSCRYPT_TLS13.equals(authType) ? JDK_TLS13 : authType;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    if (delegate instanceof X509ExtendedTrustManager extended) {
      extended.checkServerTrusted(chain, jdkName(authType), socket);
    } else {
      delegate.checkServerTrusted(chain, jdkName(authType));
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    if (delegate instanceof X509ExtendedTrustManager extended) {
      extended.checkServerTrusted(chain, jdkName(authType), engine);
    } else {
      delegate.checkServerTrusted(chain, jdkName(authType));
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkServerTrusted(chain, jdkName(authType));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    if (delegate instanceof X509ExtendedTrustManager extended) {
      extended.checkClientTrusted(chain, jdkName(authType), socket);
    } else {
      delegate.checkClientTrusted(chain, jdkName(authType));
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    if (delegate instanceof X509ExtendedTrustManager extended) {
      extended.checkClientTrusted(chain, jdkName(authType), engine);
    } else {
      delegate.checkClientTrusted(chain, jdkName(authType));
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkClientTrusted(chain, jdkName(authType));
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }
}
