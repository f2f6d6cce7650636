package io.runnel.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets never appear in printed config or in problems. */
class SecretsTest {

  @Test
  void toStringMasksSecrets() {
    Map<String, String> env =
        Map.of(
            "RUNNEL_API_TOKEN",
            "tok-123",
            "STATE_PASSWORD",
            "st8pw",
            "AWS_SECRET_ACCESS_KEY",
            "aws-s3cret",
            "EXTERNAL_ID",
            "ext-id-9",
            "DB_PASSWORD",
            "dbpw");
    RunnelConfig config = ConfigLoader.parse(Configs.resource("design-full.yml"), env);

    assertThat(config.toString())
        .doesNotContain("tok-123", "st8pw", "aws-s3cret", "ext-id-9", "dbpw")
        .contains("password=****", "secretAccessKey=****", "apiToken=****", "externalId=****")
        .contains("postgresql://runnel:****@state-host:5433/runnel_state");
  }

  @Test
  void urlPasswordsAreMaskedUpToTheLastAt() {
    assertThat(Secrets.maskUrl("postgresql://u:p@ss@host/db"))
        .isEqualTo("postgresql://u:****@host/db");
    assertThat(Secrets.maskUrl("postgresql://host/db")).isEqualTo("postgresql://host/db");
    assertThat(PostgresUrl.parse("postgresql://u:hunter2@h/d").toString())
        .doesNotContain("hunter2");
  }

  @Test
  void problemsMaskSecretValues() {
    String yaml =
        """
        server:
          api_token: [tok-123]
        state:
          url: "postgresql://u:st8pw@h:99999/d"
        databases:
          - name: db
            url: "mysql://u:dbpw@h/d"
            password: dbpw2
            slot_name: s
            publication_name: p
        sinks:
          - name: s
            destination:
              type: sqs
              queue_url: https://sqs.us-east-1.amazonaws.com/123456789012/q
              secret_access_key: [aws-s3cret]
              external_id: ext-id-9
        """;

    String rendered = String.join("\n", Configs.rendered(yaml));

    assertThat(rendered)
        .doesNotContain("tok-123", "st8pw", "dbpw", "aws-s3cret", "ext-id-9")
        .contains("server.api_token: must be a string (was: ****)")
        .contains(
            "state.url: port must be between 1 and 65535 (was: postgresql://u:****@h:99999/d)")
        .contains("databases[0].password: not allowed with url (the url sets it) (was: ****)")
        .contains("sinks[0].destination.external_id: only used with role_arn (was: ****)");
  }

  @Test
  void malformedUrlsStillHideTheirUserInfo() {
    assertThat(Problems.mask("databases[0].url", "user:hunter2@host/db")).isEqualTo("****@host/db");
    assertThat(Problems.mask("state.url", "postgresql://u:a@b@h/d"))
        .isEqualTo("postgresql://u:****@h/d");
    assertThat(Problems.mask("sinks[0].destination.secret_access_key", "x")).isEqualTo("****");
    assertThat(Problems.mask("sinks[0].name", "plain")).isEqualTo("plain");
  }

  @Test
  void syntaxErrorsDoNotQuoteTheOffendingLine() {
    String yaml = "databases:\n  - name: db\n    password: \"s3cret\n";

    assertThat(Configs.rendered(yaml))
        .singleElement()
        .asString()
        .startsWith("$: YAML syntax error: ")
        .doesNotContain("s3cret");
  }
}
