package org.golem.vm.common.auth;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Foundry's {@code cast} (installed by npm in contracts/node_modules/.bin). Located through the system
 * property {@code golem.node.tools} (set by surefire), else by walking up from the working directory. Missing
 * cast is a test FAILURE, not a skip: bin/test always installs it.
 */
final class Cast {
    private Cast() {
    }

    static Path locate() {
        List<Path> tried = new ArrayList<>();
        String tools = System.getProperty("golem.node.tools");
        if (tools != null && !tools.isBlank()) {
            Path candidate = Path.of(tools, "cast");
            tried.add(candidate);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("contracts/node_modules/.bin/cast");
            tried.add(candidate);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("Foundry's cast was not found (tried " + tried + "). Install it with `npm ci` in contracts/ "
                + "(bin/test does this) or point -Dgolem.node.tools at the directory holding cast.");
    }

    /** {@code cast wallet sign --private-key KEY MESSAGE}: EIP-191 personal_sign, 0x + 130 hex. */
    static String sign(String privateKey, String message) {
        return run(locate().toString(), "wallet", "sign", "--private-key", privateKey, message);
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return fail("cast did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                return fail("cast exited with " + p.exitValue() + ": " + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return fail("could not run cast: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running cast", e);
        }
    }
}
