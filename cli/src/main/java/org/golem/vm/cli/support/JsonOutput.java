package org.golem.vm.cli.support;

import picocli.CommandLine.Option;

/**
 * The {@code --json} option, declared once for every command that has it (a picocli mixin, as jbang's
 * {@code FormatMixin} declares its {@code --format}): with it the command prints JSON ({@link JsonOut}: pretty, wei
 * as integers) instead of text for people.
 *
 * <p>The help line says what JSON the command prints, so it differs per command: it is looked up in the root
 * command's resource bundle under the command's qualified name ({@code golem.vm.list.json},
 * {@code golem-provider.status.json}); {@link #DEFAULT_HELP} is used when a command has no entry.
 */
public final class JsonOutput {

    /** The help line when the resource bundle has none for the command. */
    public static final String DEFAULT_HELP = "Print JSON.";

    @Option(names = "--json", descriptionKey = "json", description = DEFAULT_HELP)
    boolean json;

    /** @return true when {@code --json} was given */
    public boolean json() {
        return json;
    }
}
