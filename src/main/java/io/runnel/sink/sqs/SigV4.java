package io.runnel.sink.sqs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;

/**
 * AWS Signature Version 4 for one service and region: the {@code Authorization} header of a POST
 * whose headers are all signed. The day's signing key is derived once per day and secret.
 * Thread-safe.
 */
final class SigV4 {
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final HexFormat HEX = HexFormat.of();

  private final String region;
  private final String service;
  private volatile SigningKey key;

  /** The key of one day, region and secret, as a keyed HMAC to clone. */
  private record SigningKey(String day, String secret, Mac mac) {}

  SigV4(String region, String service) {
    this.region = region;
    this.service = service;
  }

  /**
   * The Authorization header's value.
   *
   * @param amzDate the request's {@code x-amz-date} ({@code yyyyMMdd'T'HHmmss'Z'}, UTC)
   * @param headers every header to sign, names in lower case, sorted by name
   */
  String authorization(
      String accessKeyId,
      String secretAccessKey,
      String amzDate,
      String path,
      Map<String, String> headers,
      byte[] payload,
      int payloadLength) {
    StringBuilder canonical = new StringBuilder(512).append("POST\n").append(path).append("\n\n");
    StringBuilder signed = new StringBuilder(128);
    for (Map.Entry<String, String> header : headers.entrySet()) {
      canonical.append(header.getKey()).append(':').append(header.getValue().trim()).append('\n');
      if (!signed.isEmpty()) {
        signed.append(';');
      }
      signed.append(header.getKey());
    }
    canonical.append('\n').append(signed).append('\n');
    canonical.append(HEX.formatHex(sha256(payload, payloadLength)));
    String day = amzDate.substring(0, 8);
    String scope = day + "/" + region + "/" + service + "/aws4_request";
    String toSign =
        ALGORITHM
            + "\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + HEX.formatHex(sha256(canonical.toString()));
    Mac mac = Digests.copy(signingKey(day, secretAccessKey));
    String signature = HEX.formatHex(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
    return ALGORITHM
        + " Credential="
        + accessKeyId
        + "/"
        + scope
        + ", SignedHeaders="
        + signed
        + ", Signature="
        + signature;
  }

  private Mac signingKey(String day, String secret) {
    SigningKey current = key;
    if (current != null && current.day().equals(day) && current.secret().equals(secret)) {
      return current.mac();
    }
    byte[] derived = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day);
    derived = hmac(derived, region);
    derived = hmac(derived, service);
    derived = hmac(derived, "aws4_request");
    Mac mac = Digests.hmacSha256(derived);
    key = new SigningKey(day, secret, mac);
    return mac;
  }

  private static byte[] sha256(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return sha256(bytes, bytes.length);
  }

  private static byte[] sha256(byte[] bytes, int length) {
    MessageDigest digest = Digests.sha256();
    digest.update(bytes, 0, length);
    return digest.digest();
  }

  private static byte[] hmac(byte[] key, String data) {
    return Digests.hmacSha256(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
  }
}
