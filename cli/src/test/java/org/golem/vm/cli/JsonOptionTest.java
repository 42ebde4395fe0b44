package org.golem.vm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.golem.vm.cli.provider.GolemProviderCli;
import org.golem.vm.cli.requestor.GolemCli;
import org.golem.vm.cli.support.CliEnv;
import org.golem.vm.cli.support.JsonOutput;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --json} is declared once ({@link JsonOutput}, mixed into each command that has it) and its help line still
 * says, per command, what JSON the command prints.
 */
class JsonOptionTest {

    private static List<CommandSpec> commands(CommandLine root) {
        List<CommandSpec> all = new ArrayList<>();
        List<CommandLine> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            CommandLine cl = todo.remove(0);
            all.add(cl.getCommandSpec());
            cl.getSubcommands().values().stream().distinct().forEach(todo::add);
        }
        return all;
    }

    private static void check(CommandLine root, int expected) {
        int withJson = 0;
        for (CommandSpec c : commands(root)) {
            OptionSpec json = c.findOption("--json");
            if (json == null) {
                continue;
            }
            withJson++;
            assertTrue(c.mixins().values().stream().anyMatch(m -> m.userObject() instanceof JsonOutput),
                    c.qualifiedName() + ": --json must come from the JsonOutput mixin");
            assertEquals(1, json.description().length, c.qualifiedName());
            assertNotEquals(JsonOutput.DEFAULT_HELP, json.description()[0],
                    c.qualifiedName() + " has no help line for --json in its resource bundle");
        }
        assertEquals(expected, withJson, "commands with --json under " + root.getCommandName());
    }

    @Test
    void everyJsonOptionIsTheMixinWithItsOwnHelpLine() {
        CliEnv env = CliEnv.builder().build();
        check(new CommandLine(new GolemCli(env)), 21);
        check(new CommandLine(new GolemProviderCli(env)), 13);
    }

    @Test
    void helpShowsTheCommandsJsonShape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CliEnv env = CliEnv.builder().stdout(out).build();
        assertEquals(0, GolemCli.run(env, "vm", "list", "--help"));
        assertTrue(Pattern.compile("\\n +--json +Print JSON: \\{\"vms\": \\[\\.\\.\\.]}\\.\\n")
                .matcher(out.toString(StandardCharsets.UTF_8)).find(), out.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(0, GolemProviderCli.run(env, "status", "--help"));
        assertTrue(Pattern.compile("\\n +--json +Print the provider's status document as JSON\\.\\n")
                .matcher(out.toString(StandardCharsets.UTF_8)).find(), out.toString(StandardCharsets.UTF_8));
    }
}
