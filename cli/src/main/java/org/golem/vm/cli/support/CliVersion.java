package org.golem.vm.cli.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The version of this build, shared by {@code golem} and {@code golem-provider}: read from {@code version.properties}
 * (filled in by Maven resource filtering), else from the jar manifest's {@code Implementation-Version}.
 */
public final class CliVersion {

    private static final Logger LOG = Logger.getLogger(CliVersion.class.getName());

    private CliVersion() {
    }

    /** @return this build's version, e.g. {@code 0.1.0-SNAPSHOT} ({@code unknown} when not packaged) */
    public static String version() {
        try (InputStream in = CliVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.contains("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "no version resource", e);
        }
        String v = CliVersion.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    /**
     * {@code --version} on any command: {@code <program> <version>}, the program being the root command's name
     * ({@code golem 0.1.0-SNAPSHOT}, {@code golem-provider 0.1.0-SNAPSHOT}).
     */
    public static final class Provider implements CommandLine.IVersionProvider {

        /** The command whose version is asked for (injected by picocli). */
        @Spec
        CommandSpec spec;

        @Override
        public String[] getVersion() {
            return new String[] {spec.root().name() + " " + version()};
        }
    }
}
