package io.runnel.jdbc;

import io.runnel.config.DatabaseTls;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import javax.net.ssl.SSLException;

/**
 * Puts a failed connection's TLS cause in words, naming the mode: pgjdbc reports them as {@code
 * "SSL error: PKIX path building failed: …"} or {@code "The hostname … could not be verified by
 * hostnameverifier …"}. The one place that recognises TLS failures; {@link TlsException} marks
 * them. Stateless.
 */
final class TlsErrors {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private TlsErrors() {}

  /**
   * {@code e} as a {@link TlsException} when TLS made the connection fail, else {@code e} itself.
   *
   * @param hostnameMismatch the failed certificate's names from {@link HostCheck}, or null
   */
  static SQLException translate(
      SQLException e, DatabaseTls tls, String hosts, String hostnameMismatch) {
    String cause = cause(e, tls, hosts, hostnameMismatch);
    return cause == null
        ? e
        : new TlsException(cause + " (sslmode=" + tls.mode().value() + ")", e.getSQLState(), e);
  }

  private static String cause(SQLException e, DatabaseTls tls, String hosts, String mismatch) {
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("The server does not support SSL")) {
      return "server " + hosts + " does not support TLS";
    }
    if (message.startsWith("The hostname ") && message.contains("could not be verified")) {
      String host = message.substring(13, message.indexOf(' ', 13));
      return "certificate for "
          + (mismatch == null ? "?" : mismatch)
          + " does not match host "
          + host;
    }
    if (tls.key() != null && isKeyProblem(message)) {
      return "client key " + tls.key() + " could not be read: " + keyCause(e, tls.key());
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String words = certificateProblem(t, tls, hosts);
      if (words != null) {
        return words;
      }
    }
    Throwable ssl = find(e, SSLException.class);
    return ssl == null ? null : "TLS handshake with " + hosts + " failed: " + ssl.getMessage();
  }

  private static boolean isKeyProblem(String message) {
    return message.contains("SSL key file")
        || message.contains("private key")
        || message.contains("Could not load cert chain")
        || message.contains("SSL certificate file");
  }

  private static String certificateProblem(Throwable t, DatabaseTls tls, String hosts) {
    if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
      return "server certificate of " + hosts + " is out of its validity: " + t.getMessage();
    }
    if (t instanceof CertPathValidatorException v && v.getReason() == BasicReason.EXPIRED) {
      return "server certificate " + subject(v) + "expired on " + notAfter(v);
    }
    if (t instanceof CertPathValidatorException v && v.getReason() == BasicReason.NOT_YET_VALID) {
      return "server certificate " + subject(v) + "is not valid before " + notBefore(v);
    }
    if (t instanceof CertPathBuilderException
        || (t instanceof CertPathValidatorException v
            && v.getReason() == BasicReason.INVALID_SIGNATURE)) {
      return "server certificate of " + hosts + " is not signed by a CA in " + trusted(tls);
    }
    return null;
  }

  private static String trusted(DatabaseTls tls) {
    return DatabaseTls.SYSTEM_TRUST.equals(tls.rootCert())
        ? "the JDK's trust store"
        : String.valueOf(tls.rootCert());
  }

  private static X509Certificate failed(CertPathValidatorException v) {
    int index = Math.max(v.getIndex(), 0);
    return v.getCertPath() != null
            && index < v.getCertPath().getCertificates().size()
            && v.getCertPath().getCertificates().get(index) instanceof X509Certificate cert
        ? cert
        : null;
  }

  private static String subject(CertPathValidatorException v) {
    X509Certificate cert = failed(v);
    return cert == null ? "" : "\"" + cert.getSubjectX500Principal().getName() + "\" ";
  }

  private static String notAfter(CertPathValidatorException v) {
    X509Certificate cert = failed(v);
    return cert == null ? "?" : day(cert.getNotAfter());
  }

  private static String notBefore(CertPathValidatorException v) {
    X509Certificate cert = failed(v);
    return cert == null ? "?" : day(cert.getNotBefore());
  }

  private static String day(Date date) {
    return DAY.format(date.toInstant());
  }

  /** The innermost cause in words: pgjdbc's own message repeats the path. */
  private static String keyCause(Throwable e, String path) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    if (root instanceof FileNotFoundException || root instanceof NoSuchFileException) {
      return Files.exists(Path.of(path)) ? "not readable by this user" : "the file does not exist";
    }
    return String.valueOf(root.getMessage());
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
