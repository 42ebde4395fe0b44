package org.golem.vm.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What this machine shows of a run: processes (from /proc), listening ports, SSH banners. Linux only. */
final class Machine {
    private Machine() {
    }

    /** A process: its pid, command line (arguments joined by spaces) and working directory (null if unreadable). */
    record Proc(long pid, String cmdline, Path cwd) {
    }

    /** @return every process whose command line contains {@code marker} (this JVM excluded) */
    static List<Proc> processes(String marker) {
        List<Proc> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
                    continue;
                }
                String cmdline;
                try {
                    cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ').trim();
                } catch (IOException e) {
                    continue; // gone meanwhile
                }
                if (cmdline.isEmpty() || !cmdline.contains(marker)) {
                    continue;
                }
                Path cwd;
                try {
                    cwd = Files.readSymbolicLink(dir.resolve("cwd"));
                } catch (IOException e) {
                    cwd = null;
                }
                found.add(new Proc(Long.parseLong(name), cmdline, cwd));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return found;
    }

    /**
     * @return the QEMU processes of the provider: run in a VM directory under {@code providerDataDir} (the driver
     *         starts each qemu in its VM's directory), or naming the data directory on their command line (an image
     *         kept there); an image from a cache elsewhere leaves only the working directory to tell
     */
    static List<Proc> qemuOf(Path providerDataDir) {
        String dataDir = providerDataDir.toString();
        return processes("qemu-system").stream().filter(p -> p.cmdline().contains(dataDir)
                || (p.cwd() != null && p.cwd().startsWith(providerDataDir))).toList();
    }

    /** @return true when a server socket can be bound to 127.0.0.1:port right now (nobody listens there) */
    static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return true when something accepts a TCP connection on 127.0.0.1:port */
    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the SSH identification line ("SSH-2.0-...") served on 127.0.0.1:port, if any within 5 s */
    static Optional<String> sshBanner(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            s.setSoTimeout(5_000);
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n' && line.length() < 255) {
                line.append((char) c);
            }
            String banner = line.toString().trim();
            return banner.startsWith("SSH-") ? Optional.of(banner) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
