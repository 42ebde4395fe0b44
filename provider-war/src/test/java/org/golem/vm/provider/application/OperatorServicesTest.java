package org.golem.vm.provider.application;

import static org.golem.vm.provider.application.VmServiceTest.ALICE;
import static org.golem.vm.provider.application.VmServiceTest.KEY;
import static org.golem.vm.provider.application.VmServiceTest.SMALL;
import static org.golem.vm.provider.application.VmServiceTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.golem.vm.common.error.Refusal;
import org.golem.vm.common.wire.CreateVmRequest;
import org.golem.vm.common.wire.EgressPolicy;
import org.golem.vm.common.wire.admin.Earnings;
import org.golem.vm.common.wire.admin.MonitorChange;
import org.golem.vm.common.wire.admin.OperatorVms;
import org.golem.vm.common.wire.admin.PricingChange;
import org.golem.vm.common.wire.admin.ProviderStatus;
import org.golem.vm.common.wire.admin.WithdrawChange;
import org.golem.vm.common.wire.admin.WithdrawResults;
import org.golem.vm.common.wire.admin.WithdrawTarget;
import org.golem.vm.provider.domain.Withdrawal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's services (earnings and withdrawals, live settings, the overview) against in-memory adapters: what
 * the admin API answers, in wei, and its refusals with their codes.
 */
class OperatorServicesTest {
    private static final BigInteger STREAM = BigInteger.valueOf(42);

    @TempDir
    Path dataDir;

    private TestBed bed;
    private BigInteger rate;

    @BeforeEach
    void setUp() {
        bed = new TestBed(dataDir);
        rate = bed.pricing.requiredRateWei(SMALL);
        long now = bed.chain.chainTime;
        bed.chain.stream(STREAM, ALICE, rate, now, now + 3600);
        bed.vms.create(ALICE, CreateVmRequest.of("web", SMALL, KEY, STREAM), false);
    }

    @Test
    void withdrawingAVmsStreamPaysWhatVestedInWeiAndRecordsIt() {
        bed.chain.chainTime += 100;
        bed.clock.advance(100);

        WithdrawResults r = bed.earnings.withdraw(new WithdrawTarget(null, null, "web"));

        BigInteger expected = rate.multiply(BigInteger.valueOf(100));
        assertEquals(List.of(new WithdrawResults.Result(STREAM, "web", expected, "0xtx1", null)), r.results());
        Withdrawal w = bed.store.withdrawals().get(0);
        assertEquals(expected, w.amountWei());
        assertEquals(Withdrawal.MANUAL, w.origin());
        assertEquals((TestBed.START + 100) * 1000, w.createdAt());
    }

    @Test
    void earningsSumEveryStreamAtTheChainsTime() {
        bed.chain.chainTime += 60;
        bed.earnings.withdraw(new WithdrawTarget(true, null, null));
        bed.chain.chainTime += 40;

        Earnings e = bed.earnings.earnings();

        BigInteger perSecond = rate;
        assertEquals(new Earnings.Totals(perSecond.multiply(BigInteger.valueOf(100)),
                perSecond.multiply(BigInteger.valueOf(60)), perSecond.multiply(BigInteger.valueOf(40))), e.totals());
        assertEquals(bed.chain.chainTime, e.chainTime());
        assertEquals("web", e.streams().get(0).vmId());
        assertEquals("active", e.streams().get(0).status());
        assertEquals(1, e.withdrawals().size());
        assertEquals(perSecond.multiply(BigInteger.valueOf(60)), e.withdrawals().get(0).amountWei());
    }

    @Test
    void withdrawRefusalsCarryTheirCodes() {
        refused(Refusal.NOT_FOUND, "NO_STREAM", () -> bed.earnings.withdraw(new WithdrawTarget(null, null, "nope")));
        refused(Refusal.UNPROCESSABLE, "VALIDATION_ERROR",
                () -> bed.earnings.withdraw(new WithdrawTarget(null, null, null)));
        refused(Refusal.UNPROCESSABLE, "VALIDATION_ERROR",
                () -> bed.earnings.withdraw(new WithdrawTarget(null, BigInteger.valueOf(-1), null)));
        bed.chain.down = true;
        refused(Refusal.UNAVAILABLE, "CHAIN_UNAVAILABLE",
                () -> bed.earnings.withdraw(new WithdrawTarget(true, null, null)));
        assertTrue(bed.store.withdrawals().isEmpty());
    }

    @Test
    void theFaucetFundsTenEthOnADevelopmentChainOnly() {
        assertEquals(BigInteger.TEN.pow(19), bed.earnings.faucet().fundedWei());
        assertEquals(BigInteger.TEN.pow(19), bed.earnings.wallet().balanceWei());

        bed.chain.devChain = false;
        refused(Refusal.CONFLICT, "FAUCET_DISABLED", bed.earnings::faucet);
        bed.chain.down = true;
        refused(Refusal.UNAVAILABLE, "CHAIN_UNAVAILABLE", bed.earnings::wallet);
    }

    @Test
    void aMonitorChangeOutOfRangeChangesNothingAValidOneAppliesAtOnce() {
        refused(Refusal.UNPROCESSABLE, "VALIDATION_ERROR",
                () -> bed.operatorSettings.changeMonitor(new MonitorChange(false, 0L, null, null)));
        assertTrue(bed.operatorSettings.monitorSettings().enabled(), "nothing persisted");
        assertEquals(0, bed.reschedules);

        bed.operatorSettings.changeMonitor(new MonitorChange(null, 45L, null, 600L));

        assertEquals(45, bed.operatorSettings.monitorSettings().intervalSeconds());
        assertEquals(600, bed.operatorSettings.monitorSettings().minRunwaySeconds());
        assertEquals(2, bed.reschedules, "the monitor and auto-withdraw re-read their intervals");
    }

    @Test
    void withdrawAndPricingChangesArePersistedAndNewPricesAdvertised() {
        bed.operatorSettings.changeWithdraw(new WithdrawChange(false, null, new BigInteger("1000000000000000")));
        assertEquals(new BigInteger("1000000000000000"), bed.operatorSettings.withdrawSettings().minWei());
        assertEquals(false, bed.operatorSettings.withdrawSettings().enabled());
        int before = bed.changed.fired.size();

        bed.operatorSettings.changePricing(new PricingChange(new BigDecimal("7.5"), null, null, null));

        assertEquals(0, new BigDecimal("7.5").compareTo(bed.pricing.usd().usdPerCoreMonth()));
        assertEquals(before + 1, bed.changed.fired.size(), "prices changed: re-advertise");
        refused(Refusal.UNPROCESSABLE, "VALIDATION_ERROR", () -> bed.operatorSettings
                .changePricing(new PricingChange(new BigDecimal("-1"), null, null, null)));
    }

    @Test
    void theOverviewShowsUptimeRunwayAndTheChainsState() {
        bed.clock.advance(30);
        bed.chain.chainTime += 600;

        OperatorVms.Vm vm = bed.overview.vmsForOperator().vms().get(0);
        assertEquals(30L, vm.uptimeSeconds());
        assertEquals(3000L, vm.runwaySeconds());
        assertEquals(50800, vm.sshPort());

        ProviderStatus status = bed.overview.status();
        assertEquals(FakeChain.PROVIDER, status.providerId());
        assertTrue(status.payments().chainOk());
        assertEquals(bed.chain.chainTime, status.payments().chainTime());
        assertNull(status.payments().chainError());
        assertEquals(Map.of("running", 1L), status.vms());

        bed.chain.down = true;
        ProviderStatus down = bed.overview.status();
        assertEquals(false, down.payments().chainOk());
        assertNull(down.payments().chainTime());
        assertEquals("connection refused", down.payments().chainError());
        assertNull(bed.overview.vmsForOperator().vms().get(0).runwaySeconds(), "runway unknown");
    }

    @Test
    void theAdvertisedEgressPolicyFollowsTheSettingsAndABadOneIsNamed() {
        assertEquals(new EgressPolicy("open", null), bed.settings.egress().advertised(), "the default");
        bed.settings.with("egress", "allow-list").with("egress.allow", "Deb.Debian.org:80,192.0.2.0/24");
        assertEquals(new EgressPolicy("allow-list", List.of("deb.debian.org:80", "192.0.2.0/24")),
                bed.settings.egress().advertised());
        bed.settings.with("egress", "closed");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bed.settings.egress());
        assertEquals("setting golem.provider.egress / golem.provider.egress.allow: egress policy must be open, none "
                + "or allow-list, got 'closed'", e.getMessage());
    }
}
