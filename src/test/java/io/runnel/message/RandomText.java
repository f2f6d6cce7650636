package io.runnel.message;

import java.util.Random;

/**
 * Random strings for the body-character tests: mostly the code points at the edges of SQS's allowed
 * set, mixed with ASCII (quotes and backslashes too), other BMP and supplementary characters, and
 * surrogates without their pair. For tests in any package.
 */
public final class RandomText {
  private static final int[] EDGES = {
    0xD7FF, 0xE000, 0xFFFD, 0xFFFE, 0xFFFF, 0x10000, 0x10FFFF, 0x1F600, 0x7F, 0x80, 0x9F, 0x20
  };
  private static final String ASCII = "ab\"\\{},é \t";
  private static final char[] LONE_SURROGATES = {'\uD800', '\uDBFF', '\uDC00', '\uDFFF'};

  private final Random random;

  public RandomText(long seed) {
    this.random = new Random(seed);
  }

  /** Up to {@code maxLength} code points; with lone surrogates when {@code lone} is set. */
  public String next(int maxLength, boolean lone) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(lone ? 7 : 6)) {
        case 0 -> text.appendCodePoint(random.nextInt(0x20)); // every C0 control, NUL too
        case 1, 2 -> text.appendCodePoint(EDGES[random.nextInt(EDGES.length)]);
        case 3 -> text.append(ASCII.charAt(random.nextInt(ASCII.length())));
        case 4 -> text.append(bmpNonSurrogate());
        case 5 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
        default -> text.append(LONE_SURROGATES[random.nextInt(LONE_SURROGATES.length)]);
      }
    }
    return text.toString();
  }

  private char bmpNonSurrogate() {
    char c;
    do {
      c = (char) random.nextInt(0x10000);
    } while (Character.isSurrogate(c));
    return c;
  }
}
