package io.runnel.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQS queue URLs: {@code https://<host>/<12-digit account>/<queue>} with an AWS host — {@code
 * sqs.<region>.<domain>} (DESIGN.md §3, dual-stack {@code sqs.<region>.api.aws} included), FIPS
 * {@code sqs-fips.<region>.<domain>}, a VPC interface endpoint {@code
 * vpce-<id>.sqs.<region>.vpce.amazonaws.com}, or legacy {@code [<region>.]queue.amazonaws.com}
 * (us-east-1 without a region) — and, with {@code use_emulator: true}, any {@code
 * http(s)://host[:port]/<account>/<queue>}. The region is the host's. Stateless and thread-safe.
 */
public final class QueueUrls {
  private static final String PATH = "(?::\\d+)?/\\d{12}/[a-zA-Z0-9_-]+(\\.fifo)?$";
  static final Pattern AWS =
      Pattern.compile("^https?://sqs(?:-fips)?\\.(?<region>[a-z0-9-]+)\\.([a-zA-Z0-9.-]+)" + PATH);
  static final Pattern VPC_ENDPOINT =
      Pattern.compile(
          "^https?://vpce-[a-z0-9-]+\\.sqs(?:-fips)?\\.(?<region>[a-z0-9-]+)"
              + "\\.vpce\\.amazonaws\\.com(?:\\.cn)?"
              + PATH);
  static final Pattern LEGACY =
      Pattern.compile("^https?://(?:(?<region>[a-z0-9-]+)\\.)?queue\\.amazonaws\\.com" + PATH);
  static final Pattern EMULATOR =
      Pattern.compile(
          "^https?://([a-zA-Z0-9.-]+|\\[[0-9a-fA-F:.]+])(?::\\d+)?/[a-zA-Z0-9_-]+/"
              + "[a-zA-Z0-9_-]+(\\.fifo)?$");
  static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-\\d+$");
  private static final String LEGACY_REGION = "us-east-1";
  private static final int MAX_QUEUE_NAME = 80;

  private QueueUrls() {}

  /** Why {@code url} is not a usable queue URL, or empty when it is. */
  public static Optional<String> problem(String url, boolean emulator) {
    String name = queueName(url);
    if (!url.startsWith("https://") && !url.startsWith("http://")) {
      return Optional.of("must start with https://");
    }
    if (name.toLowerCase(Locale.ROOT).endsWith(".fifo") && !name.endsWith(".fifo")) {
      return Optional.of("FIFO queue names end in .fifo (lower case)");
    }
    if (name.length() > MAX_QUEUE_NAME) {
      return Optional.of("queue name must be at most 80 characters (including .fifo)");
    }
    if (emulator ? EMULATOR.matcher(url).matches() : isAws(url)) {
      return Optional.empty();
    }
    if (!name.replaceFirst("\\.fifo$", "").matches("[a-zA-Z0-9_-]+")) {
      return Optional.of(
          "queue name may contain only letters, digits, '-' and '_', "
              + "and a FIFO queue's name ends in .fifo");
    }
    return Optional.of(
        emulator
            ? "must be an emulator queue URL like http://localhost:4566/000000000000/my-queue"
            : "must be an SQS queue URL like"
                + " https://sqs.us-east-1.amazonaws.com/123456789012/my-queue (or its FIPS,"
                + " dual-stack, VPC endpoint or legacy queue.amazonaws.com form; or set"
                + " use_emulator: true for a local emulator)");
  }

  /**
   * The region in an AWS-form URL's host: {@code sqs[-fips].<region>.…}, {@code
   * vpce-….sqs.<region>.vpce.…}, {@code <region>.queue.amazonaws.com}, and us-east-1 for {@code
   * queue.amazonaws.com}. Empty for any other URL.
   */
  public static Optional<String> region(String url) {
    for (Pattern pattern : List.of(AWS, VPC_ENDPOINT, LEGACY)) {
      Matcher matcher = pattern.matcher(url);
      if (matcher.matches()) {
        String region = matcher.group("region");
        return Optional.of(region != null ? region : LEGACY_REGION);
      }
    }
    return Optional.empty();
  }

  /** A VPC interface endpoint URL, whose own host requests must go to. */
  public static boolean isVpcEndpoint(String url) {
    return VPC_ENDPOINT.matcher(url).matches();
  }

  private static boolean isAws(String url) {
    return AWS.matcher(url).matches()
        || VPC_ENDPOINT.matcher(url).matches()
        || LEGACY.matcher(url).matches();
  }

  /** The last path segment: the queue's name. */
  static String queueName(String url) {
    String path = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** A queue name that looks meant as FIFO but lacks the dot: SQS makes it a standard queue. */
  static boolean looksLikeMisnamedFifo(String url) {
    String name = queueName(url).toLowerCase(Locale.ROOT);
    return !name.endsWith(".fifo") && name.endsWith("fifo");
  }
}
