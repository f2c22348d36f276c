package io.batchsend.engine.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocketFactory;

/**
 * An {@link SSLSocketFactory} made at the first TLS connection, so that a run over plain HTTP never
 * pays for choosing one (loading Conscrypt's native library costs 80-300 ms of start-up).
 */
final class DeferredSslSocketFactory extends SSLSocketFactory {
  private final Supplier<SSLSocketFactory> make;

  /** Guards the one call of {@link #make}; {@link #delegate} is read without it once set. */
  private final Object lock = new Object();

  private volatile SSLSocketFactory delegate;

  DeferredSslSocketFactory(Supplier<SSLSocketFactory> make) {
    this.make = make;
  }

  private SSLSocketFactory delegate() {
    SSLSocketFactory d = delegate;
    if (d == null) {
      synchronized (lock) {
        d = delegate;
        if (d == null) {
          d = make.get();
          delegate = d;
        }
      }
    }
    return d;
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate().getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate().getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket() throws IOException {
    return delegate().createSocket();
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose)
      throws IOException {
    return delegate().createSocket(s, host, port, autoClose);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return delegate().createSocket(host, port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return delegate().createSocket(host, port, localHost, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return delegate().createSocket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return delegate().createSocket(address, port, localAddress, localPort);
  }
}
