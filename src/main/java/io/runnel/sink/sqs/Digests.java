package io.runnel.sink.sqs;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * Fresh MD5 digests, cloned from a prototype: a provider lookup per message (what {@code
 * getInstance} does) costs more than hashing a small id. Thread-safe; each instance returned
 * belongs to its caller.
 */
final class Digests {
  private static final MessageDigest MD5 = digest("MD5");

  private Digests() {}

  static MessageDigest md5() {
    try {
      return (MessageDigest) MD5.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("MD5 cannot be cloned", e);
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
