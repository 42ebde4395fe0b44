package org.golem.vm.cli.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Parsing the output of top, free and df as the guests print it: procps and coreutils (Ubuntu, the debian-12
 * image) and busybox (the micro image, whose root file system lives in memory).
 */
class VmStatsTest {

    static final String UBUNTU = """
            top - 13:06:05 up  3:05,  0 user,  load average: 3.26, 2.29, 2.01
            Tasks:  71 total,   1 running,  70 sleeping,   0 stopped,   0 zombie
            %Cpu(s): 12.5 us,  3.1 sy,  0.0 ni, 84.4 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st
            MiB Mem :   1987.6 total,    911.3 free,    512.9 used,    563.4 buff/cache
            MiB Swap:      0.0 total,      0.0 free,      0.0 used.   1474.7 avail Mem
            --golem--
                           total        used        free      shared  buff/cache   available
            Mem:            1987         512         911           1         563        1474
            Swap:              0           0           0
            --golem--
            Filesystem                        1024-blocks    Used Available Capacity Mounted on
            tmpfs                                  203524    1032    202492       1% /run
            /dev/mapper/ubuntu--vg-ubuntu--lv    20466256 2150000  17253500      11% /
            tmpfs                                 1017616       0   1017616       0% /dev/shm
            /dev/sda2                             1992552  136544   1734768       8% /boot
            """;

    /** What the micro image printed (busybox 1.35 top, free and df; the VM's 10 GiB disk on /root). */
    static final String MICRO = """
            Mem: 45452K used, 951160K free, 6928K shrd, 240K buff, 6940K cached
            CPU:   8% usr   8% sys   0% nic  83% idle   0% io   0% irq   0% sirq
            Load average: 0.08 0.02 0.01 1/54 122
              PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND
              121   120 root     R     2260   0%   8% top -b -n 1
            --golem--
                          total        used        free      shared  buff/cache   available
            Mem:            973          28         929           7          16         864
            Swap:             0           0           0
            --golem--
            Filesystem           1024-blocks    Used Available Capacity Mounted on
            devtmpfs                492416         0    492416   0% /dev
            tmpfs                   498304         0    498304   0% /run
            /dev/vda              10444088      28  10444060   0% /root
            """;

    @Test
    void procpsAndCoreutilsReportTheRootFileSystem() {
        VmStats s = VmStats.parse(UBUNTU);
        assertEquals(new BigDecimal("15.6"), s.cpuPercent());
        assertEquals(512L, s.memoryUsedMib());
        assertEquals(1987L, s.memoryTotalMib());
        assertEquals("/", s.disk().mount(), "/ is on a block device: it is the disk reported");
        assertEquals("2.1G", s.disk().used());
        assertEquals("20G", s.disk().size());
        assertEquals("11%", s.disk().usePercent());
        assertEquals(20466256L, s.disk().sizeKib());
    }

    @Test
    void busyboxWithTheRootInMemoryReportsTheVmsDisk() {
        VmStats s = VmStats.parse(MICRO);
        assertEquals(new BigDecimal("17.0"), s.cpuPercent(), "busybox top's CPU: line");
        assertEquals(28L, s.memoryUsedMib(), "free's Mem: line, not top's");
        assertEquals(973L, s.memoryTotalMib());
        assertEquals("/dev/vda", s.disk().filesystem());
        assertEquals("/root", s.disk().mount());
        assertEquals("28K", s.disk().used());
        assertEquals("10G", s.disk().size(), "9.96 GiB, rounded up as df -h does");
        assertEquals(10444088L, s.disk().sizeKib());
        assertEquals("0%", s.disk().usePercent());
    }

    @Test
    void theLargestBlockDeviceWinsWhenRootIsNotOne() {
        VmStats s = VmStats.parse("--golem--\n--golem--\n"
                + "Filesystem 1024-blocks Used Available Capacity Mounted on\n"
                + "overlay 4096 1024 3072 25% /\n"
                + "/dev/vdb 366 366 0 100% /mnt/seed\n"
                + "/dev/vda 2088784 2048 2086736 1% /srv/my data\n");
        assertEquals("/srv/my data", s.disk().mount(), "a mount point with a space");
        assertEquals("2.0G", s.disk().size());
        assertEquals("2.0M", s.disk().used());
        VmStats noDevice = VmStats.parse("--golem--\n--golem--\nFilesystem 1024-blocks Used Available Capacity Mounted on\n"
                + "rpool/ROOT/debian 9000000 1000000 8000000 12% /\ntmpfs 100 0 100 0% /run\n");
        assertEquals("/", noDevice.disk().mount(), "without a block device, / whatever it is");
    }

    @Test
    void fullyIdleAndOldTopFormat() {
        VmStats s = VmStats.parse("Cpu(s):  0.0%us,  0.0%sy,  0.0%ni,100.0%id,  0.0%wa\n--golem--\n--golem--\n");
        assertEquals(new BigDecimal("0.0"), s.cpuPercent());
        assertNull(s.memoryTotalMib());
        assertNull(s.disk());
    }

    @Test
    void sizesAsDfHumanPrintsThem() {
        assertEquals("0", VmStats.human(0));
        assertEquals("4.0K", VmStats.human(4));
        assertEquals("28K", VmStats.human(28));
        assertEquals("1.0M", VmStats.human(1024));
        assertEquals("9.8G", VmStats.human(10_200_000));
        assertEquals("10G", VmStats.human(10_440_000), "9.96 GiB rounds up to 10, shown without a decimal");
        assertEquals("1.5T", VmStats.human(1_610_612_736L));
    }
}
