package io.runnel.ha;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Names a Runnel instance: {@code runnel run --instance-id}, by default hostname + "-" + pid. */
public final class InstanceId {
  /** PostgreSQL keeps 63 bytes of an application name; the lease shows the id there. */
  static final int MAX_LENGTH = 56;

  private InstanceId() {}

  /** This host's name and this process's id, e.g. {@code worker-3-4711}. */
  public static String defaultId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = System.getenv().getOrDefault("HOSTNAME", "runnel");
    }
    String pid = "-" + ProcessHandle.current().pid();
    return host.substring(0, Math.min(host.length(), MAX_LENGTH - pid.length())) + pid;
  }

  /**
   * Checks an operator's id.
   *
   * @return null when valid, else what is wrong with it (naming the value)
   */
  public static String problem(String id) {
    if (id.isBlank() || id.length() > MAX_LENGTH || !id.matches("[A-Za-z0-9._:@-]+")) {
      return "--instance-id must be 1 to "
          + MAX_LENGTH
          + " letters, digits or . _ : @ - (was: \""
          + id
          + "\")";
    }
    return null;
  }
}
