package io.runnel.config;

/** Reads {@code server:} and {@code state:}, Runnel's own sections; both optional. */
final class ServerSection {
  static final KeyChecker.Keys SERVER_KEYS = KeyChecker.Keys.of("http_port", "bind", "api_token");

  /** The url, and how to log in to it and encrypt: as a database's. */
  static final KeyChecker.Keys STATE_KEYS =
      KeyChecker.Keys.of(
          TlsSection.withKeys(
              "url",
              "password_file",
              "use_iam_auth",
              "iam_region",
              "iam_role_arn",
              "iam_external_id"));

  private ServerSection() {}

  /** The server settings, defaults for an absent section, or null when invalid. */
  static ServerConfig server(YamlNode node, Problems problems) {
    if (node == null || node.isNull()) {
      return ServerConfig.defaults();
    }
    int before = problems.count();
    Fields fields = Fields.of(node, SERVER_KEYS, problems);
    Integer port =
        fields.intIn(
            "http_port",
            ServerConfig.DEFAULT_HTTP_PORT,
            0,
            65535,
            "must be between 0 and 65535 (0 picks a free port)");
    String bind = fields.text("bind");
    String token = fields.string("api_token");
    if (token != null && token.isBlank()) {
      fields.problem("api_token", "must not be empty (leave it out, or null, for no token)");
    }
    if (problems.count() > before) {
      return null;
    }
    return new ServerConfig(port, bind == null ? ServerConfig.DEFAULT_BIND : bind, token);
  }

  /** The state store location, defaults for an absent section, or null when invalid. */
  static StateConfig state(YamlNode node, Problems problems) {
    if (node == null || node.isNull()) {
      return StateConfig.defaults();
    }
    int before = problems.count();
    Fields fields = Fields.of(node, STATE_KEYS, problems);
    String url = fields.text("url");
    if (url == null) {
      onlyWithUrl(fields);
      return problems.count() > before ? null : StateConfig.defaults();
    }
    PostgresUrl parsed;
    try {
      parsed = PostgresUrl.parse(url);
    } catch (IllegalArgumentException e) {
      fields.problem("url", e.getMessage());
      return null;
    }
    DatabaseTls tls = TlsSection.read(fields, parsed.tls());
    var given = new DatabaseAuthSection.Given(parsed.password(), "a password in url");
    boolean encrypted = tls != null && tls.mode().alwaysEncrypts();
    DatabaseAuth auth = DatabaseAuthSection.read(fields, given, parsed.hostname(), encrypted);
    return problems.count() > before ? null : new StateConfig(url, tls, auth);
  }

  /**
   * Without a url the state store is the source database, with the source's login and TLS settings:
   * the keys that would describe another connection are mistakes.
   */
  private static void onlyWithUrl(Fields fields) {
    for (String key : STATE_KEYS.known()) {
      if (!key.equals("url") && fields.has(key)) {
        fields.problem(
            key,
            "only with url (without one, the state store uses each database's own connection,"
                + " login and TLS settings)");
      }
    }
  }
}
