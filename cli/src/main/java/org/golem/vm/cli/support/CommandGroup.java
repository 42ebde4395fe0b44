package org.golem.vm.cli.support;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code golem vm}, {@code golem-provider streams}, ...): {@code --help},
 * {@code --version}, and a usage error (exit 2) when no subcommand is given.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = CliVersion.Provider.class)
public abstract class CommandGroup implements Runnable {

    /** The command as picocli parsed it. */
    @Spec
    protected CommandSpec spec;

    /** Without a subcommand: a usage error (exit 2). */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
