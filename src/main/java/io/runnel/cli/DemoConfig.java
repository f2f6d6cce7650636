package io.runnel.cli;

import io.runnel.demo.EmbeddedPostgres;
import io.runnel.demo.EmbeddedSqs;

/** The demo's config: the seed's emulator example, pointed at the embedded servers. */
final class DemoConfig {
  private DemoConfig() {}

  static String yaml(EmbeddedPostgres postgres, EmbeddedSqs sqs, String queue) {
    return """
        databases:
          - name: "demo-database"
            hostname: "%s"
            port: %d
            database: "%s"
            username: "%s"
            password: "%s"
            slot:
              name: "runnel_demo_slot"
              create_if_not_exists: true
            publication:
              name: "runnel_demo_pub"
              create_if_not_exists: true
        sinks:
          - name: "demo-to-sqs"
            database: "demo-database"
            table: "public.orders"
            batch_size: 10
            status: "active"
            actions:
              - insert
              - update
              - delete
            destination:
              type: "sqs"
              queue_url: "%s"
              region: "us-east-1"
              use_emulator: true
              emulator_base_url: "%s"
              access_key_id: "test"
              secret_access_key: "test"
        """
        .formatted(
            postgres.host(),
            postgres.port(),
            postgres.database(),
            postgres.user(),
            postgres.password(),
            sqs.queueUrl(queue),
            sqs.baseUrl());
  }

  /** The YAML with secret values replaced by {@code ****}, for printing. */
  static String masked(String yaml) {
    return yaml.replaceAll("(?m)^(\\s*(password|secret_access_key):\\s*).*$", "$1\"****\"");
  }
}
