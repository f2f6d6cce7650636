package io.runnel.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** NO_PROXY and http.nonProxyHosts entries, and the same rules as the SDK's regular expressions. */
class NoProxyTest {
  private static final List<String> HOSTS =
      List.of(
          "example.com",
          "sqs.example.com",
          "a.b.example.com",
          "badexample.com",
          "example.com.evil",
          "localhost",
          "10.1.2.3",
          "11.1.2.3",
          "172.16.0.1",
          "172.31.255.255",
          "172.32.0.1",
          "192.168.1.1",
          "SQS.Example.COM");

  private static NoProxy parse(String value) {
    return NoProxy.parse(value, "NO_PROXY");
  }

  @Test
  void domainFormsMatchTheDomainAndItsSubdomains() {
    for (String entry : List.of("example.com", ".example.com", "*.example.com")) {
      NoProxy rules = parse(entry);
      assertThat(rules.matches("example.com", 443)).as(entry).isTrue();
      assertThat(rules.matches("sqs.example.com", 443)).as(entry).isTrue();
      assertThat(rules.matches("SQS.Example.COM.", 443)).as(entry).isTrue();
      assertThat(rules.matches("badexample.com", 443)).as(entry).isFalse();
      assertThat(rules.matches("example.com.evil", 443)).as(entry).isFalse();
    }
  }

  @Test
  void starMatchesEverything() {
    assertThat(parse("*").matches("anything.at.all", 1)).isTrue();
  }

  @Test
  void portQualifiedEntryMatchesThatPortOnly() {
    NoProxy rules = parse("localhost:4566, [::1]:443");
    assertThat(rules.matches("localhost", 4566)).isTrue();
    assertThat(rules.matches("localhost", 443)).isFalse();
    assertThat(rules.matches("[::1]", 443)).isTrue();
    assertThat(rules.matches("[::1]", 80)).isFalse();
  }

  @Test
  void jvmGlobsAndCidrRanges() {
    NoProxy rules = NoProxy.parse("10.*|*.internal|172.16.0.0/12|::1", "http.nonProxyHosts");
    assertThat(rules.matches("10.9.9.9", 443)).isTrue();
    assertThat(rules.matches("db.internal", 443)).isTrue();
    assertThat(rules.matches("172.31.255.255", 443)).isTrue();
    assertThat(rules.matches("172.32.0.1", 443)).isFalse();
    assertThat(rules.matches("[::1]", 443)).isTrue();
    assertThat(rules.matches("172-16-0-1.internal.example", 443)).isFalse();
  }

  @Test
  void separatorsAreCommasPipesAndSpaces() {
    NoProxy rules = parse(" a.com , b.com|c.com  d.com ");
    assertThat(List.of("a.com", "b.com", "c.com", "d.com"))
        .allMatch(host -> rules.matches(host, 443));
    assertThat(rules.toString()).isEqualTo("a.com , b.com|c.com  d.com");
  }

  @Test
  void sdkPatternsAgreeWithTheRules() {
    NoProxy rules = parse("example.com,localhost:4566,10.*,*ample.com.evil,172.16.0.0/12");
    for (String host : HOSTS) {
      boolean byPattern = rules.sdkPatterns().stream().anyMatch(host::matches);
      assertThat(byPattern).as(host).isEqualTo(rules.matches(host, 4566));
    }
  }

  @Test
  void unsupportedEntriesAreRejectedNamingTheVariable() {
    assertThatThrownBy(() -> parse("a*b.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("NO_PROXY: unsupported entry 'a*b.com'");
    assertThatThrownBy(() -> parse("10.0.0.0/40"))
        .hasMessage("NO_PROXY: bad CIDR range '10.0.0.0/40'");
    assertThatThrownBy(() -> parse("host:port"))
        .hasMessage("NO_PROXY: bad port in entry 'host:port'");
  }

  @Test
  void emptyValueExemptsNothing() {
    assertThat(parse(" ").matches("localhost", 80)).isFalse();
    assertThat(parse(null).sdkPatterns()).isEmpty();
  }
}
