package org.golem.vm.cli.ssh;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

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
     * @param name            the VM's name (for messages)
     * @param json            the access answer
     * @param defaultKnownHosts known_hosts to use when the service names none
     * @return the access data
     * @throws IllegalArgumentException with a message for the user when the VM has no SSH endpoint or key yet
     */
    public static VmAccess from(String name, JsonNode json, Path defaultKnownHosts) {
        String host = text(json.get("host"));
        JsonNode port = json.get("port");
        if (host == null || port == null || !port.canConvertToInt() || port.asInt() <= 0) {
            throw new IllegalArgumentException("VM '" + name + "' has no SSH endpoint yet (is it still being "
                    + "created? see: golem vm info " + name + ")");
        }
        String key = text(json.get("private_key_file"));
        if (key == null) {
            throw new IllegalArgumentException("the requestor service gave no SSH private key file for VM '"
                    + name + "'");
        }
        String user = text(json.get("user"));
        String kh = text(json.get("known_hosts_file"));
        return new VmAccess(name, host, port.asInt(), user == null ? "root" : user,
                text(json.get("host_key_fingerprint")), text(json.get("host_key_alias")), Path.of(key),
                kh == null ? defaultKnownHosts : Path.of(kh));
    }

    /** @return {@code user@host:port} */
    public String display() {
        return user + "@" + host + ":" + port;
    }

    /** @return the VM as messages name it: {@code VM 'web1' at 203.0.113.7:50800} */
    public String subject() {
        return "VM '" + name + "' at " + host + ":" + port;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText();
    }
}
