package io.runnel.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate authority made for one test, and a server certificate it signed, both made with the
 * JDK's keytool (no extra dependency). Clients trust the CA ({@link #clientContext}, or {@link
 * #trustStore} for a child JVM's {@code javax.net.ssl.trustStore}); servers present the signed
 * certificate ({@link #serverContext}). {@link #issue} makes more certificates as PEM files, for
 * PostgreSQL's {@code ssl_cert_file} and clients' {@code sslcert}: other names, a validity window
 * in the past, client certificates. Immutable once made; {@link #issue} writes new files only.
 */
public final class TestCa {
  public static final String PASSWORD = "changeit";

  private final Path trustStore;
  private final Path serverKeys;
  private final Path caKeys;
  private final Path caCertificate;

  private TestCa(Path trustStore, Path serverKeys, Path caKeys, Path caCertificate) {
    this.trustStore = trustStore;
    this.serverKeys = serverKeys;
    this.caKeys = caKeys;
    this.caCertificate = caCertificate;
  }

  /**
   * A certificate this CA signed and its private key, PEM files.
   *
   * @param key PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), readable by its owner only
   */
  public record Issued(Path certificate, Path key) {}

  /**
   * A CA and a server certificate for {@code names} (DNS names or IPv4 addresses) in {@code
   * directory}. Blocks for a few seconds (keytool runs six times).
   */
  public static TestCa create(Path directory, String... names) {
    Path ca = directory.resolve("ca.p12");
    Path caCert = directory.resolve("ca.crt");
    Path server = directory.resolve("server.p12");
    Path request = directory.resolve("server.csr");
    Path serverCert = directory.resolve("server.crt");
    Path trust = directory.resolve("truststore.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-dname",
        "CN=Runnel Test CA",
        "-ext",
        "bc:c",
        "-validity",
        "3",
        "-keystore",
        ca.toString());
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-file",
        caCert.toString());
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-dname",
        "CN=" + names[0],
        "-validity",
        "3",
        "-keystore",
        server.toString());
    keytool(
        "-certreq",
        "-alias",
        "server",
        "-keystore",
        server.toString(),
        "-file",
        request.toString());
    keytool(
        "-gencert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-infile",
        request.toString(),
        "-outfile",
        serverCert.toString(),
        "-validity",
        "2",
        "-ext",
        "SAN=" + subjectAlternativeNames(names),
        "-ext",
        "EKU=serverAuth");
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-keystore",
        server.toString(),
        "-file",
        caCert.toString());
    keytool(
        "-importcert",
        "-alias",
        "server",
        "-keystore",
        server.toString(),
        "-file",
        serverCert.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-keystore",
        trust.toString(),
        "-file",
        caCert.toString());
    return new TestCa(trust, server, ca, caCert);
  }

  /** The CA's certificate, PEM: what clients name as {@code sslrootcert}. */
  public Path caCertificate() {
    return caCertificate;
  }

  /**
   * Signs a new EC key's certificate, written next to the CA as {@code <stem>.crt} and {@code
   * <stem>.key}. Blocks (keytool runs three times).
   *
   * @param commonName the subject's CN (a client certificate's user name)
   * @param start keytool's {@code -startdate} ({@code "-10d"}: ten days ago), or null for now
   * @param days how long it is valid from {@code start}
   * @param names subject alternative names, DNS names or IPv4 addresses, for a server certificate;
   *     none for a client certificate
   */
  public Issued issue(String stem, String commonName, String start, int days, String... names) {
    Path directory = caKeys.getParent();
    Path keys = directory.resolve(stem + ".p12");
    Path request = directory.resolve(stem + ".csr");
    Path certificate = directory.resolve(stem + ".crt");
    keytool(
        "-genkeypair",
        "-alias",
        stem,
        "-keyalg",
        "EC",
        "-dname",
        "CN=" + commonName,
        "-keystore",
        keys.toString());
    keytool("-certreq", "-alias", stem, "-keystore", keys.toString(), "-file", request.toString());
    List<String> sign =
        new ArrayList<>(
            List.of(
                "-gencert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                caKeys.toString(),
                "-infile",
                request.toString(),
                "-outfile",
                certificate.toString(),
                "-validity",
                String.valueOf(days),
                "-ext",
                names.length == 0 ? "EKU=clientAuth" : "EKU=serverAuth"));
    if (names.length > 0) {
      sign.addAll(List.of("-ext", "SAN=" + subjectAlternativeNames(names)));
    }
    if (start != null) {
      sign.addAll(List.of("-startdate", start));
    }
    keytool(sign.toArray(String[]::new));
    Path key = directory.resolve(stem + ".key");
    writeKey(keys, stem, key);
    return new Issued(certificate, key);
  }

  private static void writeKey(Path keys, String alias, Path pem) {
    try {
      PrivateKey key = (PrivateKey) load(keys).getKey(alias, PASSWORD.toCharArray());
      String body =
          Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(key.getEncoded());
      Files.writeString(
          pem, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
      Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("rw-------"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PKCS12 store holding only the CA certificate, password {@link #PASSWORD}. */
  public Path trustStore() {
    return trustStore;
  }

  /** TLS for a client that trusts this CA (and nothing else). */
  public SSLContext clientContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Trust managers that trust this CA (and nothing else), e.g. for an SDK HTTP client. */
  public TrustManager[] trustManagers() {
    try {
      TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
      trust.init(load(trustStore));
      return trust.getTrustManagers();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** TLS for a server presenting the CA-signed certificate. */
  public SSLContext serverContext() {
    try {
      KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
      keys.init(load(serverKeys), PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore load(Path file) throws GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD.toCharArray());
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String subjectAlternativeNames(String... names) {
    List<String> entries = new ArrayList<>();
    for (String name : names) {
      entries.add((name.matches("[0-9.]+") ? "ip:" : "dns:") + name);
    }
    return String.join(",", entries);
  }

  private static void keytool(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
    try {
      Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (keytool.waitFor() != 0) {
        throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running keytool", e);
    }
  }
}
