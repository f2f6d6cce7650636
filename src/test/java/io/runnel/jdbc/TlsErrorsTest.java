package io.runnel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.config.DatabaseTls;
import io.runnel.config.DatabaseTls.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * pgjdbc's TLS failures, as pgjdbc raises them, in words naming the mode; other failures unchanged.
 * The real handshakes (expired, wrong host, unknown CA) are in TlsIT.
 */
class TlsErrorsTest {
  private static final DatabaseTls FULL =
      new DatabaseTls(Mode.VERIFY_FULL, "/etc/runnel/ca.pem", null, null, null);

  @Test
  void serverWithoutTls() {
    SQLException e =
        new PSQLException("The server does not support SSL.", PSQLState.CONNECTION_REJECTED);

    assertThat((Throwable) TlsErrors.translate(e, DatabaseTls.REQUIRED, "db.example.com", null))
        .isInstanceOf(TlsException.class)
        .hasMessage("server db.example.com does not support TLS (sslmode=require)")
        .hasCause(e);
  }

  @Test
  void hostNameMismatchNamesTheCertificatesNames() {
    SQLException e =
        new PSQLException(
            "The hostname 10.0.0.5 could not be verified by hostnameverifier"
                + " io.runnel.jdbc.HostCheck.",
            PSQLState.CONNECTION_FAILURE);

    assertThat((Throwable) TlsErrors.translate(e, FULL, "10.0.0.5", "db.example.com"))
        .hasMessage(
            "certificate for db.example.com does not match host 10.0.0.5 (sslmode=verify-full)");
  }

  @Test
  void unknownCaNamesTheTrustedFile() {
    SQLException e =
        sslError(new CertPathBuilderException("unable to find valid certification path"));

    assertThat((Throwable) TlsErrors.translate(e, FULL, "db.example.com", null))
        .hasMessage(
            "server certificate of db.example.com is not signed by a CA in /etc/runnel/ca.pem"
                + " (sslmode=verify-full)");
    DatabaseTls system = new DatabaseTls(Mode.VERIFY_CA, "system", null, null, null);
    assertThat((Throwable) TlsErrors.translate(e, system, "db.example.com", null))
        .hasMessageContaining("is not signed by a CA in the JDK's trust store (sslmode=verify-ca)");
  }

  @Test
  void otherHandshakeFailuresKeepTheirMessage() {
    SQLException e = sslError(new CertificateException("something else"));

    assertThat((Throwable) TlsErrors.translate(e, FULL, "db.example.com", null))
        .hasMessage(
            "TLS handshake with db.example.com failed: handshake failed (sslmode=verify-full)");
  }

  @Test
  void unreadableClientKey(@TempDir Path directory) throws IOException {
    Path key = Files.writeString(directory.resolve("key.pem"), "x");
    DatabaseTls tls = new DatabaseTls(Mode.REQUIRE, null, "/c.pem", key.toString(), null);
    String pgjdbc =
        "private key file \""
            + key
            + "\" has group or world access; file must have"
            + " permissions u=rw (0600) or less";
    SQLException e = new PSQLException(pgjdbc, PSQLState.CONNECTION_FAILURE);

    assertThat((Throwable) TlsErrors.translate(e, tls, "h", null))
        .hasMessage("client key " + key + " could not be read: " + pgjdbc + " (sslmode=require)");
  }

  @Test
  void failuresThatAreNotTlsPassThrough() {
    SQLException auth =
        new PSQLException("password authentication failed", PSQLState.INVALID_PASSWORD);

    assertThat((Throwable) TlsErrors.translate(auth, FULL, "h", null)).isSameAs(auth);
  }

  private static SQLException sslError(Exception cause) {
    SSLHandshakeException handshake = new SSLHandshakeException("handshake failed");
    handshake.initCause(cause);
    return new PSQLException(
        "SSL error: " + handshake.getMessage(), PSQLState.CONNECTION_FAILURE, handshake);
  }
}
