package io.runnel.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.config.ConfigLoader;
import io.runnel.config.DatabaseConfig;
import io.runnel.it.RealServers;
import io.runnel.it.Servers;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lease on a real server: exclusive, and free for the next instance as soon as it closes. */
@RealServers
class AdvisoryLockLeaseIT {
  private static Servers servers;
  private static DatabaseConfig db;

  @BeforeAll
  static void config() {
    String yaml =
        """
        databases:
          - name: db
            hostname: localhost
            port: %d
            database: %s
            username: %s
            password: %s
            slot_name: lease_slot
            publication_name: lease_pub
        sinks:
          - name: s
            database: db
            table: public.t
            destination:
              type: sqs
              queue_url: https://sqs.us-east-1.amazonaws.com/123456789012/q
              access_key_id: a
              secret_access_key: b
        """
            .formatted(
                servers.postgres.port(),
                servers.postgres.name(),
                servers.postgres.user(),
                servers.postgres.password());
    db = ConfigLoader.parse(yaml, Map.of()).databases().get(0);
  }

  @Test
  void onlyOneHoldsItAndAClosedLeaseIsFreeAtOnce() throws Exception {
    AdvisoryLockLease previous = new AdvisoryLockLease(db, db, "instance-0");
    assertThat(previous.tryAcquire()).isTrue();
    for (int i = 1; i <= 20; i++) {
      AdvisoryLockLease next = new AdvisoryLockLease(db, db, "instance-" + i);
      assertThat(next.tryAcquire()).as("held by instance-%d", i - 1).isFalse();
      assertThat(next.holder()).isEqualTo("instance-" + (i - 1));

      previous.close(); // a clean stop, then the standby's very next try
      assertThat(next.tryAcquire()).as("takeover %d right after a clean stop", i).isTrue();
      previous = next;
    }
    previous.close();
  }
}
