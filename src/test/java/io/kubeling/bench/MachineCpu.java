package io.kubeling.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU time from /proc/stat, in seconds (clock ticks of 1/100 s): busy across all processes, idle,
 * and stolen by the hypervisor for other guests; to tell a slow run of the server from a busy machine.
 */
record MachineCpu(double busy, double idle, double steal) {

    static MachineCpu now() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        // cpu user nice system idle iowait irq softirq steal ...
        long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                + Long.parseLong(f[7]);
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new MachineCpu(busy / 100.0, idle / 100.0, Long.parseLong(f[8]) / 100.0);
    }

    MachineCpu since(MachineCpu earlier) {
        return new MachineCpu(busy - earlier.busy, idle - earlier.idle, steal - earlier.steal);
    }
}
