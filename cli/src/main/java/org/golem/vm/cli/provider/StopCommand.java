package org.golem.vm.cli.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.golem.vm.cli.support.CliException;
import org.golem.vm.cli.support.PidFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code golem-provider stop [--timeout 30]}: asks the provider to shut down ({@code POST /api/v1/admin/shutdown};
 * VMs keep running unless {@code GOLEM_PROVIDER_STOP_VMS_ON_EXIT}) and waits for its process (from
 * {@code <data-dir>/provider.pid}) to exit; when it does not answer or does not exit within the timeout, it is sent
 * SIGTERM, and killed when that does not end it within the timeout either. The pid file is removed. Without a pid
 * file the command waits until nothing answers at the provider URL. Nothing running: {@code provider is not
 * running}, exit 0.
 */
@Command(name = "stop", description = "Stop the provider running on this machine.")
final class StopCommand extends ProviderBaseCommand {

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for it to exit before SIGTERM, and again before killing it "
                    + "(default: ${DEFAULT-VALUE}).")
    long timeout;

    @Override
    public Integer call() {
        if (timeout < 1) {
            throw usage("--timeout must be at least 1");
        }
        Optional<Long> fromFile = PidFile.read(root().pidFile());
        Long pid = fromFile.filter(PidFile::isProvider).orElse(null);
        if (fromFile.isPresent() && pid == null) {
            PidFile.delete(root().pidFile(), fromFile.get()); // stale: its process is gone
        }
        boolean asked;
        try {
            api().shutdown();
            asked = true;
        } catch (ProviderAdminClient.NotRunningException e) {
            if (pid == null) {
                out().println("provider is not running");
                return 0;
            }
            err().println("the provider does not answer at " + api().base() + "; stopping pid " + pid);
            asked = false;
        } catch (CliException e) {
            if (pid == null) {
                throw e;
            }
            err().println("warning: the shutdown request failed (" + e.getMessage() + "); stopping pid " + pid);
            asked = false;
        }
        if (pid != null) {
            stopProcess(pid, asked);
            PidFile.delete(root().pidFile(), pid);
        } else {
            waitUntilSilent();
        }
        out().println("provider stopped");
        return 0;
    }

    private void stopProcess(long pid, boolean asked) {
        ProcessHandle h = ProcessHandle.of(pid).orElse(null);
        if (h == null || !h.isAlive()) {
            return;
        }
        Duration t = Duration.ofSeconds(timeout);
        if (asked && exits(h, t)) {
            return;
        }
        if (asked) {
            err().println("the provider did not exit within " + timeout + " s; sending SIGTERM to pid " + pid);
        }
        h.destroy();
        if (exits(h, t)) {
            return;
        }
        err().println("the provider did not exit within " + timeout + " s of SIGTERM; killing pid " + pid);
        h.destroyForcibly();
        if (!exits(h, Duration.ofSeconds(5))) {
            throw new CliException("pid " + pid + " is still running after SIGKILL");
        }
    }

    private boolean exits(ProcessHandle h, Duration t) {
        try {
            h.onExit().get(t.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !h.isAlive();
        } catch (ExecutionException e) {
            return !h.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
    }

    private void waitUntilSilent() {
        Instant deadline = env().clock().instant().plusSeconds(timeout);
        while (api().health().answers()) {
            if (env().clock().instant().isAfter(deadline)) {
                throw new CliException("the provider at " + api().base() + " was asked to stop but still answers "
                        + "after " + timeout + " s (it was not started with golem-provider start here: no pid "
                        + "file at " + root().pidFile() + ")");
            }
            env().sleep(Duration.ofMillis(200));
        }
    }
}
