package dev.zeroclaw.daemon.cli;

import picocli.CommandLine;

/** {@code zeroclaw --version}: the jar's version and the Java runtime it runs on. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {
            "zeroclaw " + (version == null ? "(development build)" : version),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
