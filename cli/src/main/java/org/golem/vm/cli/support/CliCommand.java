package org.golem.vm.cli.support;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every leaf command of {@code golem} and {@code golem-provider} shares: the process environment of its root
 * command ({@link Root}), the output writers, JSON output and usage errors. A command returns its exit status from
 * {@link #call()}; failures are thrown as {@link CliException} and printed by {@link CliMain}.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = CliVersion.Provider.class)
public abstract class CliCommand implements Callable<Integer> {

    /** A root command: it holds the process environment. */
    public interface Root {
        /** @return the process environment (real or a test's) */
        CliEnv env();
    }

    /** The command as picocli parsed it. */
    @Spec
    protected CommandSpec spec;

    /** @return the process environment of the root command */
    public CliEnv env() {
        return ((Root) spec.root().userObject()).env();
    }

    /** @return standard output */
    public PrintWriter out() {
        return env().out();
    }

    /** @return standard error */
    public PrintWriter err() {
        return env().err();
    }

    /** Prints a value as pretty JSON on standard output (wei stay integers). */
    public void printJson(Object value) {
        JsonOut.print(out(), value);
    }

    /** @return a usage error (exit 2) with this message */
    public ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
