package org.golem.vm.cli.provider;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.golem.vm.cli.support.CliEnv;

/** Runs {@link GolemProviderCli} in this JVM with captured stdout/stderr, as an operator would see it. */
final class ProviderCliRunner {

    /** What one run produced. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit=" + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    private final List<String> globalArgs = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private final Path userHome;
    private Path golemHome;
    private Duration startTimeout = Duration.ofSeconds(8);

    /**
     * @param url     passed as {@code --url} (null: none)
     * @param dataDir passed as {@code --data-dir}
     */
    ProviderCliRunner(String url, Path dataDir) {
        if (url != null) {
            globalArgs.add("--url=" + url);
        }
        globalArgs.add("--data-dir=" + dataDir);
        userHome = dataDir.resolveSibling("home");
    }

    ProviderCliRunner golemHome(Path home) {
        this.golemHome = home;
        return this;
    }

    ProviderCliRunner env(String name, String value) {
        env.put(name, value);
        return this;
    }

    ProviderCliRunner startTimeout(Duration d) {
        this.startTimeout = d;
        return this;
    }

    Result run(String... args) {
        return runRaw(concat(globalArgs, args));
    }

    /** Runs without the global options. */
    Result runRaw(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnv cliEnv = CliEnv.builder()
                .env(env)
                .userHome(userHome)
                .golemHome(golemHome)
                .stdout(out)
                .stderr(err)
                .startTimeout(startTimeout)
                .readyGrace(Duration.ofMillis(300))
                .build();
        int code = GolemProviderCli.run(cliEnv, args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(new String[0]);
    }
}
