package io.runnel.source;

import io.runnel.config.CheckResult;
import io.runnel.config.DatabaseConfig;
import io.runnel.config.DatabaseTls;
import java.util.Locale;

/**
 * {@code validate --connect}'s warning for a database reached over the network without a verified
 * server certificate ({@code sslmode} below {@code verify-ca}): anything on the path could pose as
 * the database. A loopback host ({@code localhost}, {@code 127.x.x.x}, {@code ::1}) is exempt; host
 * names are not resolved. Stateless.
 */
final class TlsCheck {
  private TlsCheck() {}

  /** The warning for {@code db}, or null when its certificate is verified or it is local. */
  static CheckResult warning(DatabaseConfig db, String path) {
    DatabaseTls.Mode mode = db.tls().mode();
    if (mode.verifiesCertificate() || allLoopback(db.hostname())) {
      return null;
    }
    String bundle = db.hostname().contains(".rds.amazonaws.com") ? "global-bundle" : "ca";
    return CheckResult.warning(
        path,
        "the server's certificate is not verified (sslmode="
            + mode.value()
            + "): anything on the network path can pose as "
            + db.hostname()
            + ". Add (the CA file that signs the server's certificate; on RDS/Aurora the global"
            + " bundle):\n    sslmode: verify-full\n    sslrootcert: /path/to/"
            + bundle
            + ".pem");
  }

  /** Whether every host of a (comma-separated, optionally host:port) list is a loopback one. */
  static boolean allLoopback(String hosts) {
    for (String entry : hosts.split(",")) {
      String host = entry.trim().toLowerCase(Locale.ROOT);
      if (host.startsWith("[")) {
        host = host.substring(1, host.indexOf(']'));
      } else if (host.indexOf(':') == host.lastIndexOf(':') && host.contains(":")) {
        host = host.substring(0, host.indexOf(':'));
      }
      boolean loopback =
          host.equals("localhost")
              || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
              || host.equals("::1");
      if (!loopback) {
        return false;
      }
    }
    return true;
  }
}
