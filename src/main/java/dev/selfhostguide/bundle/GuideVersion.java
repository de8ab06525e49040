package dev.selfhostguide.bundle;

/**
 * The guide's version: what the bundle names its zip after and what every page's stamp shows.
 * Maven sets it (-Dguide.version=${project.version}); a jar run reads its manifest's
 * Implementation-Version; a run from classes in a checkout is "dev".
 */
public final class GuideVersion {

    public static final String PROPERTY = "guide.version";

    private GuideVersion() {
    }

    public static String current() {
        String version = System.getProperty(PROPERTY);
        if (version == null || version.isBlank()) {
            version = GuideVersion.class.getPackage().getImplementationVersion();
        }
        return version == null || version.isBlank() ? "dev" : version.strip();
    }
}
