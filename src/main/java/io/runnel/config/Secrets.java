package io.runnel.config;

/** Masks secrets wherever configuration is printed. */
final class Secrets {
  private Secrets() {}

  static String mask(String secret) {
    return secret == null ? "null" : "****";
  }

  /**
   * Hides the password part of {@code scheme://user:password@host/…}, up to the last {@code @}: an
   * unencoded {@code @} in the password must not leave its tail visible. Also hides the value of an
   * {@code sslpassword} parameter.
   */
  static String maskUrl(String url) {
    if (url == null) {
      return "null";
    }
    return url.replaceFirst("(://[^:/@]*:).*@", "$1****@")
        .replaceAll("([?&]sslpassword=)[^&]*", "$1****");
  }
}
