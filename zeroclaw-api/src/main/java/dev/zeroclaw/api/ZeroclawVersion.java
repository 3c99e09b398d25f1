package dev.zeroclaw.api;

/** zeroclaw's version, from the jar manifest; {@code dev} when run from classes. */
public final class ZeroclawVersion {

    private ZeroclawVersion() {}

    public static String current() {
        String version = ZeroclawVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
