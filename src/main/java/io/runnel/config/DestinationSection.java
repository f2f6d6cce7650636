package io.runnel.config;

import java.util.regex.Pattern;

/**
 * Reads a sink's {@code destination:} (SQS). Credential modes: static keys (both keys), {@code
 * use_task_role: true} (the AWS default chain), or {@code use_emulator: true} with or without keys;
 * exactly one. {@code role_arn} (optionally with {@code external_id}) assumes a role on top of keys
 * or the task role. The region defaults to the one in the queue URL's host; with an emulator whose
 * URL names none, to us-east-1 (emulators accept any region, as they accept dummy keys).
 */
final class DestinationSection {
  static final KeyChecker.Keys KEYS =
      KeyChecker.Keys.of(
          "type",
          "queue_url",
          "region",
          "access_key_id",
          "secret_access_key",
          "use_task_role",
          "role_arn",
          "external_id",
          "use_emulator",
          "emulator_base_url",
          "max_message_bytes",
          "large_payloads");
  static final Pattern ROLE_ARN = Pattern.compile("^arn:aws[a-z-]*:iam::\\d{12}:role/.+$");
  private static final Pattern HTTP = Pattern.compile("^https?://\\S+$");

  /** The region signed for when an emulator's queue URL names none. */
  static final String EMULATOR_REGION = "us-east-1";

  private static final String BYTES_RANGE = "must be between 1024 and 1048576 (1 KiB to 1 MiB)";

  private DestinationSection() {}

  /** The destination of a sink, or null when absent or invalid. */
  static SqsDestination read(Fields sink, boolean routed) {
    YamlNode node = sink.get("destination");
    if (node == null) {
      if (sink.ok()) {
        sink.missing("destination", "required");
      }
      return null;
    }
    Problems problems = sink.problems();
    int before = problems.count();
    Fields fields = Fields.of(node, KEYS, problems);
    if (!fields.ok()) {
      return null;
    }
    type(fields);
    Boolean emulator = fields.bool("use_emulator", false);
    String emulatorUrl = emulatorBaseUrl(fields, Boolean.TRUE.equals(emulator));
    String queueUrl = queueUrl(fields, routed, Boolean.TRUE.equals(emulator));
    String region = region(fields, queueUrl, Boolean.TRUE.equals(emulator));
    Boolean taskRole = credentials(fields, Boolean.TRUE.equals(emulator));
    Integer maxBytes = fields.intIn("max_message_bytes", null, 1024, 1_048_576, BYTES_RANGE);
    LargePayloads largePayloads = LargePayloadsSection.read(fields, sink.peek("name"));
    if (problems.count() > before) {
      return null;
    }
    return new SqsDestination(
        queueUrl,
        region,
        fields.string("access_key_id"),
        fields.string("secret_access_key"),
        taskRole,
        fields.string("role_arn"),
        fields.string("external_id"),
        emulator,
        emulatorUrl,
        maxBytes,
        largePayloads);
  }

  private static void type(Fields fields) {
    String type = fields.required("type");
    if (type != null && !type.equals("sqs")) {
      fields.problem("type", "must be sqs (Runnel sends only to SQS)");
    }
  }

  private static String emulatorBaseUrl(Fields fields, boolean emulator) {
    String url = fields.text("emulator_base_url");
    if (!emulator) {
      if (url != null) {
        fields.problem("emulator_base_url", "only used with use_emulator: true");
      }
      return url;
    }
    if (url == null && fields.get("emulator_base_url") == null) {
      fields.missing("emulator_base_url", "required with use_emulator: true");
    } else if (url != null && !HTTP.matcher(url).matches()) {
      fields.problem("emulator_base_url", "must start with http:// or https://");
    }
    return url;
  }

  private static String queueUrl(Fields fields, boolean routed, boolean emulator) {
    String url = fields.text("queue_url");
    if (url == null) {
      if (!routed && fields.get("queue_url") == null) {
        fields.missing("queue_url", "required (unless the sink has a routing function)");
      }
      return null;
    }
    QueueUrls.problem(url, emulator).ifPresent(message -> fields.problem("queue_url", message));
    String region = QueueUrls.region(url).orElse(null);
    if (!emulator && region != null && !QueueUrls.REGION.matcher(region).matches()) {
      fields.problem("queue_url", "the host's region (" + region + ") is not an AWS region");
    }
    return url;
  }

  private static String region(Fields fields, String queueUrl, boolean emulator) {
    String parsed = queueUrl == null ? null : QueueUrls.region(queueUrl).orElse(null);
    String region = fields.text("region");
    if (region != null) {
      if (!emulator && !QueueUrls.REGION.matcher(region).matches()) {
        fields.problem("region", "must be an AWS region like us-east-1");
      } else if (!emulator && parsed != null && !parsed.equals(region)) {
        fields.problem("region", "does not match the queue_url's region (" + parsed + ")");
      }
      return region;
    }
    if (parsed == null && emulator && fields.get("region") == null) {
      return EMULATOR_REGION; // an emulator ignores the region, as it ignores the dummy keys
    }
    if (parsed == null
        && fields.get("region") == null
        && (queueUrl == null || QueueUrls.problem(queueUrl, emulator).isEmpty())) {
      fields.missing(
          "region",
          queueUrl == null
              ? "required when queue_url is not set"
              : "required: cannot be derived from queue_url (no sqs.<region>. in its host)");
    }
    return parsed;
  }

  /** Checks the credential mode; returns use_task_role. */
  private static Boolean credentials(Fields fields, boolean emulator) {
    boolean keyId = fields.text("access_key_id") != null;
    boolean secret = fields.text("secret_access_key") != null;
    Boolean taskRole = fields.bool("use_task_role", false);
    if (keyId && !secret) {
      fields.missing("secret_access_key", "required with access_key_id");
    } else if (secret && !keyId) {
      fields.missing("access_key_id", "required with secret_access_key");
    }
    boolean keys = keyId || secret;
    boolean role = Boolean.TRUE.equals(taskRole);
    if (keys && role) {
      fields.problem(
          "use_task_role",
          "conflicts with access_key_id/secret_access_key: "
              + "choose one credential mode (static keys or the task role)");
    } else if (role && emulator) {
      fields.problem(
          "use_task_role",
          "conflicts with use_emulator: true " + "(an emulator takes static keys or none)");
    } else if (!keys && !role && !emulator && taskRole != null) {
      fields
          .problems()
          .add(
              fields.node().path(),
              fields.node().line(),
              "no credentials: set "
                  + "access_key_id and secret_access_key, or use_task_role: true",
              null);
    }
    roleArn(fields, keys || role);
    return taskRole;
  }

  private static void roleArn(Fields fields, boolean baseCredentials) {
    String arn = fields.text("role_arn");
    if (arn != null && !ROLE_ARN.matcher(arn).matches()) {
      fields.problem(
          "role_arn", "must be an IAM role ARN like arn:aws:iam::123456789012:role/name");
    } else if (arn != null && !baseCredentials) {
      fields.problem(
          "role_arn", "needs access keys or use_task_role: true to assume the role with");
    }
    if (fields.text("external_id") != null && !fields.has("role_arn")) {
      fields.problem("external_id", "only used with role_arn");
    }
  }
}
