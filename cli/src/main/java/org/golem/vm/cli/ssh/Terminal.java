package org.golem.vm.cli.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The controlling terminal, through {@code stty ... </dev/tty}: its size and raw mode for an interactive SSH
 * shell. Every method fails soft (returns null/false) when there is no terminal or no {@code stty}.
 */
public final class Terminal {

    private static final Logger LOG = Logger.getLogger(Terminal.class.getName());

    private Terminal() {
    }

    /** @return {@code {columns, rows}} from {@code stty size}, or null when unknown */
    public static int[] size() {
        String s = stty("size");
        if (s == null) {
            return null;
        }
        String[] parts = s.strip().split("\\s+");
        if (parts.length != 2) {
            return null;
        }
        try {
            int rows = Integer.parseInt(parts[0]);
            int cols = Integer.parseInt(parts[1]);
            return rows > 0 && cols > 0 ? new int[] {cols, rows} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Switches the terminal to raw mode without echo ({@code stty raw -echo}).
     *
     * @return the previous settings ({@code stty -g}) for {@link #restore}, or null when it could not be changed
     */
    public static String enterRaw() {
        String saved = stty("-g");
        if (saved == null || saved.isBlank()) {
            return null;
        }
        if (stty("raw", "-echo") == null) {
            return null;
        }
        return saved.strip();
    }

    /** @param saved settings from {@link #enterRaw}; null does nothing */
    public static void restore(String saved) {
        if (saved != null) {
            stty(saved);
        }
    }

    /** @return stdout of {@code stty args </dev/tty}, or null when it failed */
    static String stty(String... args) {
        StringBuilder cmd = new StringBuilder("stty");
        for (String a : args) {
            if (!a.matches("[A-Za-z0-9:=_-]+")) {
                return null;
            }
            cmd.append(' ').append(a);
        }
        cmd.append(" </dev/tty");
        try {
            Process p = new ProcessBuilder("sh", "-c", cmd.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            return p.waitFor() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            LOG.log(Level.FINE, "stty failed", e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
