package org.golem.vm.cli.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Everything the {@code golem} command takes from its surroundings: environment variables, home directories,
 * the standard streams, whether they are terminals, the clock and the timing of polls. {@link #system()} is the
 * real process; tests build their own with {@link #builder()} so a command runs in-process with captured output.
 *
 * <p>Two views of stdout/stderr exist: {@link #out()}/{@link #err()} (character writers for all messages, tables
 * and JSON) and {@link #stdout()}/{@link #stderr()} (raw bytes, for the remote output of {@code vm exec} and
 * {@code vm ssh}). Writers are flushed before raw bytes are written, so the order is kept.
 */
public final class CliEnv {

    private final Map<String, String> env;
    private final Path userHome;
    private final Path golemHome;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final PrintWriter out;
    private final PrintWriter err;
    private final BooleanSupplier stdinTerminal;
    private final BooleanSupplier stdoutTerminal;
    private final Clock clock;
    private final Duration jobPollInterval;
    private final Duration startTimeout;
    private final Duration statsInterval;
    private final Duration readyGrace;
    private Boolean stdinTerminalValue;
    private Boolean stdoutTerminalValue;

    private CliEnv(Builder b) {
        this.env = Map.copyOf(b.env);
        this.userHome = Objects.requireNonNull(b.userHome, "userHome");
        this.golemHome = b.golemHome;
        this.stdin = Objects.requireNonNull(b.stdin, "stdin");
        this.stdout = Objects.requireNonNull(b.stdout, "stdout");
        this.stderr = Objects.requireNonNull(b.stderr, "stderr");
        this.out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        this.err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        this.stdinTerminal = b.stdinTerminal;
        this.stdoutTerminal = b.stdoutTerminal;
        this.clock = b.clock;
        this.jobPollInterval = b.jobPollInterval;
        this.startTimeout = b.startTimeout;
        this.statsInterval = b.statsInterval;
        this.readyGrace = b.readyGrace;
    }

    /**
     * The real process: {@code System.getenv()}, {@code user.home}, the {@code golem.home} system property (set by
     * {@code bin/golem} to the repository root; null when absent), {@code System.in/out/err}; terminals are
     * detected with {@code test -t 0} / {@code test -t 1} on the inherited descriptors, once, when first asked.
     *
     * @return the environment of this JVM
     */
    public static CliEnv system() {
        String home = System.getProperty("golem.home");
        return builder()
                .env(System.getenv())
                .userHome(Path.of(System.getProperty("user.home")))
                .golemHome(home == null || home.isBlank() ? null : Path.of(home))
                .stdin(System.in)
                .stdout(System.out)
                .stderr(System.err)
                .stdinTerminal(() -> isTerminal(0))
                .stdoutTerminal(() -> isTerminal(1))
                .build();
    }

    private static boolean isTerminal(int fd) {
        try {
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", "test -t " + fd);
            if (fd == 0) {
                pb.redirectInput(Redirect.INHERIT);
            } else {
                pb.redirectOutput(Redirect.INHERIT);
            }
            pb.redirectError(Redirect.DISCARD);
            return pb.start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return a builder with defaults: empty environment, stdin empty, no terminals, system clock */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param name environment variable name
     * @return its value, or null when unset or blank
     */
    public String getenv(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    /** @return the user's home directory */
    public Path userHome() {
        return userHome;
    }

    /** @return the repository root holding {@code bin/golem-requestor}, or null when unknown */
    public Path golemHome() {
        return golemHome;
    }

    /** @return standard input (bytes) */
    public InputStream stdin() {
        return stdin;
    }

    /** @return standard output as raw bytes; flush {@link #out()} first */
    public OutputStream stdout() {
        out.flush();
        return stdout;
    }

    /** @return standard error as raw bytes; flush {@link #err()} first */
    public OutputStream stderr() {
        err.flush();
        return stderr;
    }

    /** @return standard output for text (UTF-8, auto-flushed on println) */
    public PrintWriter out() {
        return out;
    }

    /** @return standard error for text (UTF-8, auto-flushed on println) */
    public PrintWriter err() {
        return err;
    }

    /** @return true when standard input is a terminal (a person can answer a prompt) */
    public synchronized boolean stdinIsTerminal() {
        if (stdinTerminalValue == null) {
            stdinTerminalValue = stdinTerminal.getAsBoolean();
        }
        return stdinTerminalValue;
    }

    /** @return true when standard output is a terminal (screen clearing allowed) */
    public synchronized boolean stdoutIsTerminal() {
        if (stdoutTerminalValue == null) {
            stdoutTerminalValue = stdoutTerminal.getAsBoolean();
        }
        return stdoutTerminalValue;
    }

    /** @return the clock for elapsed times and ages */
    public Clock clock() {
        return clock;
    }

    /** @return time between two polls of a creation job (1.5 s) */
    public Duration jobPollInterval() {
        return jobPollInterval;
    }

    /** @return how long to wait for an auto-started service to become ready (180 s) */
    public Duration startTimeout() {
        return startTimeout;
    }

    /**
     * @return how long a service that answers but reports "not ready" is waited for before the command goes on
     *         with a warning (10 s)
     */
    public Duration readyGrace() {
        return readyGrace;
    }

    /** @return time between two samples of {@code vm stats --watch} (2 s) */
    public Duration statsInterval() {
        return statsInterval;
    }

    /**
     * Sleeps, keeping the interrupt status.
     *
     * @param d how long
     * @throws CliException when interrupted
     */
    public void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(0, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    /** Builder of a {@link CliEnv}; every setter returns this builder. */
    public static final class Builder {
        private Map<String, String> env = Map.of();
        private Path userHome = Path.of(System.getProperty("user.home"));
        private Path golemHome;
        private InputStream stdin = InputStream.nullInputStream();
        private OutputStream stdout = OutputStream.nullOutputStream();
        private OutputStream stderr = OutputStream.nullOutputStream();
        private BooleanSupplier stdinTerminal = () -> false;
        private BooleanSupplier stdoutTerminal = () -> false;
        private Clock clock = Clock.systemUTC();
        private Duration jobPollInterval = Duration.ofMillis(1500);
        private Duration startTimeout = Duration.ofSeconds(180);
        private Duration statsInterval = Duration.ofSeconds(2);
        private Duration readyGrace = Duration.ofSeconds(10);

        private Builder() {
        }

        /** @param env environment variables @return this */
        public Builder env(Map<String, String> env) {
            this.env = Objects.requireNonNull(env);
            return this;
        }

        /** @param userHome home directory @return this */
        public Builder userHome(Path userHome) {
            this.userHome = userHome;
            return this;
        }

        /** @param golemHome repository root holding {@code bin/golem-requestor}, or null @return this */
        public Builder golemHome(Path golemHome) {
            this.golemHome = golemHome;
            return this;
        }

        /** @param stdin standard input @return this */
        public Builder stdin(InputStream stdin) {
            this.stdin = stdin;
            return this;
        }

        /** @param stdout standard output @return this */
        public Builder stdout(OutputStream stdout) {
            this.stdout = stdout;
            return this;
        }

        /** @param stderr standard error @return this */
        public Builder stderr(OutputStream stderr) {
            this.stderr = stderr;
            return this;
        }

        /** @param terminal whether stdin is a terminal @return this */
        public Builder stdinTerminal(BooleanSupplier terminal) {
            this.stdinTerminal = terminal;
            return this;
        }

        /** @param terminal whether stdout is a terminal @return this */
        public Builder stdoutTerminal(BooleanSupplier terminal) {
            this.stdoutTerminal = terminal;
            return this;
        }

        /** @param clock clock @return this */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @param interval job poll interval @return this */
        public Builder jobPollInterval(Duration interval) {
            this.jobPollInterval = interval;
            return this;
        }

        /** @param timeout service start timeout @return this */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** @param interval stats watch interval @return this */
        public Builder statsInterval(Duration interval) {
            this.statsInterval = interval;
            return this;
        }

        /** @param grace how long to wait for a service that answers "not ready" @return this */
        public Builder readyGrace(Duration grace) {
            this.readyGrace = grace;
            return this;
        }

        /** @return the environment */
        public CliEnv build() {
            return new CliEnv(this);
        }
    }
}
