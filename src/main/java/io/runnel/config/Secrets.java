package io.runnel.config;

/** Masks secrets wherever configuration is printed. */
final class Secrets {
  private Secrets() {}

  static String mask(String secret) {
    return secret == null ? "null" : "****";
  }

  /** Hides the password part of {@code scheme://user:password@host/…}. */
  static String maskUrl(String url) {
    if (url == null) {
      return "null";
    }
    return url.replaceFirst("(://[^:/@]*:)[^@]*@", "$1****@");
  }
}
