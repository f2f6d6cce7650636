package io.runnel.config;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Objects;

/**
 * How Runnel obtains the password for each new connection to a database: a static password (or
 * none), a file read at every connection, an RDS/Aurora IAM token, or a source the embedding
 * program provides. {@code io.runnel.jdbc.PgConnections} turns it into the password of each
 * connection. Immutable; {@link #toString} never shows a secret.
 */
public sealed interface DatabaseAuth {

  /** No password (trust, peer or certificate authentication). */
  DatabaseAuth NONE = new Password(null);

  /** {@code password:} (or the password in {@code url:}), or null for none. */
  static DatabaseAuth password(String secret) {
    return secret == null ? NONE : new Password(secret);
  }

  /** A static password. */
  record Password(String secret) implements DatabaseAuth {
    @Override
    public String toString() {
      return "password=" + Secrets.mask(secret);
    }
  }

  /**
   * {@code password_file:}: read at each new connection, so a rotated secret (a Kubernetes secret
   * volume) is used on the next reconnect. A trailing newline is not part of the password.
   */
  record PasswordFile(Path path) implements DatabaseAuth {
    public PasswordFile {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String toString() {
      return "passwordFile=" + path;
    }
  }

  /**
   * {@code use_iam_auth: true}: a fresh RDS IAM token per connection, signed with credentials from
   * the AWS default chain, with {@code roleArn} (when not null) assumed on top.
   *
   * @param region the signing region, never null (the config reads it from the host name)
   * @param roleArn a role to assume, or null
   * @param externalId the external id for {@code roleArn}, or null
   */
  record Iam(String region, String roleArn, String externalId) implements DatabaseAuth {
    public Iam {
      Objects.requireNonNull(region, "region");
    }

    @Override
    public String toString() {
      return "iamAuth[region="
          + region
          + ", roleArn="
          + roleArn
          + ", externalId="
          + Secrets.mask(externalId)
          + "]";
    }
  }

  /**
   * A source the embedding program provides ({@code RunnelOptions.withPasswords}); never read from
   * YAML, so config validation does not apply to it. Tests inject fake IAM token generators this
   * way.
   */
  record Provided(PasswordSource source) implements DatabaseAuth {
    public Provided {
      Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
      return "passwordSource=" + source.getClass().getSimpleName();
    }
  }

  /**
   * Gives the password of one new connection. Implementations are thread-safe and may block (file
   * reads, AWS credential refreshes).
   */
  @FunctionalInterface
  interface PasswordSource {
    /**
     * The password to send when connecting to {@code db}, or null for none.
     *
     * @throws SQLException (SQLState 08001, so the caller retries) when it cannot be obtained; the
     *     message names the file or the credential problem, never a secret
     */
    String password(DatabaseConfig db) throws SQLException;
  }
}
