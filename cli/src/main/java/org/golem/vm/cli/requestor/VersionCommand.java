package org.golem.vm.cli.requestor;

import org.golem.vm.cli.support.CliVersion;
import picocli.CommandLine.Command;

/** {@code golem version}: prints {@code golem <version>} (the same as {@code golem --version}). */
@Command(name = "version", description = "Show the version of this command.")
final class VersionCommand extends BaseCommand {

    @Override
    public Integer call() {
        out().println("golem " + CliVersion.version());
        return 0;
    }
}
