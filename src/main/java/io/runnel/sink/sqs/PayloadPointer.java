package io.runnel.sink.sqs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The body of an offloaded message, exactly as AWS's SQS Extended Client libraries write and read
 * it ({@code software.amazon.payloadoffloading.PayloadS3Pointer} serialized by Jackson with its
 * class name as a wrapper array), and the message attribute that marks it. Stateless; thread-safe.
 */
final class PayloadPointer {
  /** The message attribute holding the original body's byte length (DataType Number). */
  static final String SIZE_ATTRIBUTE = "ExtendedPayloadSize";

  static final String CLASS_NAME = "software.amazon.payloadoffloading.PayloadS3Pointer";
  private static final JsonFactory JSON = new JsonFactory();

  private PayloadPointer() {}

  /** {@code ["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":…,"s3Key":…}]} */
  static String body(String bucket, String key) {
    StringWriter out = new StringWriter(96 + bucket.length() + key.length());
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartArray();
      json.writeString(CLASS_NAME);
      json.writeStartObject();
      json.writeStringField("s3BucketName", bucket);
      json.writeStringField("s3Key", key);
      json.writeEndObject();
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException("writing a payload pointer", e);
    }
    return out.toString();
  }

  /**
   * The {@code MD5OfMessageAttributes} SQS answers for a message whose only attribute is {@code
   * ExtendedPayloadSize = size}, computed as the AWS SDK's checksum interceptor computes it: for
   * each attribute in name order, the 4-byte big-endian length and UTF-8 bytes of its name, then of
   * its data type, then the transport type byte (1 for String and Number), then the length and
   * bytes of its value.
   */
  static String attributesMd5(long size) {
    MessageDigest md5 = Digests.md5();
    update(md5, SIZE_ATTRIBUTE);
    update(md5, "Number");
    md5.update((byte) 1);
    update(md5, Long.toString(size));
    return HexFormat.of().formatHex(md5.digest());
  }

  private static void update(MessageDigest md5, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    md5.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    md5.update(bytes);
  }
}
