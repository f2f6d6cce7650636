package io.runnel.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.runnel.config.ConfigException;
import io.runnel.config.ConfigKeys;
import io.runnel.config.ConfigLoader;
import io.runnel.config.ConfigProblem;
import io.runnel.config.DatabaseAuth;
import io.runnel.config.RunnelConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/configuration.md against the validator, so that neither can change without the other: the
 * reference's key tables list exactly the mappings and keys the validator reads ({@link
 * ConfigKeys}), a config using every documented key loads, the ignored and rejected Sequin keys are
 * ignored and rejected, and each literal default in the reference is the loaded default.
 */
class ConfigurationDocTest {
  private static final String KEYS = "Keys";
  private static final String IGNORED = "Sequin keys accepted and ignored";
  private static final String REJECTED = "Sequin keys rejected";
  private static final YAMLMapper YAML = new YAMLMapper();

  /** A valid config that uses every key the reference lists as accepted. */
  private static final String EVERY_KEY =
      """
      server:
        http_port: 8080
        bind: 0.0.0.0
        api_token: token
      state:
        url: postgresql://runnel@state-db:5432/runnel
        password_file: ${PASSWORD_FILE}
        ssl: true
        sslmode: verify-full
        sslrootcert: src/test/resources/tls/ca.pem
        sslcert: src/test/resources/tls/client.pem
        sslkey: src/test/resources/tls/client.pk8
        sslkey_password: secret
      databases:
        - name: orders-db
          hostname: pg-a,pg-b
          port: 5433
          database: shop
          username: runnel
          password: secret
          ssl: true
          sslmode: verify-ca
          sslrootcert: system
          slot: {name: runnel_slot, create_if_not_exists: true}
          publication: {name: runnel_pub, create_if_not_exists: true}
          heartbeat_interval_ms: 30000
        - name: billing-db
          url: postgresql://runnel@billing:5432/billing?sslmode=require
          password_file: ${PASSWORD_FILE}
          ssl: true
          sslcert: src/test/resources/tls/client.pem
          sslkey: src/test/resources/tls/client-key.pem
          sslkey_password: secret
          slot_name: billing_slot
          publication_name: billing_pub
        - name: aurora-db
          hostname: app.cluster-abc123.eu-west-1.rds.amazonaws.com
          database: shop
          ssl: true
          use_iam_auth: true
          iam_region: eu-west-1
          iam_role_arn: arn:aws:iam::123456789012:role/runnel-db
          iam_external_id: ext
          slot_name: aurora_slot
          publication_name: aurora_pub
      functions:
        - name: route-by-table
          description: one queue per table
          type: routing
          sink_type: sqs
          expression: >-
            {"queue_url": "https://sqs.us-east-1.amazonaws.com/123456789012/"
            + metadata.table_name}
          code: 'def route(_a, _r, _c, metadata), do: %{queue_url: "q"}'
        - name: paid
          type: filter
          expression: 'record.status == "paid"'
          file: paid.exs
        - name: slim
          type: transform
          expression: '{"id": record.id}'
      sinks:
        - name: orders
          database: orders-db
          table: public.orders
          status: active
          actions: [insert, update]
          batch_size: 5
          message_grouping: true
          max_retry_count: 10
          timestamp_format: unix_microsecond
          filter: paid
          transform: slim
          enrichment: none
          annotations: {team: billing}
          destination:
            type: sqs
            queue_url: https://sqs.us-east-1.amazonaws.com/123456789012/orders.fifo
            region: us-east-1
            access_key_id: AKIAEXAMPLE
            secret_access_key: secret
            role_arn: arn:aws:iam::123456789012:role/runnel
            external_id: ext
            max_message_bytes: 262144
            large_payloads:
              s3_bucket: my-bucket
              s3_key_prefix: cdc/orders/
              threshold_bytes: 200000
              always: false
              region: us-east-1
              endpoint: http://localhost:9000
              use_emulator: true
              server_side_encryption: aws:kms
              kms_key_id: alias/runnel
        - name: routed
          database: orders-db
          tables:
            - name: public.orders
              group_column_names: [customer_id]
          routing: route-by-table
          destination: {type: sqs, region: us-east-1, use_task_role: true}
        - name: by-schema
          database: billing-db
          source: {include_schemas: [billing], include_tables: [public.invoices]}
          destination:
            type: sqs
            queue_url: http://localhost:9324/000000000000/billing
            use_emulator: true
            emulator_base_url: http://localhost:9324
        - name: all-but-audit
          database: billing-db
          status: paused
          source: {exclude_schemas: [audit], exclude_tables: [public.sessions]}
          destination:
            type: sqs
            queue_url: http://localhost:9324/000000000000/rest
            use_emulator: true
            emulator_base_url: http://localhost:9324
      """;

  /** A valid config that sets only what is required (and one function, for the rejected keys). */
  /** The state store's IAM login, which excludes the {@code password_file} of EVERY_KEY. */
  private static final String STATE_WITH_IAM =
      """
      state:
        url: postgresql://runnel@state.abc123.eu-west-1.rds.amazonaws.com:5432/runnel
        sslmode: require
        use_iam_auth: true
        iam_region: eu-west-1
        iam_role_arn: arn:aws:iam::123456789012:role/runnel-state
        iam_external_id: ext
      """;

  private static final String MINIMAL =
      """
      databases:
        - name: db
          hostname: localhost
          database: app
          slot: {name: runnel_slot}
          publication: {name: runnel_pub}
      functions:
        - {name: keep, type: filter, expression: 'true'}
      sinks:
        - name: orders
          tables: [{name: public.orders}]
          source: {include_schemas: [public]}
          destination:
            type: sqs
            queue_url: https://sqs.us-east-1.amazonaws.com/123456789012/orders
            access_key_id: AKIAEXAMPLE
            secret_access_key: secret
      """;

  /** What MINIMAL loads to, for every key whose default the reference writes as one literal. */
  private static final Map<String, Function<RunnelConfig, Object>> DEFAULTS = defaults();

  private final List<Markdown.Row> rows =
      Markdown.tableRows(Markdown.read(Markdown.root().resolve("docs/configuration.md")));

  private static Map<String, Function<RunnelConfig, Object>> defaults() {
    Map<String, Function<RunnelConfig, Object>> defaults = new LinkedHashMap<>();
    defaults.put("server.http_port", c -> c.server().httpPort());
    defaults.put("server.bind", c -> c.server().bind());
    defaults.put("databases[].port", c -> c.databases().get(0).port());
    defaults.put("databases[].username", c -> c.databases().get(0).username());
    defaults.put("databases[].ssl", c -> c.databases().get(0).tls().mode().alwaysEncrypts());
    defaults.put("databases[].sslmode", c -> c.databases().get(0).tls().mode().value());
    defaults.put(
        "databases[].use_iam_auth", c -> c.databases().get(0).auth() instanceof DatabaseAuth.Iam);
    defaults.put("state.use_iam_auth", c -> c.state().auth() instanceof DatabaseAuth.Iam);
    defaults.put(
        "databases[].heartbeat_interval_ms", c -> c.databases().get(0).heartbeatIntervalMs());
    defaults.put("databases[].slot.create_if_not_exists", c -> c.databases().get(0).createSlot());
    defaults.put(
        "databases[].publication.create_if_not_exists",
        c -> c.databases().get(0).createPublication());
    defaults.put("sinks[].status", c -> c.sinks().get(0).status());
    defaults.put("sinks[].actions", c -> c.sinks().get(0).actions());
    defaults.put("sinks[].batch_size", c -> c.sinks().get(0).batchSize());
    defaults.put("sinks[].message_grouping", c -> c.sinks().get(0).messageGrouping());
    defaults.put("sinks[].max_retry_count", c -> c.sinks().get(0).maxRetryCount());
    defaults.put("sinks[].timestamp_format", c -> c.sinks().get(0).timestampFormat());
    defaults.put("sinks[].annotations", c -> c.sinks().get(0).annotations());
    defaults.put(
        "sinks[].destination.use_task_role", c -> c.sinks().get(0).destination().useTaskRole());
    defaults.put(
        "sinks[].destination.use_emulator", c -> c.sinks().get(0).destination().useEmulator());
    return defaults;
  }

  @Test
  void documentsEveryMappingTheValidatorChecks() {
    assertThat(accepted().keySet()).isEqualTo(ConfigKeys.byPath().keySet());
  }

  @Test
  void documentsEveryKeyTheValidatorReads() {
    Set<String> documented = new TreeSet<>(fullPaths(accepted()));
    documented.addAll(listed(REJECTED));
    Set<String> read = new TreeSet<>();
    ConfigKeys.byPath().forEach((path, keys) -> keys.read().forEach(k -> read.add(join(path, k))));

    assertThat(documented).containsAll(read);
    assertThat(fullPaths(accepted())).doesNotContainAnyElementsOf(listed(REJECTED));
  }

  @Test
  void listsExactlyTheSequinKeysTheValidatorIgnoresAndEveryOneItRejects() {
    Set<String> ignored = new TreeSet<>();
    Set<String> rejected = new TreeSet<>();
    ConfigKeys.byPath()
        .forEach(
            (path, keys) -> {
              keys.ignored().forEach(k -> ignored.add(join(path, k)));
              keys.rejected().forEach(k -> rejected.add(join(path, k)));
            });

    assertThat(listed(IGNORED)).isEqualTo(ignored);
    assertThat(listed(REJECTED)).containsAll(rejected);
  }

  @TempDir Path dir;

  private Path passwordFile() throws IOException {
    return Files.writeString(dir.resolve("password"), "secret\n");
  }

  @Test
  void everyDocumentedKeyIsAcceptedByTheValidator() throws IOException {
    ConfigLoader.parse(EVERY_KEY, Map.of("PASSWORD_FILE", passwordFile().toString()));
    ConfigLoader.parse(STATE_WITH_IAM + MINIMAL, Map.of());
    Set<String> used = new TreeSet<>();
    collect(tree(EVERY_KEY), "", used);
    collect(tree(STATE_WITH_IAM + MINIMAL), "", used);

    assertThat(used).containsAll(fullPaths(accepted()));
  }

  @Test
  void ignoredKeysLoadWithAWarning() {
    String yaml = MINIMAL;
    for (String key : listed(IGNORED)) {
      yaml = with(yaml, key, "x");
    }
    List<String> warned =
        ConfigLoader.warnings(ConfigLoader.parse(yaml, Map.of())).stream()
            .map(ConfigProblem::path)
            .toList();

    assertThat(warned)
        .containsAll(listed(IGNORED).stream().map(k -> k.replace("[]", "[0]")).toList());
  }

  @Test
  void rejectedKeysAreErrorsAtTheirPath() {
    ConfigLoader.parse(MINIMAL, Map.of());
    for (String key : listed(REJECTED)) {
      ConfigException e =
          catchThrowableOfType(
              ConfigException.class, () -> ConfigLoader.parse(with(MINIMAL, key, "x"), Map.of()));

      assertThat(e).as(key).isNotNull();
      assertThat(e.problems()).extracting(ConfigProblem::path).contains(key.replace("[]", "[0]"));
    }
  }

  @Test
  void eachLiteralDefaultIsTheLoadedDefault() {
    Map<String, String> documented = new TreeMap<>();
    for (Markdown.Row row : section(KEYS)) {
      String value = row.cell(2);
      if (value.matches("`[^`]+`")) {
        documented.put(join(path(row), key(row)), value.substring(1, value.length() - 1));
      }
    }
    RunnelConfig loaded = ConfigLoader.parse(MINIMAL, Map.of());
    Map<String, String> actual = new TreeMap<>();
    DEFAULTS.forEach((key, accessor) -> actual.put(key, text(accessor.apply(loaded))));

    assertThat(documented).isEqualTo(actual);
  }

  /** The keys of the key tables, by the mapping path their heading names. */
  private Map<String, Set<String>> accepted() {
    Map<String, Set<String>> keys = new LinkedHashMap<>();
    for (Markdown.Row row : section(KEYS)) {
      keys.computeIfAbsent(path(row), p -> new LinkedHashSet<>()).add(key(row));
    }
    return keys;
  }

  /** The full key paths in the first column of a section's table. */
  private Set<String> listed(String section) {
    Set<String> keys = new TreeSet<>();
    for (Markdown.Row row : section(section)) {
      String cell = row.cell(0);
      assertThat(cell).as("line %d", row.line().number()).matches("`[a-z0-9_.\\[\\]]+`");
      keys.add(cell.substring(1, cell.length() - 1));
    }
    return keys;
  }

  private List<Markdown.Row> section(String name) {
    List<Markdown.Row> section =
        rows.stream().filter(r -> r.line().section().equals(name)).toList();
    assertThat(section).as("tables under ## %s", name).isNotEmpty();
    return section;
  }

  private static String path(Markdown.Row row) {
    String heading = row.line().subsection();
    if (heading.equals("Top level")) {
      return "";
    }
    assertThat(heading)
        .as("heading above line %d", row.line().number())
        .matches("`[a-z0-9_.\\[\\]]+`");
    return heading.substring(1, heading.length() - 1);
  }

  private static String key(Markdown.Row row) {
    String cell = row.cell(0);
    assertThat(cell).as("key cell, line %d", row.line().number()).matches("`[a-z0-9_]+`");
    return cell.substring(1, cell.length() - 1);
  }

  private static Set<String> fullPaths(Map<String, Set<String>> keys) {
    Set<String> paths = new TreeSet<>();
    keys.forEach((path, names) -> names.forEach(name -> paths.add(join(path, name))));
    return paths;
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Every key path the YAML uses, list items marked {@code []}. */
  private static void collect(JsonNode node, String path, Set<String> out) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              field -> {
                String full = join(path, field.getKey());
                out.add(full);
                collect(field.getValue(), full, out);
              });
    } else if (node.isArray()) {
      node.forEach(item -> collect(item, path + "[]", out));
    }
  }

  /** {@code yaml} with {@code key} (a full path; {@code []} is the first item) set to value. */
  private static String with(String yaml, String key, String value) {
    JsonNode root = tree(yaml);
    JsonNode node = root;
    String[] parts = key.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      String part = parts[i];
      node = part.endsWith("[]") ? node.get(part.replace("[]", "")).get(0) : node.get(part);
    }
    ((ObjectNode) node).put(parts[parts.length - 1], value);
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode tree(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A loaded value as the reference writes it. */
  private static String text(Object value) {
    if (value instanceof Enum<?> constant) {
      return constant.name().toLowerCase(Locale.ROOT);
    }
    if (value instanceof Collection<?> items) {
      return items.stream()
          .sorted() // enums in declaration order: insert, update, delete
          .map(ConfigurationDocTest::text)
          .collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof Map<?, ?> map && map.isEmpty()) {
      return "{}";
    }
    return String.valueOf(value);
  }
}
