package io.runnel.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or "dev" when run from classes. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {"runnel " + (version != null ? version : "dev")};
  }
}
