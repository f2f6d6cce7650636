package io.runnel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.config.DatabaseTls;
import io.runnel.config.DatabaseTls.Mode;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.postgresql.ssl.DefaultJavaSSLFactory;

/** DatabaseTls to pgjdbc properties. */
class TlsPropertiesTest {
  private static final String DIR = "src/test/resources/tls/";

  private static Properties apply(DatabaseTls tls) {
    Properties props = new Properties();
    TlsProperties.apply(tls, props);
    return props;
  }

  @Test
  void disabledSetsOnlyTheMode() {
    assertThat(apply(DatabaseTls.DISABLED))
        .containsOnlyKeys("sslmode")
        .containsEntry("sslmode", "disable");
  }

  @Test
  void requireNeverPicksUpDefaultClientCertificates() {
    assertThat(apply(DatabaseTls.REQUIRED))
        .containsEntry("sslmode", "require")
        .containsEntry("sslcert", "")
        .containsEntry("sslkey", "")
        .containsEntry("sslhostnameverifier", HostCheck.class.getName());
  }

  @Test
  void caFileAndClientCertificate() {
    DatabaseTls tls =
        new DatabaseTls(
            Mode.VERIFY_FULL, DIR + "ca.pem", DIR + "client.pem", DIR + "client.pk8", "secret");

    assertThat(apply(tls))
        .containsEntry("sslmode", "verify-full")
        .containsEntry("sslrootcert", DIR + "ca.pem")
        .containsEntry("sslcert", DIR + "client.pem")
        .containsEntry("sslkey", DIR + "client.pk8")
        .containsEntry("sslpassword", "secret")
        .doesNotContainKey("sslfactory")
        .doesNotContainKey("pemKeyAlgorithm");
  }

  @Test
  void systemTrustUsesTheJdkFactory() {
    assertThat(apply(new DatabaseTls(Mode.VERIFY_CA, "system", null, null, null)))
        .containsEntry("sslfactory", DefaultJavaSSLFactory.class.getName())
        .doesNotContainKey("sslrootcert");
  }

  @Test
  void pemKeyAlgorithmIsReadFromTheKey() {
    assertThat(TlsProperties.pemKeyAlgorithm(Path.of(DIR + "client-key.pem"))).isEqualTo("RSA");
    assertThat(TlsProperties.pemKeyAlgorithm(Path.of(DIR + "client.pk8"))).isNull();
    assertThat(TlsProperties.pemKeyAlgorithm(Path.of(DIR + "missing.pem"))).isNull();
  }
}
