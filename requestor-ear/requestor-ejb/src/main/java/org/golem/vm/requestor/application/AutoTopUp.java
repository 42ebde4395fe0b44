package org.golem.vm.requestor.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.common.net.IoFailures;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.requestor.config.RequestorSettings;
import org.golem.vm.requestor.application.port.Payments;
import org.golem.vm.requestor.application.port.RequestorStore;
import org.golem.vm.requestor.domain.RentedVm;

/**
 * Auto top-up, an EJB interval timer ({@code golem.requestor.topup.interval-seconds}): keeps each running VM's stream
 * at the target runway ({@code topup.target-runway-seconds}, default one hour) by topping it up when its runway falls
 * below {@code topup.below-seconds} (default half the target) with {@code (target − runway) × rate} wei. A stream
 * that is terminated or halted is left alone; when the wallet cannot afford the top-up, the VM's record says so
 * ({@code golem vm info} shows it) instead of failing silently (the original Python requestor topped up terminated
 * streams too and had no budget check).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class AutoTopUp {
    private static final Logger LOG = Logger.getLogger(AutoTopUp.class.getName());
    private static final BigInteger GAS_RESERVE_WEI = BigInteger.valueOf(200_000L * 2_000_000_000L);

    @Resource
    TimerService timers;

    @Inject
    RequestorSettings settings;

    @Inject
    RequestorStore store;

    @Inject
    Payments payments;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void init() {
        long ms = settings.topUpIntervalSeconds() * 1000;
        timers.createIntervalTimer(ms, ms, new TimerConfig("auto-top-up", false));
    }

    @Timeout
    void tick() {
        if (!settings.topUpEnabled() || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            for (RentedVm vm : store.all()) {
                if (RentedVm.RUNNING.equals(vm.status()) && vm.streamId() != null) {
                    check(vm);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "auto top-up tick failed; retried next tick", e);
        } finally {
            running.set(false);
        }
    }

    /** Tops up one VM's stream if it needs it; records what happened on the VM. */
    public void check(RentedVm vm) {
        String message;
        try {
            Payments.Reading r = payments.read(vm.streamId());
            StreamState s = r.state();
            long now = r.chainNow();
            if (s.terminated() || s.halted() || s.nonexistent()) {
                message = "stream " + vm.streamId() + " is " + StreamMath.status(s, now).wire() + ": not topped up";
            } else {
                long runway = StreamMath.remainingSeconds(s, now);
                long target = settings.targetRunwaySeconds();
                if (runway >= settings.topUpBelowSeconds()) {
                    message = null;
                } else {
                    BigInteger amount = StreamMath.topUpWeiForRunway(s, now, target);
                    String shortfall;
                    if (amount.signum() <= 0) {
                        message = null;
                    } else if ((shortfall = payments.funds(s.token()).shortfall(amount, GAS_RESERVE_WEI)) != null) {
                        message = "the wallet cannot afford the top-up to " + target + " s of runway: " + shortfall
                                + "; the VM stops when its " + runway + " s of runway run out";
                        LOG.warning("VM " + vm.name() + ": " + message);
                    } else {
                        payments.topUp(vm.streamId(), s.token(), amount);
                        message = null;
                        LOG.info(() -> "topped up stream " + vm.streamId() + " of VM " + vm.name() + " with " + amount
                                + (s.nativeEth() ? " wei" : " base units of token " + s.token()) + " (runway was "
                                + runway + " s)");
                    }
                }
            }
        } catch (Exception e) {
            message = "last top-up check failed: " + IoFailures.describe(e);
            LOG.warning("VM " + vm.name() + ": " + message);
        }
        String m = message;
        store.update(vm.name(), v -> v.topUpMessage(m));
    }
}
