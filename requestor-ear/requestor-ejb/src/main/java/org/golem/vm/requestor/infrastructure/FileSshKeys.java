package org.golem.vm.requestor.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import org.golem.vm.requestor.application.port.SshKeys;
import org.golem.vm.requestor.config.RequestorSettings;

/**
 * The requestor's SSH files in {@code golem.requestor.ssh-dir}: its ed25519 key pair ({@link SshKeyPair}) and the
 * known_hosts file of pinned VM host keys ({@link PinnedHostKeys}).
 */
@ApplicationScoped
public class FileSshKeys implements SshKeys {

    @Inject
    RequestorSettings settings;

    @Override
    public Identity identity() throws IOException {
        SshKeyPair pair = SshKeyPair.loadOrCreate(settings.sshDir());
        return new Identity(pair.privateKeyFile(), pair.publicKey());
    }

    @Override
    public Path knownHostsFile() {
        return settings.knownHostsFile();
    }

    @Override
    public boolean unpin(String alias) throws IOException {
        return PinnedHostKeys.unpin(settings.knownHostsFile(), alias);
    }
}
