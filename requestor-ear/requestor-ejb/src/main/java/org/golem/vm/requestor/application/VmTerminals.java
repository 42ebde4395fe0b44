package org.golem.vm.requestor.application;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.error.Refusal;
import org.golem.vm.requestor.application.port.VmShells;
import org.golem.vm.requestor.domain.RentedVm;

/**
 * Shells in the requestor's running VMs for the web console's terminal: finds the VM, refuses one that is unknown
 * or not running, limits the open terminals per VM to {@value #MAX_PER_VM}, and closes every shell when the service
 * stops.
 */
@ApplicationScoped
public class VmTerminals {

    /** Open terminals per VM at most. */
    public static final int MAX_PER_VM = 8;

    @Inject
    VmOperations vms;

    @Inject
    VmShells shells;

    /** Open (and opening) terminals per VM name. */
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    /** Every open shell, to close them when the service stops. */
    private final Set<VmShells.ShellSession> all = ConcurrentHashMap.newKeySet();

    /** What {@link #open} gives: the shell and where it is. */
    public record Terminal(VmShells.ShellSession shell, String host, int port, String user) {
    }

    /**
     * Opens a login shell in the VM.
     *
     * @param name     the VM
     * @param cols     PTY columns, 1..1000
     * @param rows     PTY rows, 1..1000
     * @param listener receives the output and the end
     * @return the shell: {@link VmShells.ShellSession#start() start} it once the client knows; close it when the
     *         client goes
     * @throws DomainException                   404 {@code VM_NOT_FOUND}, 409 {@code VM_NOT_RUNNING}, 409
     *                                           {@code TOO_MANY_TERMINALS}
     * @throws VmShells.HostKeyMismatchException when the VM's host key is not its pinned one
     * @throws IOException                       when SSH fails
     */
    public Terminal open(String name, int cols, int rows, VmShells.Listener listener) throws IOException {
        RentedVm vm = vms.get(name);
        if (vm.sshPort() == null || !RentedVm.RUNNING.equals(vm.status())) {
            throw new DomainException(Refusal.CONFLICT, "VM_NOT_RUNNING", "VM '" + name + "' is " + vm.status());
        }
        boolean[] admitted = {false};
        counts.compute(name, (k, n) -> {
            int now = n == null ? 0 : n;
            admitted[0] = now < MAX_PER_VM;
            return admitted[0] ? now + 1 : now;
        });
        if (!admitted[0]) {
            throw new DomainException(Refusal.CONFLICT, "TOO_MANY_TERMINALS", "VM '" + name + "' already has "
                    + MAX_PER_VM + " open terminals; close one first");
        }
        String user = vm.sshUser() == null ? "root" : vm.sshUser();
        Counted counted = new Counted(name, listener);
        try {
            VmShells.ShellSession shell = shells.open(new VmShells.Target(vm.sshHost(), vm.sshPort(), user,
                    vm.hostKeyAlias(), vm.sshHostKey()), cols, rows, counted);
            counted.shell = shell;
            all.add(shell);
            if (counted.released.get()) { // it ended while we were starting it
                all.remove(shell);
            }
            return new Terminal(counted, vm.sshHost(), vm.sshPort(), user);
        } catch (IOException | RuntimeException e) {
            counted.release();
            throw e;
        }
    }

    /** Closes every open shell (the service stops). */
    @PreDestroy
    void closeAll() {
        all.forEach(VmShells.ShellSession::close);
        all.clear();
    }

    /** The shell as the caller holds it: counted against its VM until it ends or is closed, once. */
    private final class Counted implements VmShells.Listener, VmShells.ShellSession {
        private final String name;
        private final VmShells.Listener inner;
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile VmShells.ShellSession shell;

        Counted(String name, VmShells.Listener inner) {
            this.name = name;
            this.inner = inner;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                counts.computeIfPresent(name, (k, n) -> n <= 1 ? null : n - 1);
                if (shell != null) {
                    all.remove(shell);
                }
            }
        }

        @Override
        public void output(byte[] bytes) {
            inner.output(bytes);
        }

        @Override
        public void exited(int status) {
            release();
            inner.exited(status);
        }

        @Override
        public void start() {
            shell.start();
        }

        @Override
        public String hostKeyFingerprint() {
            return shell.hostKeyFingerprint();
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            shell.write(bytes);
        }

        @Override
        public void resize(int cols, int rows) {
            shell.resize(cols, rows);
        }

        @Override
        public void close() {
            release();
            shell.close();
        }
    }
}
