package org.golem.vm.requestor.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.money.Resources;
import org.golem.vm.requestor.application.port.VmShells;
import org.golem.vm.requestor.domain.CreationJob;
import org.golem.vm.requestor.domain.RentedVm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Terminals in the requestor's VMs: only a running VM of the records gets one, at most {@value VmTerminals#MAX_PER_VM}
 * at a time per VM (a closed or ended shell frees its place), with the VM's pin and the provider's fingerprint.
 */
class VmTerminalsTest {
    private final InMemoryStore store = new InMemoryStore();
    private final List<VmShells.Target> opened = new ArrayList<>();
    private final List<VmShells.Listener> listeners = new ArrayList<>();
    private VmTerminals terminals;

    /** The SSH side: records what was asked, opens nothing. */
    private final VmShells shells = (target, cols, rows, listener) -> {
        opened.add(target);
        listeners.add(listener);
        return new VmShells.ShellSession() {
            @Override
            public void start() {
            }

            @Override
            public String hostKeyFingerprint() {
                return target.expectedFingerprint();
            }

            @Override
            public void write(byte[] bytes) {
            }

            @Override
            public void resize(int c, int r) {
            }

            @Override
            public void close() {
            }
        };
    };

    @BeforeEach
    void wire() {
        VmOperations vms = new VmOperations();
        vms.store = store;
        terminals = new VmTerminals();
        terminals.vms = vms;
        terminals.shells = shells;
        RentedVm web1 = new RentedVm("web1", FakeProvider.ID, "http://203.0.113.7:7466", new Resources(1, 1, 10),
                null, 0);
        web1.reachable("203.0.113.7", 50800, "root", "SHA256:abc", 0);
        web1.status(RentedVm.RUNNING, null, 0);
        store.insert(web1, new CreationJob("j1", "web1", 0));
        RentedVm off = new RentedVm("off", FakeProvider.ID, "http://203.0.113.7:7466", new Resources(1, 1, 10),
                null, 0);
        off.reachable("203.0.113.7", 50801, "root", "SHA256:abd", 0);
        off.status(RentedVm.STOPPED, null, 0);
        store.insert(off, new CreationJob("j2", "off", 0));
    }

    private static VmShells.Listener ignore() {
        return new VmShells.Listener() {
            @Override
            public void output(byte[] bytes) {
            }

            @Override
            public void exited(int status) {
            }
        };
    }

    @Test
    void aRunningVmGetsAShellCheckedAgainstItsPin() throws Exception {
        VmTerminals.Terminal t = terminals.open("web1", 80, 24, ignore());
        assertEquals("203.0.113.7", t.host());
        assertEquals(50800, t.port());
        assertEquals("root", t.user());
        assertEquals(new VmShells.Target("203.0.113.7", 50800, "root",
                RentedVm.hostKeyAlias("web1", FakeProvider.ID), "SHA256:abc"), opened.get(0));
    }

    @Test
    void anUnknownOrStoppedVmIsRefused() {
        assertEquals("VM_NOT_FOUND", assertThrows(DomainException.class,
                () -> terminals.open("ghost", 80, 24, ignore())).code());
        assertEquals("VM_NOT_RUNNING", assertThrows(DomainException.class,
                () -> terminals.open("off", 80, 24, ignore())).code());
        assertEquals(List.of(), opened, "no SSH tried");
    }

    @Test
    void atMostEightPerVmAndAClosedOrEndedOneFreesItsPlace() throws Exception {
        List<VmTerminals.Terminal> open = new ArrayList<>();
        for (int i = 0; i < VmTerminals.MAX_PER_VM; i++) {
            open.add(terminals.open("web1", 80, 24, ignore()));
        }
        DomainException full = assertThrows(DomainException.class, () -> terminals.open("web1", 80, 24, ignore()));
        assertEquals("TOO_MANY_TERMINALS", full.code());
        open.get(0).shell().close();
        open.get(0).shell().close(); // twice frees one place only
        terminals.open("web1", 80, 24, ignore());
        assertEquals("TOO_MANY_TERMINALS", assertThrows(DomainException.class,
                () -> terminals.open("web1", 80, 24, ignore())).code());
        listeners.get(1).exited(0); // a shell that ended by itself
        terminals.open("web1", 80, 24, ignore());
        assertEquals(VmTerminals.MAX_PER_VM + 2, opened.size());
    }
}
