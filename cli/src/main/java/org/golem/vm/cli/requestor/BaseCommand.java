package org.golem.vm.cli.requestor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.golem.vm.cli.support.CliCommand;
import org.golem.vm.cli.support.CliException;

/**
 * Shared plumbing of the {@code golem} leaf commands beyond {@link CliCommand}: the root options, the requestor
 * client, the token symbol and yes/no prompts. A command returns its exit status from {@link #call()}; failures are
 * thrown as {@link CliException} and printed by {@link GolemCli}.
 */
abstract class BaseCommand extends CliCommand {

    /** @return the root command (global options, client) */
    GolemCli root() {
        return (GolemCli) spec.root().userObject();
    }

    RequestorClient api() {
        return root().client();
    }

    String symbol() {
        return root().tokenSymbol();
    }

    /**
     * Asks a yes/no question on stderr and reads the answer from stdin; only call when stdin is a terminal.
     *
     * @param question the question, without the {@code [y/N]} suffix
     * @return true for {@code y}/{@code yes} (any case); false otherwise, including end of input
     */
    boolean confirm(String question) {
        err().print(question + " [y/N] ");
        err().flush();
        try {
            // byte by byte up to the newline: nothing beyond the answer is taken from stdin
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            int b;
            while ((b = env().stdin().read()) != -1 && b != '\n') {
                line.write(b);
            }
            if (b == -1 && line.size() == 0) {
                err().println();
                return false;
            }
            String a = line.toString(StandardCharsets.UTF_8).strip().toLowerCase(java.util.Locale.ROOT);
            return a.equals("y") || a.equals("yes");
        } catch (IOException e) {
            return false;
        }
    }
}
