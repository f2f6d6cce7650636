package io.runnel.jdbc;

import io.runnel.config.DatabaseAuth;
import io.runnel.config.DatabaseConfig;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * {@code password_file}: the file is read at every new connection, so a rotated secret (Kubernetes
 * updates a mounted secret in place) is used from the next reconnect on. Trailing line breaks are
 * not part of the password. Stateless and thread-safe; blocks on the read.
 */
final class FilePassword implements DatabaseAuth.PasswordSource {
  private final Path path;

  FilePassword(Path path) {
    this.path = path;
  }

  @Override
  public String password(DatabaseConfig db) throws SQLException {
    try {
      return Files.readString(path).replaceFirst("[\\r\\n]+$", "");
    } catch (IOException e) {
      throw new PasswordUnavailableException(
          "database " + db.name() + ": cannot read password_file " + path + ": " + reason(e), e);
    }
  }

  private static String reason(IOException e) {
    return switch (e) {
      case NoSuchFileException missing -> "no such file";
      case AccessDeniedException denied -> "permission denied";
      default -> e.getClass().getSimpleName() + " " + e.getMessage();
    };
  }

  @Override
  public String toString() {
    return "FilePassword[" + path + "]";
  }
}
