package org.golem.vm.provider.infrastructure.vm.qemu;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.golem.vm.common.keys.KeyFiles;
import org.golem.vm.provider.application.port.VmDriverException;
import org.golem.vm.provider.infrastructure.vm.toolkit.VmFiles;

/**
 * The QEMU driver's directories: {@code <data-dir>/vms/<id>/} per VM, holding the state file ({@code state.json},
 * a {@link QemuVmState}), the qcow2 disk, the authorized key, the VM's own SSH host key (kernel+initrd images), the
 * NoCloud seed (cloud images), the serial and qemu logs, the QMP socket and the pid file. Every name a qemu command
 * line refers to is relative to the VM's directory, which is qemu's working directory.
 */
final class QemuVmDir {
    static final String STATE = "state.json";
    static final String DISK = "disk.qcow2";
    static final String KEY = "authorized_keys";
    /** The VM's own SSH host key (OpenSSH format, mode 0600), handed to images that read it from fw_cfg. */
    static final String HOST_KEY = "ssh_host_ed25519_key";
    static final String QMP = "qmp.sock";
    static final String SERIAL_LOG = "serial.log";
    static final String QEMU_LOG = "qemu.log";
    static final String PID_FILE = "qemu.pid";
    private static final String ID = "[a-z0-9][a-z0-9-]{1,62}";

    private final Path vmsDir;

    /**
     * @param dataDir the provider's data directory; VMs live in {@code <dataDir>/vms} (created here)
     * @throws VmDriverException {@code HYPERVISOR_ERROR} when it cannot be created
     */
    QemuVmDir(Path dataDir) throws VmDriverException {
        this.vmsDir = dataDir.resolve("vms").toAbsolutePath();
        try {
            Files.createDirectories(vmsDir);
        } catch (IOException e) {
            throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "cannot create " + vmsDir, e);
        }
    }

    /** @return whether {@code vmId} is a valid VM id ({@code [a-z0-9][a-z0-9-]{1,62}}) */
    static boolean validId(String vmId) {
        return vmId.matches(ID);
    }

    /** @throws IllegalArgumentException for an invalid id (it would name a path outside the VMs' directory) */
    Path of(String vmId) {
        if (!validId(vmId)) {
            throw new IllegalArgumentException("bad vm id: " + vmId);
        }
        return vmsDir.resolve(vmId);
    }

    /** @return whether the VM's state file exists */
    boolean hasState(Path dir) {
        return Files.exists(dir.resolve(STATE));
    }

    /** @throws VmDriverException {@code VM_NOT_FOUND} when the VM has no state file */
    Path existing(String vmId) throws VmDriverException {
        Path dir = of(vmId);
        if (!hasState(dir)) {
            throw new VmDriverException(VmDriverException.Code.VM_NOT_FOUND, "no VM " + vmId);
        }
        return dir;
    }

    /** @return the names of the VM directories (not checked for a state file) */
    List<String> ids() throws VmDriverException {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(vmsDir)) {
            for (Path d : dirs) {
                ids.add(d.getFileName().toString());
            }
        } catch (IOException e) {
            throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "cannot list " + vmsDir, e);
        }
        return ids;
    }

    /** @throws VmDriverException {@code VM_NOT_FOUND} when it is gone, {@code HYPERVISOR_ERROR} when unreadable */
    static QemuVmState readState(Path dir) throws VmDriverException {
        Path file = dir.resolve(STATE);
        try {
            return VmFiles.readJson(file, QemuVmState.class);
        } catch (IOException e) {
            throw new VmDriverException(e.getCause() instanceof NoSuchFileException || !Files.exists(file)
                    ? VmDriverException.Code.VM_NOT_FOUND : VmDriverException.Code.HYPERVISOR_ERROR,
                    "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** @throws VmDriverException {@code HYPERVISOR_ERROR} when it cannot be written */
    static void writeState(Path dir, QemuVmState state) throws VmDriverException {
        try {
            VmFiles.writeJsonAtomically(dir.resolve(STATE), state);
        } catch (IOException e) {
            throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "cannot write " + dir.resolve(STATE),
                    e);
        }
    }

    /**
     * A host key of the VM's own, kept in its directory and given to the guest on every boot through fw_cfg, so
     * the VM presents the same SSH host key across stops and starts (an initramfs guest has nowhere to keep one;
     * pinned keys would otherwise break on every restart). Cloud images keep theirs on their disk.
     */
    static void writeHostKey(Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            KeyPair pair = KeyPair.genKeyPair(new JSch(), KeyPair.ED25519);
            pair.writeOpenSSHv1PrivateKey(out, null, "golem-vm");
            pair.dispose();
        } catch (JSchException e) {
            throw new IOException("cannot generate the VM's host key: " + e.getMessage(), e);
        }
        KeyFiles.writeSecret(dir.resolve(HOST_KEY), out.toString(StandardCharsets.US_ASCII));
    }

    /** @return the directory's real path (symlinks resolved), or the path itself when that fails */
    static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }
}
