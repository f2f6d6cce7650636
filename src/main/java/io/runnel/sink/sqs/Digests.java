package io.runnel.sink.sqs;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fresh MD5 and SHA-256 digests and HMAC-SHA256 instances, cloned from prototypes: a provider
 * lookup per request (what {@code getInstance} does) costs more than the hashing of a small body.
 * Thread-safe; each instance returned belongs to its caller.
 */
final class Digests {
  private static final MessageDigest MD5 = digest("MD5");
  private static final MessageDigest SHA_256 = digest("SHA-256");

  private Digests() {}

  static MessageDigest md5() {
    return copy(MD5);
  }

  static MessageDigest sha256() {
    return copy(SHA_256);
  }

  /** An HMAC-SHA256 keyed with {@code key}; clone it per use with {@link #copy(Mac)}. */
  static Mac hmacSha256(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }

  static Mac copy(Mac prototype) {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("HmacSHA256 cannot be cloned", e);
    }
  }

  private static MessageDigest copy(MessageDigest prototype) {
    try {
      return (MessageDigest) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(prototype.getAlgorithm() + " cannot be cloned", e);
    }
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no " + algorithm, e);
    }
  }
}
