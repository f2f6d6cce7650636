package io.runnel.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks the certificate and key files named by the TLS settings when the configuration is loaded,
 * so a wrong path or a key format pgjdbc cannot read stops Runnel before it connects. pgjdbc 42.7
 * reads unencrypted PKCS#8 PEM keys ({@code BEGIN PRIVATE KEY}), PKCS#8 DER keys (encrypted ones
 * with {@code sslpassword}) and PKCS#12 files ({@code .p12}, {@code .pfx}); the older PEM forms
 * (PKCS#1 {@code BEGIN RSA PRIVATE KEY}, SEC1 {@code BEGIN EC PRIVATE KEY}) and encrypted PEM are
 * rejected here with the {@code openssl} command that converts them. Stateless.
 */
final class TlsFiles {
  private static final int HEAD_BYTES = 4096;

  private TlsFiles() {}

  /** Whether pgjdbc reads {@code path} as PKCS#12 (key and certificate in one file). */
  static boolean isPkcs12(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return lower.endsWith(".p12") || lower.endsWith(".pfx");
  }

  /** Why the file cannot be used, or null when it is a readable file. */
  static String problem(String path) {
    Path file;
    try {
      file = Path.of(path);
    } catch (InvalidPathException e) {
      return "is not a valid file path";
    }
    if (!Files.exists(file)) {
      return "file " + path + " does not exist";
    }
    if (!Files.isRegularFile(file)) {
      return path + " is not a regular file";
    }
    if (!Files.isReadable(file)) {
      return "file " + path + " is not readable by this user";
    }
    return null;
  }

  /** As {@link #problem}, and also a key format pgjdbc does not read. */
  static String keyProblem(String path) {
    String problem = problem(path);
    if (problem != null) {
      return problem;
    }
    String head;
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      head = new String(in.readNBytes(HEAD_BYTES), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "file " + path + " could not be read: " + e.getMessage();
    }
    String convert = "; convert it to PKCS#8 with: openssl pkcs8 -topk8 -in " + path;
    if (head.contains("BEGIN RSA PRIVATE KEY") || head.contains("BEGIN EC PRIVATE KEY")) {
      return "is a PKCS#1/SEC1 PEM key, which pgjdbc does not read"
          + convert
          + " -nocrypt -out key.pem";
    }
    if (head.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
      return "is an encrypted PEM key, which pgjdbc does not read"
          + convert
          + " -outform DER -out key.pk8 (and keep sslkey_password)";
    }
    return null;
  }
}
