package org.golem.vm.cli.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** Test keys made by the real {@code ssh-keygen}, and what {@code ssh-keygen -l} says about them. */
public final class KeyGen {

    private KeyGen() {
    }

    /**
     * @param dir  where to write {@code <name>} and {@code <name>.pub}
     * @param name file name
     * @param type {@code ed25519}, {@code ecdsa}, {@code rsa}
     * @return the private key file
     */
    public static Path generate(Path dir, String name, String type) throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        run("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "test-" + name, "-f", key.toString());
        return key;
    }

    /** @return {@code <type> <base64 blob>} of {@code <key>.pub} (the comment dropped) */
    public static String publicLine(Path key) throws IOException {
        String[] f = Files.readString(Path.of(key + ".pub")).strip().split(" ");
        return f[0] + " " + f[1];
    }

    /** @return the public key blob of {@code <key>.pub} */
    public static byte[] blob(Path key) throws IOException {
        return Base64.getDecoder().decode(publicLine(key).split(" ")[1]);
    }

    /** @return the fingerprint as {@code ssh-keygen -l -E sha256} prints it ({@code SHA256:...}) */
    public static String fingerprint(Path key) throws IOException, InterruptedException {
        String out = run("ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub");
        return out.strip().split(" ")[1];
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }
}
