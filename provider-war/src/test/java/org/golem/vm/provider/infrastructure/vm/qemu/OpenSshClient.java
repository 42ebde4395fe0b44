package org.golem.vm.provider.infrastructure.vm.qemu;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: OpenSSH's own {@code ssh}, {@code scp} and {@code sftp} clients (the requestor's machine's
 * binaries), run against a VM's forwarded SSH port with the requestor's key file, no user or system configuration,
 * batch mode (no prompt) and a known_hosts file of the test's own (the VM's key is accepted on first use and checked after).
 *
 * @param port       the VM's SSH port on 127.0.0.1
 * @param user       login user
 * @param keyFile    the requestor's private key (0600, as ssh-keygen writes it)
 * @param knownHosts the known_hosts file to use
 */
record OpenSshClient(int port, String user, Path keyFile, Path knownHosts) {

    /** Exit status and combined output of one client run. */
    record Result(int exit, String output) {
    }

    /**
     * {@code scp [-O] from to}; a remote path is written {@code vm:/path}.
     *
     * @param legacy true for {@code -O} (the original SCP protocol: {@code scp -t|-f} runs on the VM), false for
     *               scp's default SFTP mode
     */
    Result scp(boolean legacy, String from, String to) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("scp", "-q", "-P", Integer.toString(port)));
        if (legacy) {
            cmd.add("-O");
        }
        cmd.addAll(options());
        cmd.add(remote(from));
        cmd.add(remote(to));
        return run(cmd);
    }

    /** {@code sftp -b batchFile}: runs the batch's commands, stopping at the first that fails. */
    Result sftp(Path batchFile) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sftp", "-P", Integer.toString(port), "-b", batchFile.toString()));
        cmd.addAll(options());
        cmd.add(user + "@127.0.0.1");
        return run(cmd);
    }

    /**
     * {@code ssh user@127.0.0.1 command}: a login and one command, as a requestor types it; {@code LogLevel=ERROR}
     * keeps the client's own notices (the host key added on first use) out of the command's output.
     */
    Result ssh(String command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ssh", "-p", Integer.toString(port), "-o", "LogLevel=ERROR"));
        cmd.addAll(options());
        cmd.add(user + "@127.0.0.1");
        cmd.add(command);
        return run(cmd);
    }

    private List<String> options() {
        return List.of("-F", "none", "-i", keyFile.toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=accept-new", "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "GlobalKnownHostsFile=/dev/null", "-o", "ConnectTimeout=20");
    }

    private String remote(String path) {
        return path.startsWith("vm:") ? user + "@127.0.0.1:" + path.substring(3) : path;
    }

    private Result run(List<String> cmd) throws IOException, InterruptedException {
        Path log = Files.createTempFile(knownHosts.getParent(), "openssh-", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly().waitFor();
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            return done ? new Result(p.exitValue(), out)
                    : new Result(-1, String.join(" ", cmd) + ": no answer within 120 s\n" + out);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
