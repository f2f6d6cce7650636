package io.runnel.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PgArrayParserTest {

  @Test
  void flatArray() {
    assertThat(PgArrayParser.parse("{1,2,3}")).containsExactly("1", "2", "3");
  }

  @Test
  void emptyArray() {
    assertThat(PgArrayParser.parse("{}")).isEmpty();
  }

  @Test
  void unquotedNullIsNullInAnyCase() {
    assertThat(PgArrayParser.parse("{NULL,null,NuLl,1}")).containsExactly(null, null, null, "1");
  }

  @Test
  void quotedNullIsTheString() {
    assertThat(PgArrayParser.parse("{\"NULL\",\\NULL}")).containsExactly("NULL", "NULL");
  }

  @Test
  void quotedElementsWithDelimitersQuotesAndBackslashes() {
    assertThat(PgArrayParser.parse("{\"a,b\",\"say \\\"hi\\\"\",\"back\\\\slash\",\"{}\",\"\"}"))
        .containsExactly("a,b", "say \"hi\"", "back\\slash", "{}", "");
  }

  @Test
  void unicodeAndSpacesInsideElements() {
    assertThat(PgArrayParser.parse("{\"héllo wörld\",😀,\" padded \"}"))
        .containsExactly("héllo wörld", "😀", " padded ");
  }

  @Test
  void whitespaceAroundElementsIsIgnoredLikeArrayIn() {
    assertThat(PgArrayParser.parse("  { 1 , two words ,\"x\" }  "))
        .containsExactly("1", "two words", "x");
  }

  @Test
  void escapedCharactersInUnquotedElements() {
    assertThat(PgArrayParser.parse("{a\\,b,c\\ }")).containsExactly("a,b", "c ");
  }

  @Test
  void twoDimensions() {
    assertThat(PgArrayParser.parse("{{1,2},{3,NULL}}"))
        .containsExactly(List.of("1", "2"), Arrays.asList("3", null));
  }

  @Test
  void threeDimensionsWithQuotedElements() {
    assertThat(PgArrayParser.parse("{{{\"a}\",b}},{{c,\"d{\"}}}"))
        .containsExactly(List.of(List.of("a}", "b")), List.of(List.of("c", "d{")));
  }

  @Test
  void dimensionDecorationIsDropped() {
    assertThat(PgArrayParser.parse("[0:1]={7,8}")).containsExactly("7", "8");
    assertThat(PgArrayParser.parse("[1:1][-2:-1]={{a,b}}")).containsExactly(List.of("a", "b"));
  }

  @Test
  void otherDelimiter() {
    assertThat(PgArrayParser.parse("{(1,2),(3,4);(0,0),(1,1)}", ';'))
        .containsExactly("(1,2),(3,4)", "(0,0),(1,1)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1,2",
        "{1,2",
        "{1,2}x",
        "{\"open}",
        "{1,,2}",
        "{,}",
        "{a\"b}",
        "[1:2]{1,2}",
        "{{{{{{{1}}}}}}}",
        "{1}}",
        "{{1},2"
      })
  void rejectsWhatIsNotAnArrayLiteral(String text) {
    assertThatThrownBy(() -> PgArrayParser.parse(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sixDimensionsAreAllowed() {
    assertThat(PgArrayParser.parse("{{{{{{1}}}}}}")).hasSize(1);
  }
}
