package io.runnel.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.config.ConfigLoader;
import io.runnel.config.DatabaseConfig;
import io.runnel.demo.EmbeddedPostgres;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lease on a real server: exclusive, and free for the next instance as soon as it closes. */
class AdvisoryLockLeaseIT {
  private static EmbeddedPostgres postgres;
  private static DatabaseConfig db;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.start();
    String yaml =
        """
        databases:
          - name: db
            hostname: localhost
            port: %d
            database: postgres
            username: postgres
            password: postgres
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
            .formatted(postgres.port());
    db = ConfigLoader.parse(yaml, Map.of()).databases().get(0);
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
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
