package io.runnel.config;

/**
 * Where a sink sends messages, and how it authenticates.
 *
 * @param queueUrl null when the sink has a routing function
 * @param region explicit, or parsed from the queue URL by the loader
 * @param secretAccessKey a secret, never printed
 * @param maxMessageBytes explicit size limit, or null to ask the queue (DESIGN.md §3)
 * @param largePayloads where bodies over the limit go, or null to discard them (as before)
 */
public record SqsDestination(
    String queueUrl,
    String region,
    String accessKeyId,
    String secretAccessKey,
    boolean useTaskRole,
    String roleArn,
    String externalId,
    boolean useEmulator,
    String emulatorBaseUrl,
    Integer maxMessageBytes,
    LargePayloads largePayloads) {

  /** A destination without {@code large_payloads}. */
  public SqsDestination(
      String queueUrl,
      String region,
      String accessKeyId,
      String secretAccessKey,
      boolean useTaskRole,
      String roleArn,
      String externalId,
      boolean useEmulator,
      String emulatorBaseUrl,
      Integer maxMessageBytes) {
    this(
        queueUrl,
        region,
        accessKeyId,
        secretAccessKey,
        useTaskRole,
        roleArn,
        externalId,
        useEmulator,
        emulatorBaseUrl,
        maxMessageBytes,
        null);
  }

  public boolean isFifo() {
    return queueUrl != null && queueUrl.endsWith(".fifo");
  }

  @Override
  public String toString() {
    return "SqsDestination[queueUrl="
        + queueUrl
        + ", region="
        + region
        + ", accessKeyId="
        + accessKeyId
        + ", secretAccessKey="
        + Secrets.mask(secretAccessKey)
        + ", useTaskRole="
        + useTaskRole
        + ", roleArn="
        + roleArn
        + ", externalId="
        + Secrets.mask(externalId)
        + ", useEmulator="
        + useEmulator
        + ", emulatorBaseUrl="
        + emulatorBaseUrl
        + ", maxMessageBytes="
        + maxMessageBytes
        + ", largePayloads="
        + largePayloads
        + "]";
  }
}
