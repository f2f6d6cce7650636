package io.runnel.aws;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hosts reached without the proxy, from {@code NO_PROXY} (comma-separated) or the JVM's {@code
 * http.nonProxyHosts} ({@code |}-separated). Entries, as curl and the AWS CLI read them: {@code *}
 * (every host); {@code example.com}, {@code .example.com} and {@code *.example.com} (that domain
 * and every host under it); {@code *example.com} (a suffix); {@code 10.*} (a prefix, the JVM's
 * glob); {@code 10.0.0.0/8} (IP literals in that range); each optionally with {@code :port}. Case
 * does not matter; nothing is looked up in DNS. Immutable.
 */
public final class NoProxy {
  public static final NoProxy NONE = new NoProxy(List.of(), "");

  private final List<Rule> rules;
  private final String text;

  private NoProxy(List<Rule> rules, String text) {
    this.rules = rules;
    this.text = text;
  }

  /**
   * @param value the variable's value; null or blank = no exceptions
   * @param name the variable it came from, for the error message
   * @throws IllegalArgumentException for an entry none of the forms above fits
   */
  public static NoProxy parse(String value, String name) {
    if (value == null || value.isBlank()) {
      return NONE;
    }
    List<Rule> rules = new ArrayList<>();
    for (String entry : value.split("[,|\\s]+")) {
      if (!entry.isEmpty()) {
        rules.add(rule(entry.toLowerCase(Locale.ROOT), name));
      }
    }
    return new NoProxy(List.copyOf(rules), value.strip());
  }

  /**
   * True when a request to {@code host} (as in a URI, IPv6 in brackets) on {@code port} skips the
   * proxy.
   */
  public boolean matches(String host, int port) {
    String name = normalize(host);
    return rules.stream().anyMatch(r -> (r.port < 0 || r.port == port) && r.host.matches(name));
  }

  /**
   * The same exceptions as the Java regular expressions the SDK's HTTP clients match each host name
   * against. They see no port: an entry's {@code :port} is dropped, and IPv6 ranges are left out.
   */
  public Set<String> sdkPatterns() {
    Set<String> patterns = new LinkedHashSet<>();
    for (Rule rule : rules) {
      String pattern = rule.host.regex();
      if (pattern != null) {
        patterns.add("(?i)" + pattern);
      }
    }
    return Set.copyOf(patterns);
  }

  /** The value as given, for descriptions; empty when none. */
  @Override
  public String toString() {
    return text;
  }

  private record Rule(HostPattern host, int port) {}

  private static Rule rule(String entry, String name) {
    String host = entry;
    int port = -1;
    int colon = entry.lastIndexOf(':');
    boolean bracketed = entry.startsWith("[");
    if (colon > 0 && (bracketed ? entry.indexOf(']') < colon : entry.indexOf(':') == colon)) {
      try {
        port = Integer.parseInt(entry.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + ": bad port in entry '" + entry + "'", e);
      }
      host = entry.substring(0, colon);
    }
    return new Rule(hostPattern(normalize(host), entry, name), port);
  }

  private static HostPattern hostPattern(String host, String entry, String name) {
    if (host.equals("*")) {
      return new Any();
    }
    if (host.contains("/")) {
      return Range.parse(host, entry, name);
    }
    String core = host.replaceFirst("^\\*?\\.", "");
    if (core.startsWith("*") && core.indexOf('*', 1) < 0) {
      return new Suffix(core.substring(1));
    }
    if (core.endsWith("*") && core.indexOf('*') == core.length() - 1) {
      return new Prefix(core.substring(0, core.length() - 1));
    }
    if (core.isEmpty() || core.contains("*")) {
      throw new IllegalArgumentException(
          name
              + ": unsupported entry '"
              + entry
              + "' (use host, .domain, *.domain, a prefix ending in *, or a CIDR range)");
    }
    return new Domain(core);
  }

  /** Lower case, without IPv6 brackets or a trailing dot. */
  private static String normalize(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  private sealed interface HostPattern permits Any, Domain, Suffix, Prefix, Range {
    boolean matches(String host);

    /** The same test as a Java regular expression; null when none exists. */
    String regex();
  }

  private record Any() implements HostPattern {
    public boolean matches(String host) {
      return true;
    }

    public String regex() {
      return ".*";
    }
  }

  private record Domain(String domain) implements HostPattern {
    public boolean matches(String host) {
      return host.equals(domain) || host.endsWith("." + domain);
    }

    public String regex() {
      return "(.*\\.)?" + Pattern.quote(domain);
    }
  }

  private record Suffix(String suffix) implements HostPattern {
    public boolean matches(String host) {
      return host.endsWith(suffix);
    }

    public String regex() {
      return ".*" + Pattern.quote(suffix);
    }
  }

  private record Prefix(String prefix) implements HostPattern {
    public boolean matches(String host) {
      return host.startsWith(prefix);
    }

    public String regex() {
      return Pattern.quote(prefix) + ".*";
    }
  }

  /** A CIDR range; matches IP literals only. */
  private record Range(byte[] network, int bits) implements HostPattern {
    static Range parse(String host, String entry, String name) {
      String[] parts = host.split("/", 2);
      try {
        if (!parts[0].matches("[0-9.]+|[0-9a-f:.]*:[0-9a-f:.]*")) {
          throw new IllegalArgumentException("not an IP address");
        }
        byte[] network = InetAddress.getByName(parts[0]).getAddress();
        int bits = Integer.parseInt(parts[1]);
        if (bits < 0 || bits > network.length * 8) {
          throw new IllegalArgumentException("prefix length out of range");
        }
        return new Range(network, bits);
      } catch (UnknownHostException | IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ": bad CIDR range '" + entry + "'", e);
      }
    }

    public boolean matches(String host) {
      if (!host.matches("[0-9.]+|[0-9a-f:.]*:[0-9a-f:.]*")) {
        return false;
      }
      byte[] address;
      try {
        address = InetAddress.getByName(host).getAddress();
      } catch (UnknownHostException e) {
        return false;
      }
      if (address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }

    /** IPv4 only: the whole octets as they are, the partial one as the numbers it allows. */
    public String regex() {
      if (network.length != 4) {
        return null;
      }
      List<String> octets = new ArrayList<>();
      for (int i = 0; i < bits / 8; i++) {
        octets.add(Integer.toString(network[i] & 0xff));
      }
      int spare = 8 - bits % 8;
      if (spare < 8) {
        int low = (network[bits / 8] & 0xff) >> spare << spare;
        List<String> values = new ArrayList<>();
        for (int value = low; value < low + (1 << spare); value++) {
          values.add(Integer.toString(value));
        }
        octets.add("(" + String.join("|", values) + ")");
      }
      int rest = 4 - octets.size();
      if (octets.isEmpty()) {
        return "\\d+(\\.\\d+){3}";
      }
      return String.join("\\.", octets) + (rest == 0 ? "" : "(\\.\\d+){" + rest + "}");
    }
  }
}
