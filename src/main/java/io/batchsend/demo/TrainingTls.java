package io.batchsend.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * The certificates of the class-data archive's training run: a server key and certificate for
 * 127.0.0.1, issued by a certificate authority made for that run alone (resources under {@code
 * training/}, whose README says how they were made).
 *
 * <p>Nothing trusts that authority but the training run's own client, through {@code --cacert}: it
 * is in no trust store, and no other run names it. The key ships in every jar, so it is public and
 * proves nothing; the training server listens on loopback only.
 */
public final class TrainingTls {
  private static final String DIR = "/io/batchsend/demo/training/";

  private TrainingTls() {}

  /** The authority's certificate, as PEM: what the training client is given with --cacert. */
  public static byte[] authorityPem() throws IOException {
    return resource("ca.pem");
  }

  /** Key managers that present the training certificate and its chain, for a server. */
  public static KeyManager[] keyManagers() throws IOException, GeneralSecurityException {
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    Certificate server = x509.generateCertificate(new ByteArrayInputStream(resource("server.pem")));
    Certificate authority = x509.generateCertificate(new ByteArrayInputStream(authorityPem()));
    PrivateKey key =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(pemBody(resource("server.key"))));
    char[] password = "training".toCharArray(); // an in-memory store's, protects nothing
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", key, password, new Certificate[] {server, authority});
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    return keys.getKeyManagers();
  }

  /** The bytes of a PEM block: the base64 between its BEGIN and END lines. */
  private static byte[] pemBody(byte[] pem) {
    StringBuilder base64 = new StringBuilder();
    for (String line : new String(pem, StandardCharsets.US_ASCII).split("\n")) {
      if (!line.startsWith("-----")) {
        base64.append(line.strip());
      }
    }
    return Base64.getDecoder().decode(base64.toString());
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = TrainingTls.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IOException("the training certificate " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    }
  }
}
