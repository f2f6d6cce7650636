package io.runnel.message;

/**
 * SQS's rule for the characters of a message body, written apart from the code under test: #x9 #xA
 * #xD #x20–#xD7FF #xE000–#xFFFD #x10000–#x10FFFF, by code point. For tests in any package.
 */
public final class SqsBodyRule {
  private SqsBodyRule() {}

  /** The first code point of {@code body} SQS refuses, as {@code U+XXXX at N}; null when none. */
  public static String firstRefused(String body) {
    for (int i = 0; i < body.length(); ) {
      int cp = body.codePointAt(i);
      boolean accepted =
          cp == 0x9
              || cp == 0xA
              || cp == 0xD
              || (cp >= 0x20 && cp <= 0xD7FF)
              || (cp >= 0xE000 && cp <= 0xFFFD)
              || (cp >= 0x10000 && cp <= 0x10FFFF);
      if (!accepted) {
        return "U+%04X at %d".formatted(cp, i);
      }
      i += Character.charCount(cp);
    }
    return null;
  }
}
