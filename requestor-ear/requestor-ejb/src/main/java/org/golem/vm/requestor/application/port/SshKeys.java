package org.golem.vm.requestor.application.port;

import java.io.IOException;
import java.nio.file.Path;

/** The requestor's SSH files: its own key pair (given to providers) and the VMs' pinned host keys. */
public interface SshKeys {

    /**
     * The requestor's key pair.
     *
     * @param privateKeyFile the private key file
     * @param publicKey      the public key line, {@code ssh-ed25519 AAAA... golem-requestor}
     */
    record Identity(Path privateKeyFile, String publicKey) {
    }

    /**
     * @return the key pair, generated when missing
     * @throws IOException when the files cannot be read or written
     */
    Identity identity() throws IOException;

    /** @return the known_hosts file where VM host keys are pinned */
    Path knownHostsFile();

    /**
     * Removes the host keys pinned under a VM's alias ({@code RentedVm#hostKeyAlias}).
     *
     * @return true when a key was pinned and is now removed
     * @throws IOException when the file cannot be read or rewritten
     */
    boolean unpin(String alias) throws IOException;
}
