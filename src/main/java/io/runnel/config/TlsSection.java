package io.runnel.config;

import io.runnel.config.DatabaseTls.Mode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the TLS keys of {@code databases[]} and {@code state} ({@code ssl}, {@code sslmode}, {@code
 * sslrootcert}, {@code sslcert}, {@code sslkey}, {@code sslkey_password}) together with the same
 * parameters of their {@code url} ({@code sslpassword} for {@code sslkey_password}, as in libpq). A
 * setting may be in both when the values agree.
 *
 * <p>{@code verify-ca} and {@code verify-full} need {@code sslrootcert}: pgjdbc would otherwise
 * look for {@code ~/.postgresql/root.crt}, a file a container or a service account seldom has, and
 * a production user should say which CAs they trust (a file, or {@code system} for the JDK's).
 * Stateless.
 */
final class TlsSection {
  static final List<String> KEYS =
      List.of("ssl", "sslmode", "sslrootcert", "sslcert", "sslkey", "sslkey_password");

  /** A setting's value and where it was written, so a problem points there. */
  private record Value(String text, String key, boolean fromUrl) {}

  private TlsSection() {}

  /** {@code known} followed by the TLS keys. */
  static String[] withKeys(String... known) {
    return Stream.concat(Arrays.stream(known), KEYS.stream()).toArray(String[]::new);
  }

  /** The TLS settings; {@link DatabaseTls#DISABLED} when none is given; null when invalid. */
  static DatabaseTls read(Fields fields, Map<String, String> url) {
    int before = fields.problems().count();
    Map<String, Value> values = new HashMap<>();
    for (String key : KEYS) {
      Value value = value(fields, key, url);
      if (value != null) {
        values.put(key, value);
      }
    }
    if (fields.problems().count() > before) {
      return null;
    }
    Mode mode = mode(fields, values.get("ssl"), values.get("sslmode"));
    if (mode == null) {
      return null;
    }
    String rootCert = rootCert(fields, mode, values);
    clientCertificate(fields, mode, values);
    if (fields.problems().count() > before) {
      return null;
    }
    return new DatabaseTls(
        mode,
        rootCert,
        text(values, "sslcert"),
        text(values, "sslkey"),
        text(values, "sslkey_password"));
  }

  private static String text(Map<String, Value> values, String key) {
    Value value = values.get(key);
    return value == null ? null : value.text();
  }

  private static Value value(Fields fields, String key, Map<String, String> url) {
    String param = key.equals("sslkey_password") ? "sslpassword" : key;
    String fromUrl = url.get(param);
    String yaml;
    if (key.equals("ssl")) {
      Boolean ssl = fields.has(key) ? fields.bool(key, false) : null;
      yaml = ssl == null ? null : ssl.toString();
    } else {
      yaml = fields.text(key);
    }
    if (yaml != null && fromUrl != null && !yaml.equals(fromUrl)) {
      fields.problem(key, "conflicts with the url's " + param);
      return null;
    }
    if (yaml != null) {
      return new Value(yaml, key, false);
    }
    return fromUrl == null ? null : new Value(fromUrl, param, true);
  }

  private static void report(Fields fields, Value value, String message) {
    if (value.fromUrl()) {
      fields.problem("url", value.key() + ": " + message);
    } else {
      fields.problem(value.key(), message);
    }
  }

  private static Mode mode(Fields fields, Value ssl, Value sslmode) {
    Mode mode = sslmode == null ? null : Mode.of(sslmode.text());
    if (sslmode != null && mode == null) {
      report(fields, sslmode, "must be one of " + Mode.allowed());
      return null;
    }
    boolean encrypt = ssl != null && ssl.text().equals("true");
    if (mode == null) {
      return encrypt ? Mode.REQUIRE : Mode.DISABLE;
    }
    if (ssl != null && (encrypt ? !mode.alwaysEncrypts() : mode != Mode.DISABLE)) {
      report(
          fields,
          ssl,
          "ssl "
              + ssl.text()
              + " conflicts with sslmode "
              + mode.value()
              + " (ssl true means require or stricter, false means disable; keep only sslmode)");
      return null;
    }
    return mode;
  }

  private static String rootCert(Fields fields, Mode mode, Map<String, Value> values) {
    Value root = values.get("sslrootcert");
    if (root == null) {
      if (mode.verifiesCertificate()) {
        report(
            fields,
            values.get("sslmode"),
            mode.value()
                + " needs sslrootcert: the file with the CA certificates that sign the server's"
                + " certificate (for RDS and Aurora the global bundle), or system for the JDK's"
                + " trust store");
      }
      return null;
    }
    if (!mode.verifiesCertificate()) {
      report(
          fields,
          root,
          "only used with sslmode verify-ca or verify-full (sslmode "
              + mode.value()
              + " does not check the server's certificate)");
    } else if (root.text().equals(DatabaseTls.SYSTEM_TRUST)) {
      if (values.containsKey("sslcert") || values.containsKey("sslkey")) {
        report(
            fields,
            root,
            "system cannot be combined with a client certificate (pgjdbc then reads neither"
                + " sslcert nor sslkey); give the CA file instead");
      }
    } else {
      fileProblem(fields, root, TlsFiles.problem(root.text()));
    }
    return root.text();
  }

  private static void clientCertificate(Fields fields, Mode mode, Map<String, Value> values) {
    Value cert = values.get("sslcert");
    Value key = values.get("sslkey");
    Value password = values.get("sslkey_password");
    if (cert != null && key == null) {
      fields.missing("sslkey", "required with sslcert (the client certificate's private key)");
    } else if (key != null && cert == null && !TlsFiles.isPkcs12(key.text())) {
      fields.missing("sslcert", "required with sslkey (the client certificate)");
    }
    if (password != null && key == null) {
      report(fields, password, "only used with sslkey");
    }
    if ((cert != null || key != null) && mode == Mode.DISABLE) {
      report(fields, cert != null ? cert : key, "not used with sslmode disable (no TLS)");
      return;
    }
    if (cert != null) {
      fileProblem(fields, cert, TlsFiles.problem(cert.text()));
    }
    if (key != null) {
      fileProblem(fields, key, TlsFiles.keyProblem(key.text()));
    }
  }

  private static void fileProblem(Fields fields, Value value, String problem) {
    if (problem != null) {
      report(fields, value, problem);
    }
  }
}
