package org.golem.vm.requestor.infrastructure;

import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.golem.vm.requestor.domain.RentedVm;

/**
 * The VMs' pinned SSH host keys in the requestor's {@code known_hosts} (OpenSSH format, written by
 * {@code golem vm ssh|exec|stats}). A VM's key is pinned per VM, not per address: under the host name
 * {@link #alias}, which OpenSSH's {@code HostKeyAlias} option and JSch's {@code Session.setHostKeyAlias} look up
 * instead of {@code [host]:port}. A provider hands a destroyed VM's SSH port to a later VM, so a pin per address
 * would refuse the later VM ("host key has changed"); a pin per VM does not, and still refuses a VM whose key
 * changed under the same name. Deleting the VM removes its pin ({@link #unpin}).
 */
public final class PinnedHostKeys {

    private PinnedHostKeys() {
    }

    /**
     * @param vmName     the VM's name ({@code [a-z0-9-]}, 3–64 characters)
     * @param providerId the provider's address ({@code 0x} + 40 hex digits, any case)
     * @return the host name its key is pinned under: {@code <vm-name>.<provider-id in lower case>.golem-vm}, e.g.
     *         {@code web1.0x9d12f0af464a6b5efd4bbb8679cc205012326019.golem-vm} (lower case only: OpenSSH compares
     *         host names case-insensitively)
     */
    public static String alias(String vmName, String providerId) {
        return RentedVm.hostKeyAlias(vmName, providerId);
    }

    /**
     * Removes the keys pinned under a VM's {@link #alias}. A missing file or entry is not an error.
     *
     * @param knownHosts the known_hosts file
     * @param alias      the VM's {@link #alias}
     * @return true when a key was pinned under it and is now removed
     * @throws IOException when the file cannot be read, or still pins a key under the alias afterwards (it could not
     *                     be written)
     */
    public static boolean unpin(Path knownHosts, String alias) throws IOException {
        if (!Files.exists(knownHosts) || open(knownHosts).getHostKey(alias, null).length == 0) {
            return false;
        }
        open(knownHosts).remove(alias, null); // rewrites the file in place (mode kept); JSch swallows write errors ...
        if (open(knownHosts).getHostKey(alias, null).length > 0) { // ... so read it back
            throw new IOException("could not remove the pinned host key of " + alias + " from " + knownHosts
                    + " (is it writable?)");
        }
        return true;
    }

    private static HostKeyRepository open(Path knownHosts) throws IOException {
        JSch jsch = new JSch();
        try {
            jsch.setKnownHosts(knownHosts.toString());
        } catch (JSchException e) {
            throw new IOException("cannot read " + knownHosts + ": " + e.getMessage(), e);
        }
        return jsch.getHostKeyRepository();
    }
}
