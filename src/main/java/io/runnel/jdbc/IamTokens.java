package io.runnel.jdbc;

import io.runnel.config.DatabaseAuth;
import io.runnel.config.DatabaseConfig;
import io.runnel.time.Clock;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code use_iam_auth}: a fresh RDS IAM authentication token as the password of every new
 * connection. A token is valid for 15 minutes and is only checked when connecting, so none is ever
 * reused: generating one is a local signature (the credentials behind it are cached and refreshed
 * by their provider). Thread-safe when the generator is; blocks while credentials refresh.
 */
public final class IamTokens implements DatabaseAuth.PasswordSource {
  /** How long RDS accepts a token after it was signed. */
  public static final Duration LIFETIME = Duration.ofMinutes(15);

  private static final Logger log = LoggerFactory.getLogger(IamTokens.class);

  /** Signs a token for {@code user} at {@code host:port} (RdsUtilities, or a fake in tests). */
  @FunctionalInterface
  public interface TokenGenerator {
    String token(String host, int port, String user);
  }

  private final TokenGenerator generator;
  private final Clock clock;

  public IamTokens(TokenGenerator generator, Clock clock) {
    this.generator = Objects.requireNonNull(generator, "generator");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String password(DatabaseConfig db) throws SQLException {
    String host = db.hostname().trim();
    int port = db.port();
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.substring(colon + 1).matches("\\d+")) {
      port = Integer.parseInt(host.substring(colon + 1));
      host = host.substring(0, colon);
    }
    String token;
    try {
      token = generator.token(host, port, db.username());
    } catch (RuntimeException e) {
      throw new PasswordUnavailableException(
          "database %s: cannot create an IAM authentication token for %s@%s:%d: %s"
              .formatted(db.name(), db.username(), host, port, e.getMessage()),
          e);
    }
    log.debug(
        "database {}: new IAM token for {}@{}:{}, valid until {}",
        db.name(),
        db.username(),
        host,
        port,
        clock.instant().plus(LIFETIME));
    return token;
  }
}
