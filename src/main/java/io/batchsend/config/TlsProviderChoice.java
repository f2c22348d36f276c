package io.batchsend.config;

/** Which TLS implementation the user asks for ({@code --tls-provider}). */
public enum TlsProviderChoice {
  /** Conscrypt (BoringSSL) where its native library loads, the JDK's otherwise. */
  AUTO,
  /** The JDK's own (SunJSSE), without trying Conscrypt. */
  JDK,
  /** Conscrypt, or a usage error when its native library does not load. */
  CONSCRYPT;
}
