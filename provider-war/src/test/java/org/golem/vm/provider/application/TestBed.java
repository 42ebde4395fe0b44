package org.golem.vm.provider.application;

import java.nio.file.Path;
import java.util.List;
import org.golem.vm.common.testing.MutableClock;
import org.golem.vm.provider.application.port.Advertising;

/**
 * The provider's use cases wired by hand against in-memory adapters (no container): a repository, a chain, SSH ports,
 * a hypervisor, two advertising destinations, settings under a temporary data directory and a clock the test
 * moves. Timers are never scheduled;
 * tests call the work a tick would do.
 */
final class TestBed {
    /** Wall clock start: 2023-11-14T22:13:20Z, epoch seconds. */
    static final long START = 1_700_000_000L;

    final MutableClock clock = new MutableClock(START);
    final TestSettings settings;
    final InMemoryVmRepository store = new InMemoryVmRepository();
    final FakeChain chain = new FakeChain();
    final FakeSshPorts ports = new FakeSshPorts(50800, 50802);
    final FakeHypervisor hypervisor = new FakeHypervisor();
    final RecordingEvent<ProviderChanged> changed = new RecordingEvent<>();
    final PricingService pricing = new PricingService();
    final VmService vms = new VmService();
    final StreamMonitor monitor;
    final AutoWithdraw autoWithdraw;
    final Payouts payouts = new Payouts();
    final EarningsService earnings = new EarningsService();
    final OperatorSettingsService operatorSettings = new OperatorSettingsService();
    final ProviderOverview overview = new ProviderOverview();
    final VmOffer offer = new VmOffer();
    final FakeAdvertising central = new FakeAdvertising(Advertising.CENTRAL);
    final FakeAdvertising onChain = new FakeAdvertising(Advertising.CHAIN);
    final Advertiser advertiser = new Advertiser();
    int reschedules;

    TestBed(Path dataDir) {
        settings = new TestSettings(dataDir);
        PeriodicTask monitorTask = new PeriodicTask("stream-monitor", settings::monitorIntervalSeconds, clock);
        PeriodicTask withdrawTask = new PeriodicTask("auto-withdraw", settings::withdrawIntervalSeconds, clock);
        monitor = new StreamMonitor() {
            @Override
            public PeriodicTask task() {
                return monitorTask;
            }

            @Override
            public void reschedule() {
                reschedules++;
            }
        };
        autoWithdraw = new AutoWithdraw() {
            @Override
            public PeriodicTask task() {
                return withdrawTask;
            }

            @Override
            public void reschedule() {
                reschedules++;
            }
        };
        pricing.settings = settings;

        vms.store = store;
        vms.hypervisor = hypervisor;
        vms.chain = chain;
        vms.ports = ports;
        vms.clock = clock;
        vms.pricing = pricing;
        vms.settings = settings;
        vms.changed = changed;

        monitor.settings = settings;
        monitor.store = store;
        monitor.vms = vms;
        monitor.chain = chain;
        monitor.clock = clock;

        payouts.store = store;
        payouts.chain = chain;
        payouts.clock = clock;
        payouts.settings = settings;

        earnings.store = store;
        earnings.chain = chain;
        earnings.payouts = payouts;
        earnings.settings = settings;

        operatorSettings.settings = settings;
        operatorSettings.pricing = pricing;
        operatorSettings.monitor = monitor;
        operatorSettings.autoWithdraw = autoWithdraw;
        operatorSettings.changed = changed;

        overview.settings = settings;
        overview.chain = chain;
        overview.store = store;
        overview.ports = ports;
        overview.hypervisor = hypervisor;
        overview.vms = vms;
        overview.pricing = pricing;
        overview.monitor = monitor;
        overview.autoWithdraw = autoWithdraw;
        overview.clock = clock;
        overview.advertiser = advertiser;
        advertiser.settings = settings;
        advertiser.vms = vms;
        advertiser.pricing = pricing;
        advertiser.chain = chain;
        advertiser.clock = clock;
        advertiser.offer = offer;
        advertiser.fixedAdapters = List.of(central, onChain);
        overview.offer = offer;
        offer.hypervisor = hypervisor;
        offer.settings = settings;
    }
}
