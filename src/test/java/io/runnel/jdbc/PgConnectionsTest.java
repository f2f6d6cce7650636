package io.runnel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.config.DatabaseAuth;
import io.runnel.config.DatabaseConfig;
import io.runnel.config.DatabaseTls;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every connection, plain or replication, asks its database's password source first. */
class PgConnectionsTest {

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static DatabaseConfig db(int port, DatabaseAuth auth) {
    return new DatabaseConfig(
        "orders-db",
        "127.0.0.1",
        port,
        "app",
        "runnel",
        auth,
        DatabaseTls.DISABLED,
        "s",
        false,
        "p",
        false,
        0);
  }

  @Test
  void eachConnectionAttemptAsksForAPassword() throws IOException {
    AtomicInteger asked = new AtomicInteger();
    DatabaseConfig db =
        db(closedPort(), new DatabaseAuth.Provided(d -> "token-" + asked.incrementAndGet()));

    assertThatThrownBy(() -> PgConnections.open(db, "runnel")).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> PgConnections.openReplication(db, "runnel"))
        .isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> PgConnections.open(db, "runnel-state"))
        .isInstanceOf(SQLException.class);

    assertThat(asked).hasValue(3);
  }

  @Test
  void anUnreadablePasswordFileFailsBeforeConnecting() throws IOException {
    Path missing = Path.of("/nonexistent/runnel/pg-password");
    DatabaseConfig db = db(closedPort(), new DatabaseAuth.PasswordFile(missing));

    assertThatThrownBy(() -> PgConnections.open(db, "runnel"))
        .isInstanceOf(SQLException.class)
        .hasMessage("database orders-db: cannot read password_file " + missing + ": no such file");
  }
}
