package org.golem.vm.common.wire.requestor;

/**
 * Answer of {@code GET /api/v1/vms/{name}/access}: how the CLI connects over SSH.
 *
 * @param host               the SSH host
 * @param port               the SSH port
 * @param user               the SSH user
 * @param hostKeyFingerprint the VM's host key fingerprint from the provider, or null
 * @param hostKeyAlias       the name the VM's key is pinned under in {@code known_hosts_file}
 * @param privateKeyFile     the requestor's SSH private key file
 * @param knownHostsFile     the requestor's known_hosts file
 */
public record SshAccess(String host, Integer port, String user, String hostKeyFingerprint, String hostKeyAlias,
                        String privateKeyFile, String knownHostsFile) {
}
