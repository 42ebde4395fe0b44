package org.golem.vm.provider.infrastructure.vm.qemu;

import org.golem.vm.provider.infrastructure.net.HostKeyProbe;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Test helper: ed25519 keys from ssh-keygen and command execution over JSch. */
public final class Ssh {
    private Ssh() {
    }

    /** A key pair in OpenSSH format. */
    public record Key(byte[] privateKey, String publicKey) {
    }

    public static Key newKey(Path dir, String name) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir.resolve(name + ".pub"));
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ssh-keygen failed: " + out);
        }
        return new Key(Files.readAllBytes(file), Files.readString(dir.resolve(name + ".pub")).trim());
    }

    /** Result of one command, with the fingerprint ({@code SHA256:...}) of the host key the server presented. */
    public record Result(int exit, String out, String hostKeyFingerprint) {
    }

    public static Result exec(String user, int port, Key key, String command) throws JSchException, IOException {
        JSch jsch = new JSch();
        jsch.addIdentity("test", key.privateKey(), null, null);
        Session session = jsch.getSession(user, "127.0.0.1", port);
        session.setConfig("StrictHostKeyChecking", "no");
        session.setConfig("PreferredAuthentications", "publickey");
        session.connect(20_000);
        try {
            ChannelExec ch = (ChannelExec) session.openChannel("exec");
            ch.setCommand(command);
            ch.setInputStream(null);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            ch.setErrStream(err);
            InputStream in = ch.getInputStream();
            ch.connect(20_000);
            byte[] out = in.readAllBytes();
            long deadline = System.currentTimeMillis() + 10_000;
            while (!ch.isClosed() && System.currentTimeMillis() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            int exit = ch.getExitStatus();
            ch.disconnect();
            return new Result(exit, new String(out, StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8),
                    HostKeyProbe.fingerprint(java.util.Base64.getDecoder().decode(session.getHostKey().getKey())));
        } finally {
            session.disconnect();
        }
    }
}
