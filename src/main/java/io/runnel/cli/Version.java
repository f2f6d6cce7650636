package io.runnel.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code runnel -V}: the pom's version, which the shaded jar's manifest carries as {@code
 * Implementation-Version}; "dev" when run from classes (an IDE, unit tests), which have no
 * manifest.
 */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {"runnel " + (version != null ? version : "dev")};
  }
}
