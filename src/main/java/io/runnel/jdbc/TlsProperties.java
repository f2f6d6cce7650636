package io.runnel.jdbc;

import io.runnel.config.DatabaseTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.postgresql.PGProperty;
import org.postgresql.ssl.DefaultJavaSSLFactory;

/**
 * Turns {@link DatabaseTls} into pgjdbc's TLS properties: {@code sslmode}, {@code sslrootcert},
 * {@code sslcert}, {@code sslkey}, {@code sslpassword}; {@code sslrootcert: system} becomes
 * pgjdbc's {@link DefaultJavaSSLFactory} (the JDK's trust store; pgjdbc still checks the host name
 * for verify-full, in {@code MakeSSL}, whatever the factory). pgjdbc 42.7 reads the key itself
 * (PKCS#8 PEM and DER, PKCS#12), so no key conversion is needed; it only has to be told a PEM key's
 * algorithm ({@code pemKeyAlgorithm}, RSA unless said), which is read here from the key. The host
 * check goes through {@link HostCheck} so that a mismatch can name the certificate's names.
 * Stateless.
 */
final class TlsProperties {
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

  private TlsProperties() {}

  static void apply(DatabaseTls tls, Properties props) {
    PGProperty.SSL_MODE.set(props, tls.mode().value());
    if (tls.mode() == DatabaseTls.Mode.DISABLE) {
      return;
    }
    if (DatabaseTls.SYSTEM_TRUST.equals(tls.rootCert())) {
      PGProperty.SSL_FACTORY.set(props, DefaultJavaSSLFactory.class.getName());
    } else if (tls.rootCert() != null) {
      PGProperty.SSL_ROOT_CERT.set(props, tls.rootCert());
    }
    PGProperty.SSL_HOSTNAME_VERIFIER.set(props, HostCheck.class.getName());
    if (tls.key() != null) {
      PGProperty.SSL_KEY.set(props, tls.key());
      if (tls.cert() != null) {
        PGProperty.SSL_CERT.set(props, tls.cert());
      }
      if (tls.keyPassword() != null) {
        PGProperty.SSL_PASSWORD.set(props, tls.keyPassword());
      }
      String algorithm = pemKeyAlgorithm(Path.of(tls.key()));
      if (algorithm != null) {
        PGProperty.PEM_KEY_ALGORITHM.set(props, algorithm);
      }
    } else {
      // without these pgjdbc would look for ~/.postgresql/postgresql.crt and .pk8
      PGProperty.SSL_CERT.set(props, "");
      PGProperty.SSL_KEY.set(props, "");
    }
  }

  /** The algorithm of a PKCS#8 PEM key, or null for other formats or an unreadable file. */
  static String pemKeyAlgorithm(Path key) {
    String text;
    try {
      text = Files.readString(key, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return null; // pgjdbc reports the unreadable key when it connects
    }
    int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      return null;
    }
    byte[] der =
        Base64.getMimeDecoder().decode(text.substring(begin + 27, end).replaceAll("\\s", ""));
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        return algorithm;
      } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
        // not this algorithm; try the next
      }
    }
    return null;
  }
}
