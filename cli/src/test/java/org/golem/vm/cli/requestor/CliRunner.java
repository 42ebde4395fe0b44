package org.golem.vm.cli.requestor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.golem.vm.cli.support.CliEnv;

/** Runs {@link GolemCli} in this JVM with captured stdout/stderr and a chosen stdin, as a user would see it. */
final class CliRunner {

    /** What one run produced. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit=" + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    private final List<String> globalArgs = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private Path userHome;
    private Path golemHome;
    private Supplier<InputStream> stdin = InputStream::nullInputStream;
    private boolean stdinTerminal;
    private Duration startTimeout = Duration.ofSeconds(20);

    /**
     * @param api     service URL passed as {@code --api}
     * @param dataDir passed as {@code --data-dir}
     * @param noStart whether to pass {@code --no-start}
     */
    CliRunner(String api, Path dataDir, boolean noStart) {
        globalArgs.add("--api=" + api);
        globalArgs.add("--data-dir=" + dataDir);
        if (noStart) {
            globalArgs.add("--no-start");
        }
        userHome = dataDir.resolve("home");
    }

    /** A runner for a fake service, with {@code --no-start}. */
    CliRunner(FakeRequestorServer fake, Path dataDir) {
        this(fake.uri().toString(), dataDir, true);
    }

    /** A runner without global options. */
    CliRunner(Path userHome) {
        this.userHome = userHome;
    }

    CliRunner stdin(String text, boolean terminal) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        this.stdin = () -> new ByteArrayInputStream(bytes);
        this.stdinTerminal = terminal;
        return this;
    }

    /** Standard input read as the command goes (not a terminal). */
    CliRunner stdin(InputStream in) {
        this.stdin = () -> in;
        this.stdinTerminal = false;
        return this;
    }

    CliRunner golemHome(Path home) {
        this.golemHome = home;
        return this;
    }

    CliRunner env(String name, String value) {
        env.put(name, value);
        return this;
    }

    CliRunner startTimeout(Duration d) {
        this.startTimeout = d;
        return this;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        boolean tty = stdinTerminal;
        CliEnv cliEnv = CliEnv.builder()
                .env(env)
                .userHome(userHome)
                .golemHome(golemHome)
                .stdin(stdin.get())
                .stdout(out)
                .stderr(err)
                .stdinTerminal(() -> tty)
                .stdoutTerminal(() -> false)
                .jobPollInterval(Duration.ofMillis(5))
                .startTimeout(startTimeout)
                .statsInterval(Duration.ofMillis(5))
                .readyGrace(Duration.ofMillis(300))
                .build();
        List<String> all = new ArrayList<>(globalArgs);
        all.addAll(List.of(args));
        int code = GolemCli.run(cliEnv, all.toArray(new String[0]));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
