package org.golem.vm.provider.infrastructure.vm.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.golem.vm.common.net.Cidr;
import org.golem.vm.provider.domain.egress.Egress;
import org.junit.jupiter.api.Test;

/** The nftables script, the cgroup2 mount and the names, without touching the host. */
class NftEgressFirewallTest {

    @Test
    void scriptFiltersTheCgroupsSockets() {
        String script = NftEgressFirewall.script("golem_egress_0123456789ab", "unified/golem-egress-0123456789ab",
                List.of(new NftEgressFirewall.Destination(Cidr.parse("127.0.0.1"), 8080, 8080),
                        new NftEgressFirewall.Destination(Cidr.parse("203.0.113.0/24"), 0, 0),
                        new NftEgressFirewall.Destination(Cidr.parse("2001:db8::/32"), 8000, 8100)));
        assertEquals("""
                # written by the golem provider (egress allow-list); rewritten on every start
                table inet golem_egress_0123456789ab
                delete table inet golem_egress_0123456789ab
                table inet golem_egress_0123456789ab {
                \tchain output {
                \t\ttype filter hook output priority 0; policy accept;
                \t\tsocket cgroupv2 level 1 "unified/golem-egress-0123456789ab" jump vms
                \t}
                \tchain vms {
                \t\tct state established,related accept
                \t\tip daddr 127.0.0.1/32 meta l4proto { tcp, udp } th dport 8080 accept
                \t\tip daddr 203.0.113.0/24 accept
                \t\tip6 daddr 2001:db8:0:0:0:0:0:0/32 meta l4proto { tcp, udp } th dport 8000-8100 accept
                \t\tmeta l4proto tcp reject with tcp reset
                \t\treject with icmpx type admin-prohibited
                \t}
                }
                """, script);
    }

    @Test
    void hostNamesResolveToEveryAddressOnce() throws Exception {
        var d = NftEgressFirewall.resolve(Egress.parse("allow-list", "localhost:80,127.0.0.1/32:80,10.0.0.0/8").allow());
        assertTrue(d.contains(new NftEgressFirewall.Destination(Cidr.parse("127.0.0.1"), 80, 80)), d.toString());
        assertEquals(d.size(), d.stream().distinct().count());
        assertEquals(new NftEgressFirewall.Destination(Cidr.parse("10.0.0.0/8"), 0, 0), d.get(d.size() - 1));
    }

    @Test
    void cgroup2MountOfPureAndHybridHosts() {
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup")), NftEgressFirewall.cgroup2Mount(
                "sysfs /sys sysfs rw 0 0\ncgroup2 /sys/fs/cgroup cgroup2 rw,nosuid 0 0\n"));
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/unified")), NftEgressFirewall.cgroup2Mount(
                "tmpfs /sys/fs/cgroup tmpfs ro 0 0\ncgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0\n"
                        + "cgroup /sys/fs/cgroup/cpu cgroup rw,cpu 0 0\n"));
        assertEquals(Optional.empty(), NftEgressFirewall.cgroup2Mount("cgroup2 /mnt/cg cgroup2 rw 0 0\n"));
        assertEquals(Optional.empty(), NftEgressFirewall.cgroup2Mount("cgroup /sys/fs/cgroup/cpu cgroup rw 0 0\n"));
    }

    @Test
    void namesFollowTheDataDirectory() {
        NftEgressFirewall a = new NftEgressFirewall(Path.of("/srv/golem/a"));
        NftEgressFirewall b = new NftEgressFirewall(Path.of("/srv/golem/b"));
        assertTrue(a.table().matches("golem_egress_[0-9a-f]{12}"), a.table());
        assertEquals(a.table().replace('_', '-'), a.cgroupName());
        assertNotEquals(a.table(), b.table());
        assertEquals(a.table(), new NftEgressFirewall(Path.of("/srv/golem/./a")).table());
    }
}
