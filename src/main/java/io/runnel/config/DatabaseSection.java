package io.runnel.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads {@code databases:}. The connection is either split keys or {@code url:} (exclusive); the
 * slot and publication are objects ({@code slot: {name, create_if_not_exists}}) or Sequin's legacy
 * {@code slot_name}/{@code publication_name}. Both names are required, as in Sequin: Runnel never
 * invents a slot name, because a slot it created under a guessed name would keep WAL on the server
 * after a rename.
 */
final class DatabaseSection {
  static final String DEFAULT_USERNAME = "postgres";
  private static final String[] URL_PARTS = {
    "hostname", "port", "database", "username", "password"
  };
  static final KeyChecker.Keys KEYS =
      KeyChecker.Keys.of(
              TlsSection.withKeys(
                  "name",
                  "url",
                  "hostname",
                  "port",
                  "database",
                  "username",
                  "password",
                  "password_file",
                  "use_iam_auth",
                  "iam_region",
                  "iam_role_arn",
                  "iam_external_id",
                  "slot",
                  "publication",
                  "slot_name",
                  "publication_name",
                  "heartbeat_interval_ms"))
          .ignoring("pool_size", "await_database", "ipv6", "tables")
          .rejecting(
              "primary",
              "not supported: Runnel reads from the primary; "
                  + "point hostname (or url) at the primary instead of a replica")
          .rejecting(
              "use_local_tunnel",
              "not supported: Sequin Cloud tunnels do not exist "
                  + "in Runnel; set hostname and port (or url)");
  static final KeyChecker.Keys SLOT_KEYS = KeyChecker.Keys.of("name", "create_if_not_exists");
  private static final String OWN_SQL =
      "not supported: create the publication with your own SQL "
          + "before starting Runnel and set create_if_not_exists: false";
  static final KeyChecker.Keys PUBLICATION_KEYS =
      KeyChecker.Keys.of("name", "create_if_not_exists")
          .rejecting("init_sql", OWN_SQL)
          .rejecting("schemas", OWN_SQL);

  private record Endpoint(
      String hostname,
      int port,
      String database,
      String username,
      String password,
      DatabaseTls tls) {}

  private record Replication(String name, boolean create) {}

  private DatabaseSection() {}

  /** The databases, aligned with the YAML items (null for an invalid item). */
  static List<DatabaseConfig> read(YamlNode node, Problems problems) {
    List<DatabaseConfig> databases = new ArrayList<>();
    if (node == null || node.isNull() || (node.isSequence() && node.items().isEmpty())) {
      problems.add(
          "databases",
          node == null ? 0 : node.line(),
          "at least one database is required (sinks stream from it)",
          null);
      return databases;
    }
    if (!node.isSequence()) {
      problems.at(node, "must be a list");
      return databases;
    }
    for (YamlNode item : node.items()) {
      databases.add(one(item, problems));
    }
    Names.unique(node, "database", problems);
    sharedSlots(node.items(), databases, problems);
    return databases;
  }

  private static DatabaseConfig one(YamlNode item, Problems problems) {
    int before = problems.count();
    Fields fields = Fields.of(item, KEYS, problems);
    if (!fields.ok()) {
      return null;
    }
    String name = Names.read(fields);
    Endpoint endpoint = fields.has("url") ? fromUrl(fields) : fromKeys(fields);
    DatabaseAuth auth = endpoint == null ? null : auth(fields, endpoint);
    Replication slot =
        replication(fields, "slot", "slot_name", SLOT_KEYS, DatabaseSection::slotName);
    Replication publication =
        replication(
            fields,
            "publication",
            "publication_name",
            PUBLICATION_KEYS,
            DatabaseSection::publicationName);
    Long heartbeat = heartbeat(fields);
    if (problems.count() > before) {
      return null;
    }
    return new DatabaseConfig(
        name,
        endpoint.hostname(),
        endpoint.port(),
        endpoint.database(),
        endpoint.username(),
        auth,
        endpoint.tls(),
        slot.name(),
        slot.create(),
        publication.name(),
        publication.create(),
        heartbeat);
  }

  private static DatabaseAuth auth(Fields fields, Endpoint endpoint) {
    var given =
        new DatabaseAuthSection.Given(
            endpoint.password(), fields.has("url") ? "a password in url" : "password");
    return DatabaseAuthSection.read(fields, given, endpoint.hostname(), encrypted(endpoint));
  }

  /**
   * Whether connections to this database are encrypted, for the rule that IAM authentication needs
   * TLS: {@code sslmode} require or above ({@code allow} and {@code prefer} may fall back to plain
   * text, which would send the token in the clear).
   */
  private static boolean encrypted(Endpoint endpoint) {
    return endpoint.tls().mode().alwaysEncrypts();
  }

  private static Long heartbeat(Fields fields) {
    String range = "must be 0 (off) or between 1000 and 86400000";
    long fallback = DatabaseConfig.DEFAULT_HEARTBEAT_INTERVAL_MS;
    Long heartbeat = fields.integer("heartbeat_interval_ms", fallback, 0, 86_400_000, range);
    if (heartbeat != null && heartbeat > 0 && heartbeat < 1000) {
      fields.problem("heartbeat_interval_ms", range);
      return null;
    }
    return heartbeat;
  }

  private static Endpoint fromKeys(Fields fields) {
    String hostname = fields.required("hostname");
    Integer port =
        fields.intIn("port", DatabaseConfig.DEFAULT_PORT, 1, 65535, "must be between 1 and 65535");
    String database = fields.required("database");
    String username = fields.text("username");
    String password = fields.string("password");
    DatabaseTls tls = TlsSection.read(fields, Map.of());
    if (hostname == null || port == null || database == null || tls == null) {
      return null;
    }
    return new Endpoint(
        hostname, port, database, username == null ? DEFAULT_USERNAME : username, password, tls);
  }

  private static Endpoint fromUrl(Fields fields) {
    for (String key : URL_PARTS) {
      if (fields.has(key)) {
        fields.problem(key, "not allowed with url (the url sets it)");
      }
    }
    String text = fields.text("url");
    if (text == null) {
      return null;
    }
    PostgresUrl url;
    try {
      url = PostgresUrl.parse(text);
    } catch (IllegalArgumentException e) {
      fields.problem("url", e.getMessage());
      return null;
    }
    DatabaseTls tls = TlsSection.read(fields, url.tls());
    if (tls == null) {
      return null;
    }
    return new Endpoint(
        url.hostname(),
        url.port(),
        url.database(),
        url.username() == null ? DEFAULT_USERNAME : url.username(),
        url.password(),
        tls);
  }

  private static Replication replication(
      Fields fields,
      String key,
      String legacy,
      KeyChecker.Keys keys,
      Function<String, String> nameProblem) {
    if (fields.has(key) && fields.has(legacy)) {
      fields.problem(legacy, "use either " + key + " or the legacy " + legacy + ", not both");
      return null;
    }
    if (fields.has(legacy)) {
      String name = fields.text(legacy);
      return checked(fields, legacy, name, nameProblem) ? new Replication(name, false) : null;
    }
    if (!fields.has(key)) {
      fields.missing(key + ".name", "required (or the legacy " + legacy + ")");
      return null;
    }
    Fields object = Fields.of(fields.get(key), keys, fields.problems());
    String name = object.required("name");
    Boolean create = object.bool("create_if_not_exists", false);
    boolean valid = checked(object, "name", name, nameProblem);
    return valid && create != null ? new Replication(name, create) : null;
  }

  private static boolean checked(
      Fields fields, String key, String name, Function<String, String> nameProblem) {
    String problem = name == null ? null : nameProblem.apply(name);
    if (problem != null) {
      fields.problem(key, problem);
    }
    return name != null && problem == null;
  }

  private static String slotName(String name) {
    return name.matches("[a-z0-9_]{1,63}")
        ? null
        : "must be 1 to 63 lower-case letters, digits or underscores (PostgreSQL's slot name rule)";
  }

  private static String publicationName(String name) {
    return name.getBytes(StandardCharsets.UTF_8).length <= 63
        ? null
        : "must be at most 63 bytes long (PostgreSQL would truncate it)";
  }

  /** Two entries on one server and database cannot share a slot: it feeds one reader. */
  private static void sharedSlots(
      List<YamlNode> items, List<DatabaseConfig> databases, Problems problems) {
    Map<String, Integer> owner = new HashMap<>();
    for (int i = 0; i < databases.size(); i++) {
      DatabaseConfig db = databases.get(i);
      if (db == null) {
        continue;
      }
      String key = db.hostname() + ":" + db.port() + "/" + db.database() + "#" + db.slotName();
      Integer first = owner.putIfAbsent(key, i);
      if (first != null) {
        YamlNode item = items.get(i);
        problems.add(
            item.path() + ".slot",
            item.line(),
            "replication slot already used by "
                + items.get(first).path()
                + " (a slot feeds only one reader)",
            db.slotName());
      }
    }
  }
}
