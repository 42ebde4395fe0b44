package org.golem.vm.provider.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.provider.config.ProviderSettings;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * A graceful stop of the provider: the operator's {@code POST /api/v1/admin/shutdown} (what
 * {@code golem-provider stop} sends), SIGTERM (a service manager, {@code kill}), SIGINT (Ctrl-C) and SIGHUP.
 *
 * <p>With {@code golem.provider.stop-vms-on-exit} on, every running VM is stopped first and recorded {@code stopped}
 * ("the provider shut down") while the whole provider still runs; disks, SSH ports and stream bindings stay, so a
 * requestor starts its VM again after the next start, paying through the same stream. Off (the default), nothing is
 * stopped: the VMs keep running and the next start re-adopts them.
 *
 * <p>Why the provider takes those signals itself: when the JVM shuts down, Payara Micro's shutdown hook removes the
 * application's data sources before it stops the application (and the JDK resets logging meanwhile), so a
 * {@code @PreDestroy} can neither read nor record the VMs, and failed silently. The handlers installed here (only
 * with the setting on) stop the VMs, then hand the signal to the JVM's own handler, which exits as before (status
 * 128 + the signal's number). A signal that was ignored when the provider started (SIGHUP under {@code nohup}) stays
 * ignored; a second signal while the VMs are being stopped is ignored.
 */
@Singleton
@Startup
@DependsOn("ProviderStartup")
@TransactionManagement(TransactionManagementType.BEAN)
public class ProviderShutdown {
    private static final Logger LOG = Logger.getLogger(ProviderShutdown.class.getName());
    private static final List<String> SIGNALS = List.of("TERM", "INT", "HUP");
    /** Reason recorded on every VM stopped by a graceful stop (the owner sees it as {@code error_message}). */
    public static final String REASON = "the provider shut down";

    @Inject
    ProviderSettings settings;

    @Inject
    VmService vms;

    @Inject
    Advertiser advertiser;

    @Resource
    SessionContext context;

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final AtomicBoolean exiting = new AtomicBoolean();

    @PostConstruct
    void install() {
        if (!settings.stopVmsOnExit()) {
            return;
        }
        ProviderShutdown self = context.getBusinessObject(ProviderShutdown.class);
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            try {
                SignalHandler old = Signal.handle(signal, s -> onSignal(self, s));
                if (old == SignalHandler.SIG_IGN) {
                    Signal.handle(signal, old);
                } else {
                    previous.put(signal, old);
                }
            } catch (IllegalArgumentException e) {
                LOG.warning(() -> "SIG" + name + " cannot be handled here (" + e.getMessage() + "); it ends the "
                        + "provider without stopping its VMs");
            }
        }
        LOG.info(() -> "stop-vms-on-exit: a graceful stop (admin shutdown, SIG" + String.join(", SIG",
                previous.keySet().stream().map(Signal::getName).toList()) + ") stops every VM first");
    }

    /** Puts the JVM's handlers back (the application is undeployed, or the JVM is exiting). */
    @PreDestroy
    void uninstall() {
        previous.forEach(Signal::handle);
        previous.clear();
    }

    /**
     * Stops every running VM when {@code stop-vms-on-exit} is on (see {@link VmService#stopAll}); nothing otherwise.
     *
     * @return the names of the VMs stopped
     */
    public List<String> beforeExit() {
        if (!settings.stopVmsOnExit()) {
            return List.of();
        }
        try {
            List<String> stopped = vms.stopAll(REASON);
            LOG.info(() -> "stop-vms-on-exit: stopped " + stopped.size() + " VM(s) before exiting " + stopped);
            return stopped;
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "stop-vms-on-exit: the VMs could not be stopped; they keep running", e);
            return List.of();
        }
    }

    /**
     * The admin shutdown: after {@code delayMillis} (so the request is answered), stops the VMs as configured
     * ({@link #beforeExit}), then ends the process with status 0.
     *
     * @param delayMillis milliseconds to wait first
     */
    public void exitSoon(long delayMillis) {
        ProviderShutdown self = context.getBusinessObject(ProviderShutdown.class);
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (exiting.compareAndSet(false, true)) {
                self.beforeExit();
            }
            withdrawAdvertisements();
            System.exit(0);
        }, "admin-shutdown");
        t.setDaemon(true);
        t.start();
    }

    /** In the JVM's signal thread, outside any EJB call: the exit below undeploys this application. */
    private void onSignal(ProviderShutdown self, Signal signal) {
        if (!exiting.compareAndSet(false, true)) {
            LOG.info(() -> "SIG" + signal.getName() + " while the provider is stopping; ignored");
            return;
        }
        LOG.warning(() -> "SIG" + signal.getName() + ": the provider stops");
        self.beforeExit();
        withdrawAdvertisements();
        SignalHandler old = previous.get(signal);
        if (old == null || old == SignalHandler.SIG_DFL) {
            Runtime.getRuntime().exit(128 + signal.getNumber());
        } else {
            old.handle(signal);
        }
    }

    /**
     * Withdraws the advertisement from every destination before exiting (bounded; {@link Advertiser#withdrawAll}),
     * while the whole provider still runs. The advertiser's own {@code @PreDestroy} does it too when the application
     * is stopped otherwise; it runs once.
     */
    private void withdrawAdvertisements() {
        try {
            advertiser.withdrawAll();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the advertisement could not be withdrawn before exiting", e);
        }
    }
}
