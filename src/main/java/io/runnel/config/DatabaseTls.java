package io.runnel.config;

import java.util.Arrays;
import java.util.Locale;

/**
 * How Runnel encrypts a connection to PostgreSQL and which certificates it checks: libpq's {@code
 * sslmode}, {@code sslrootcert}, {@code sslcert}, {@code sslkey} and {@code sslpassword}, as pgjdbc
 * applies them. Immutable; validated when the configuration is loaded (the files existed and were
 * readable then).
 *
 * @param mode never null
 * @param rootCert the CA file that signs the server's certificate, {@link #SYSTEM_TRUST} for the
 *     JDK's trust store, or null (only below {@link Mode#VERIFY_CA})
 * @param cert the client certificate (PEM or DER), or null
 * @param key the client certificate's private key (PKCS#8 PEM, PKCS#8 DER, optionally encrypted, or
 *     PKCS#12), or null; set exactly when {@code cert} is
 * @param keyPassword the key's password, a secret; null when the key is not encrypted
 */
public record DatabaseTls(Mode mode, String rootCert, String cert, String key, String keyPassword) {

  /** {@code sslrootcert: system}: trust the JDK's default trust store. */
  public static final String SYSTEM_TRUST = "system";

  /** No TLS: what Runnel did before {@code sslmode} existed, and still the default. */
  public static final DatabaseTls DISABLED = new DatabaseTls(Mode.DISABLE, null, null, null, null);

  /** {@code ssl: true}: encrypted, certificate not checked. */
  public static final DatabaseTls REQUIRED = new DatabaseTls(Mode.REQUIRE, null, null, null, null);

  /** libpq's sslmode values, weakest first. */
  public enum Mode {
    DISABLE,
    ALLOW,
    PREFER,
    REQUIRE,
    VERIFY_CA,
    VERIFY_FULL;

    /** The name in YAML, URLs and pgjdbc ({@code verify-full}). */
    public String value() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the server's certificate chain is checked against a CA. */
    public boolean verifiesCertificate() {
      return compareTo(VERIFY_CA) >= 0;
    }

    /** Whether every connection is encrypted (no fallback to plain text). */
    public boolean alwaysEncrypts() {
      return compareTo(REQUIRE) >= 0;
    }

    /** The mode named {@code value}, or null. */
    static Mode of(String value) {
      return Arrays.stream(values()).filter(m -> m.value().equals(value)).findFirst().orElse(null);
    }

    static String allowed() {
      return String.join(", ", Arrays.stream(values()).map(Mode::value).toList());
    }
  }

  @Override
  public String toString() {
    return "DatabaseTls[sslmode="
        + mode.value()
        + ", sslrootcert="
        + rootCert
        + ", sslcert="
        + cert
        + ", sslkey="
        + key
        + ", sslkey_password="
        + Secrets.mask(keyPassword)
        + "]";
  }
}
