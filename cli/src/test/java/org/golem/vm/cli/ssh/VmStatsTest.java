package org.golem.vm.cli.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Parsing the output of top, free and df as Ubuntu prints it. */
class VmStatsTest {

    static final String OUTPUT = """
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
            Filesystem                         Size  Used Avail Use% Mounted on
            /dev/mapper/ubuntu--vg-ubuntu--lv   20G  2.1G   17G  11% /
            """;

    @Test
    void parsesCpuMemoryAndDisk() {
        VmStats s = VmStats.parse(OUTPUT);
        assertEquals(new BigDecimal("15.6"), s.cpuPercent());
        assertEquals(512L, s.memoryUsedMib());
        assertEquals(1987L, s.memoryTotalMib());
        assertEquals("2.1G", s.diskUsed());
        assertEquals("20G", s.diskSize());
        assertEquals("11%", s.diskUsePercent());
    }

    @Test
    void fullyIdleAndOldTopFormat() {
        VmStats s = VmStats.parse("Cpu(s):  0.0%us,  0.0%sy,  0.0%ni,100.0%id,  0.0%wa\n--golem--\n--golem--\n");
        assertEquals(new BigDecimal("0.0"), s.cpuPercent());
        assertNull(s.memoryTotalMib());
        assertNull(s.diskUsed());
    }
}
