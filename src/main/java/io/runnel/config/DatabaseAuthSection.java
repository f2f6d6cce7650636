package io.runnel.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads how a database (or the state store) authenticates: {@code password} (or the url's), {@code
 * password_file}, or {@code use_iam_auth} with {@code iam_region}, {@code iam_role_arn} and {@code
 * iam_external_id}. They exclude one another; each conflict is reported naming both keys.
 */
final class DatabaseAuthSection {
  private static final List<String> IAM_ONLY =
      List.of("iam_region", "iam_role_arn", "iam_external_id");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
  private static final Pattern RDS_HOST =
      Pattern.compile(
          "(?:[a-z0-9-]+\\.)+([a-z]{2}(?:-[a-z]+)+-\\d+)\\.rds\\.amazonaws\\.com(?:\\.cn)?(?::\\d+)?");
  private static final String IAM_NEEDS_TLS =
      "IAM authentication requires TLS: set sslmode: verify-full (or at least require)";

  /**
   * Where the password came from, for messages.
   *
   * @param password the static password, or null
   * @param key {@code password}, or {@code "a password in url"}
   */
  record Given(String password, String key) {}

  private DatabaseAuthSection() {}

  /** The auth of a database at {@code hostname}, or null after reporting a problem. */
  static DatabaseAuth read(Fields fields, Given given, String hostname, boolean encrypted) {
    Boolean iam = fields.bool("use_iam_auth", false);
    if (iam == null) {
      return null;
    }
    if (iam) {
      return iam(fields, given, hostname, encrypted);
    }
    for (String key : IAM_ONLY) {
      if (fields.has(key)) {
        fields.problem(key, "only used with use_iam_auth: true");
      }
    }
    return passwordOrFile(fields, given);
  }

  /** {@code password_file} when given (checked to be readable), else the static password. */
  static DatabaseAuth passwordOrFile(Fields fields, Given given) {
    String file = fields.text("password_file");
    if (file == null) {
      return fields.has("password_file") ? null : DatabaseAuth.password(given.password());
    }
    if (given.password() != null) {
      fields.problem("password_file", "not allowed with " + given.key() + " (use one of them)");
      return null;
    }
    Path path = Path.of(file);
    String problem = unreadable(path);
    if (problem != null) {
      fields.problem("password_file", problem);
      return null;
    }
    return new DatabaseAuth.PasswordFile(path);
  }

  private static String unreadable(Path path) {
    if (!Files.exists(path)) {
      return "cannot read " + path + ": no such file";
    }
    if (!Files.isRegularFile(path)) {
      return "cannot read " + path + ": not a regular file";
    }
    return Files.isReadable(path) ? null : "cannot read " + path + ": permission denied";
  }

  private static DatabaseAuth iam(Fields fields, Given given, String hostname, boolean encrypted) {
    int before = fields.problems().count();
    if (given.password() != null) {
      fields.problem("use_iam_auth", "not allowed with " + given.key() + iamUsesToken());
    }
    if (fields.has("password_file")) {
      fields.problem("use_iam_auth", "not allowed with password_file" + iamUsesToken());
    }
    if (hostname != null && hostname.contains(",")) {
      fields.problem(
          "use_iam_auth",
          "needs a single host: a token is signed for one host name "
              + "(use the cluster endpoint, which follows a failover)");
    }
    if (!encrypted) {
      fields.problem("use_iam_auth", IAM_NEEDS_TLS);
    }
    String region = region(fields, hostname);
    String roleArn = fields.text("iam_role_arn");
    if (roleArn != null && !DestinationSection.ROLE_ARN.matcher(roleArn).matches()) {
      fields.problem(
          "iam_role_arn", "must be an IAM role ARN like arn:aws:iam::123456789012:role/name");
    }
    String externalId = fields.text("iam_external_id");
    if (externalId != null && roleArn == null) {
      fields.problem("iam_external_id", "only used with iam_role_arn");
    }
    return fields.problems().count() > before
        ? null
        : new DatabaseAuth.Iam(region, roleArn, externalId);
  }

  private static String iamUsesToken() {
    return " (IAM authentication sends a fresh token as the password)";
  }

  private static String region(Fields fields, String hostname) {
    String region = fields.text("iam_region");
    if (region != null) {
      if (!REGION.matcher(region).matches()) {
        fields.problem("iam_region", "must be an AWS region like eu-west-1");
      }
      return region;
    }
    if (fields.has("iam_region") || hostname == null || hostname.contains(",")) {
      return null;
    }
    region = rdsRegion(hostname);
    if (region == null) {
      fields.problem(
          "use_iam_auth",
          "needs iam_region: "
              + hostname
              + " is not an RDS host name to read the region from "
              + "(like mydb.abc123.eu-west-1.rds.amazonaws.com)");
    }
    return region;
  }

  /**
   * The region in an RDS or Aurora host name ({@code mydb.abc123.eu-west-1.rds.amazonaws.com},
   * {@code app.cluster-abc123.eu-west-1.rds.amazonaws.com}, {@code ….rds.amazonaws.com.cn}), or
   * null for any other host.
   */
  static String rdsRegion(String hostname) {
    Matcher host = RDS_HOST.matcher(hostname.trim().toLowerCase(Locale.ROOT));
    return host.matches() ? host.group(1) : null;
  }
}
