package org.golem.vm.cli.requestor;

import picocli.CommandLine.Option;

/**
 * {@code --yes} of the commands that ask before they spend or destroy ({@code golem vm create},
 * {@code golem vm purge}): the question is skipped.
 */
final class ConfirmationOption {

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;
}
