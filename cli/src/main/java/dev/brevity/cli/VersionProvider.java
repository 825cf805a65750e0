package dev.brevity.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (or "development" when run from classes). */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = BrevityCommand.class.getPackage().getImplementationVersion();
    return new String[] {"brevity " + (version == null ? "development" : version)};
  }
}
