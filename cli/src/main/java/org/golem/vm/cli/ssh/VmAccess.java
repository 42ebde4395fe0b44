package org.golem.vm.cli.ssh;

import java.nio.file.Path;
import org.golem.vm.common.wire.requestor.SshAccess;

/**
 * How to reach a VM over SSH: {@code GET /api/v1/vms/{name}/access} →
 * {@code {"host", "port", "user", "host_key_fingerprint", "host_key_alias", "private_key_file", "known_hosts_file"}}.
 *
 * @param name                the VM's name
 * @param host                the provider's public address
 * @param port                TCP port forwarded to the VM's port 22
 * @param user                login user
 * @param hostKeyFingerprint  the VM's host key fingerprint ({@code SHA256:...}) as the provider read it, or null
 * @param hostKeyAlias        the host name the VM's key is pinned under in known_hosts
 *                            ({@code <name>.<provider id>.golem-vm}, one per VM), or null when the service names
 *                            none (then the key is pinned per {@code [host]:port})
 * @param privateKeyFile      the service's SSH private key (OpenSSH format), readable by this user
 * @param knownHostsFile      the known_hosts file to check and extend
 */
public record VmAccess(String name, String host, int port, String user, String hostKeyFingerprint,
                       String hostKeyAlias, Path privateKeyFile, Path knownHostsFile) {

    /**
     * @param name              the VM's name (for messages)
     * @param access            the access answer
     * @param defaultKnownHosts known_hosts to use when the service names none
     * @return the access data; a blank user is {@code root}
     * @throws IllegalArgumentException with a message for the user when the VM has no SSH endpoint or key yet
     */
    public static VmAccess from(String name, SshAccess access, Path defaultKnownHosts) {
        String host = text(access.host());
        Integer port = access.port();
        if (host == null || port == null || port <= 0) {
            throw new IllegalArgumentException("VM '" + name + "' has no SSH endpoint yet (is it still being "
                    + "created? see: golem vm info " + name + ")");
        }
        String key = text(access.privateKeyFile());
        if (key == null) {
            throw new IllegalArgumentException("the requestor service gave no SSH private key file for VM '"
                    + name + "'");
        }
        String user = text(access.user());
        String kh = text(access.knownHostsFile());
        return new VmAccess(name, host, port, user == null ? "root" : user, text(access.hostKeyFingerprint()),
                text(access.hostKeyAlias()), Path.of(key), kh == null ? defaultKnownHosts : Path.of(kh));
    }

    /** @return {@code user@host:port} */
    public String display() {
        return user + "@" + host + ":" + port;
    }

    /** @return the VM as messages name it: {@code VM 'web1' at 203.0.113.7:50800} */
    public String subject() {
        return "VM '" + name + "' at " + host + ":" + port;
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
