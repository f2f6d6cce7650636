package io.runnel.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.config.CheckResult;
import io.runnel.config.DatabaseConfig;
import io.runnel.config.DatabaseTls;
import io.runnel.config.DatabaseTls.Mode;
import org.junit.jupiter.api.Test;

/** validate --connect warns about an unverified server certificate on a remote host only. */
class TlsCheckTest {
  private static DatabaseConfig db(String host, DatabaseTls tls) {
    return new DatabaseConfig("db", host, 5432, "d", "u", null, tls, "s", false, "p", false, 0);
  }

  @Test
  void remoteHostWithoutVerificationGetsTheLinesToAdd() {
    CheckResult warning =
        TlsCheck.warning(
            db("orders.cluster-abc.eu-west-1.rds.amazonaws.com", DatabaseTls.REQUIRED),
            "databases[0]");

    assertThat(warning.isError()).isFalse();
    assertThat(warning.toString())
        .isEqualTo(
            "warning: databases[0]: the server's certificate is not verified (sslmode=require):"
                + " anything on the network path can pose as"
                + " orders.cluster-abc.eu-west-1.rds.amazonaws.com. Add (the CA file that signs"
                + " the server's certificate; on RDS/Aurora the global bundle):\n"
                + "    sslmode: verify-full\n"
                + "    sslrootcert: /path/to/global-bundle.pem");
    assertThat(TlsCheck.warning(db("10.0.0.5", DatabaseTls.DISABLED), "databases[1]").message())
        .contains("(sslmode=disable)")
        .endsWith("sslrootcert: /path/to/ca.pem");
  }

  @Test
  void everyModeBelowVerifyCaWarns() {
    for (Mode mode : new Mode[] {Mode.DISABLE, Mode.ALLOW, Mode.PREFER, Mode.REQUIRE}) {
      DatabaseTls tls = new DatabaseTls(mode, null, null, null, null);
      assertThat(TlsCheck.warning(db("db.example.com", tls), "databases[0]")).isNotNull();
    }
  }

  @Test
  void verifiedCertificatesDoNotWarn() {
    for (Mode mode : new Mode[] {Mode.VERIFY_CA, Mode.VERIFY_FULL}) {
      DatabaseTls tls = new DatabaseTls(mode, "system", null, null, null);
      assertThat(TlsCheck.warning(db("db.example.com", tls), "databases[0]")).isNull();
    }
  }

  @Test
  void loopbackHostsDoNotWarn() {
    for (String host :
        new String[] {
          "localhost",
          "127.0.0.1",
          "127.1.2.3",
          "::1",
          "[::1]:5433",
          "localhost:5432,127.0.0.1:5433",
          "LOCALHOST"
        }) {
      assertThat(TlsCheck.warning(db(host, DatabaseTls.DISABLED), "databases[0]"))
          .as(host)
          .isNull();
    }
  }

  @Test
  void oneRemoteHostInAListWarns() {
    assertThat(TlsCheck.allLoopback("localhost,db.example.com")).isFalse();
    assertThat(TlsCheck.allLoopback("128.0.0.1")).isFalse();
    assertThat(TlsCheck.allLoopback("localhost.example.com")).isFalse();
  }
}
