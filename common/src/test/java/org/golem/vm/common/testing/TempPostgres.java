package org.golem.vm.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private, throw-away PostgreSQL cluster for one test class: {@code initdb} into a temporary directory,
 * {@code pg_ctl start} on a free loopback port with its unix socket in that directory, one database owned by one
 * password-authenticated role (TCP connections need the password: {@code scram-sha-256}), and {@link #close()}
 * stops it and deletes the directory.
 *
 * <p>PostgreSQL refuses to run as root; when the test runs as root the server commands run as the {@code postgres}
 * OS user (which the Debian package creates) via {@code runuser}, and the directory is handed to that user.
 * The binaries are looked up in {@code $GOLEM_PG_BIN}, else {@code /usr/lib/postgresql/15/bin}, else the newest
 * {@code /usr/lib/postgresql/N/bin}; if there is none the constructor fails naming the package to install.
 */
public final class TempPostgres implements AutoCloseable {
    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(TempPostgres.class.getName());

    /** Debian package that provides the server (bin/test installs it). */
    public static final String PACKAGE = "postgresql";

    /** The cluster's directory (data, socket, server.log). */
    public final Path dir;
    /** TCP port on 127.0.0.1. */
    public final int port;
    /** The database created for the test. */
    public final String database;
    /** Its owner role. */
    public final String user = "golem";
    /** The role's password (random). */
    public final String password;
    private final Path bin;
    private final Path data;
    private final boolean asPostgresUser;
    private boolean started;

    /**
     * Creates and starts the cluster.
     *
     * @param database name of the database to create (owned by {@link #user})
     * @throws IllegalStateException when PostgreSQL is not installed or does not start (with its log)
     */
    public TempPostgres(String database) throws IOException, InterruptedException {
        this.database = database;
        this.bin = findBinaries();
        this.asPostgresUser = "root".equals(System.getProperty("user.name"));
        this.dir = Files.createTempDirectory("golem-pg-");
        this.data = dir.resolve("data");
        this.port = freePort();
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        this.password = HexFormat.of().formatHex(secret);
        try {
            if (asPostgresUser) {
                run(List.of("chown", "postgres:postgres", dir.toString()), false, 10);
            }
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-E", "UTF8",
                    "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync"), true, 120);
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log")
                    .toString(), "-w", "-t", "60", "-o", "-p " + port + " -k " + dir
                    + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                    + " -c full_page_writes=off -c max_connections=200 -c shared_buffers=64MB", "start"), true, 90);
            started = true;
            psql("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
            psql("CREATE DATABASE " + database + " OWNER " + user);
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** @return the JDBC URL of the database, over TCP on 127.0.0.1 */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** @return a new connection as the database's owner role (password authentication) */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /** Stops the server (immediate mode) and deletes its directory; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (started) {
            started = false;
            try {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w",
                        "-t", "30", "stop"), true, 60);
            } catch (Exception e) {
                LOG.warning("TempPostgres: pg_ctl stop failed: " + e.getMessage());
            }
        }
        deleteTree(dir);
    }

    private void psql(String sql) throws IOException, InterruptedException {
        run(List.of(bin.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", dir.toString(),
                "-p", Integer.toString(port), "-U", "postgres", "-d", "postgres", "-c", sql), true, 30);
    }

    /** Runs a command (as the postgres OS user when asked and we are root); fails with its output. */
    private void run(List<String> command, boolean asServerUser, int timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (asServerUser && asPostgresUser) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        Path out = Files.createTempFile("golem-pg-cmd-", ".log");
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd)
                        + "\n" + Files.readString(out, StandardCharsets.UTF_8) + serverLog());
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("exit " + p.exitValue() + ": " + String.join(" ", cmd) + "\n"
                        + Files.readString(out, StandardCharsets.UTF_8) + serverLog());
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private String serverLog() {
        Path log = dir.resolve("server.log");
        try {
            return Files.exists(log) ? "\n--- server.log ---\n" + Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static Path findBinaries() {
        String override = System.getenv("GOLEM_PG_BIN");
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            if (Files.isExecutable(p.resolve("initdb"))) {
                return p;
            }
            throw new IllegalStateException("GOLEM_PG_BIN=" + override + " has no initdb");
        }
        Path preferred = Path.of("/usr/lib/postgresql/15/bin");
        if (Files.isExecutable(preferred.resolve("initdb"))) {
            return preferred;
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparingInt(b -> {
                            try {
                                return Integer.parseInt(b.getParent().getFileName().toString());
                            } catch (NumberFormatException e) {
                                return 0;
                            }
                        }));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("PostgreSQL is not installed (no /usr/lib/postgresql/15/bin/initdb): this "
                + "test needs the Debian package '" + PACKAGE + "' (bin/test installs it: apt-get install -y "
                + PACKAGE + ")");
    }

    /** @return a loopback port free right now */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Deletes a directory tree, best effort. */
    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a file vanishing under us is fine
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }
}
