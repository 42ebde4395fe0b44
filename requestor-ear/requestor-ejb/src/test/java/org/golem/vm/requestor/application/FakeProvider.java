package org.golem.vm.requestor.application;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.common.wire.CreateVmRequest;
import org.golem.vm.common.wire.PortForward;
import org.golem.vm.common.wire.ImageInfo;
import org.golem.vm.common.wire.ProviderInfo;
import org.golem.vm.common.wire.StreamStatusResponse;
import org.golem.vm.common.wire.VmAccessInfo;
import org.golem.vm.common.wire.VmInfo;
import org.golem.vm.common.wire.VmStatus;
import org.golem.vm.requestor.application.port.ProviderApi;
import org.golem.vm.common.wire.requestor.ProviderListing;
import org.golem.vm.requestor.application.port.ProviderDirectory;
import org.golem.vm.requestor.application.port.ProviderQuery;
import org.golem.vm.requestor.application.port.ProviderRefusedException;

/**
 * One provider, listed by a directory in memory, answering its API in memory: it advertises 4 cores / 8 GiB /
 * 100 GiB free at exact wei prices, takes payments on {@link InMemoryChain#CONTRACT} in native ETH, offers the
 * images debian-12 and micro, and boots a VM at once. Tests change its claims or make it refuse.
 */
final class FakeProvider implements ProviderDirectory, ProviderApi {
    static final String ID = "0x9D12f0AF464A6b5EFd4bbb8679cC205012326019";
    static final String URL = "http://203.0.113.7:7466";
    /** 2 628 000 wei per core-month: with nothing else priced, 1 wei per second per core. */
    static final BigInteger WEI_PER_CORE_MONTH = BigInteger.valueOf(2_628_000);

    String contract = InMemoryChain.CONTRACT;
    String refuseCreate;
    long minRunwaySeconds = 600;
    /** {@code max_ports} of its info (null: not said). */
    Integer maxPorts;
    /** Price per forwarded guest port and month, wei (null: ports free). */
    BigInteger weiPerPortMonth;
    /** The images its {@code /provider/info} offers. */
    List<ImageInfo> images = List.of(new ImageInfo("debian-12", "Debian 12 (bookworm)", 590L, "debian",
            "kernel+initrd+disk", true), new ImageInfo("micro", "BusyBox on the Debian 12 cloud kernel", 17L, "root",
            "kernel+initrd", false));
    final List<CreateVmRequest> created = new ArrayList<>();
    final List<String> deleted = new ArrayList<>();

    private AdvertisedPricing pricing() {
        AdvertisedPricing p = new AdvertisedPricing(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, null, null, null,
                null, null, WEI_PER_CORE_MONTH, BigInteger.ZERO, BigInteger.ZERO);
        return weiPerPortMonth == null ? p : p.withPortPrice(BigDecimal.ONE, weiPerPortMonth);
    }

    @Override
    public String source() {
        return ProviderListing.CENTRAL;
    }

    @Override
    public List<Advertisement> search(ProviderQuery query) {
        return List.of(new Advertisement(ID, "p1", "203.0.113.7", "SE", "x86_64", new Resources(4, 8, 100),
                pricing(), null, null, 7466, null, "local", contract, InMemoryChain.ZERO_TOKEN));
    }

    @Override
    public ProviderInfo info(String providerUrl) {
        return new ProviderInfo(ID, contract, InMemoryChain.ZERO_TOKEN, "203.0.113.7", "SE", "x86_64", pricing(),
                minRunwaySeconds).withOffer(images, maxPorts, null);
    }

    @Override
    public void create(String providerUrl, CreateVmRequest request) throws IOException {
        if (refuseCreate != null) {
            throw new ProviderRefusedException(409, refuseCreate, "cannot create " + request.name());
        }
        created.add(request);
    }

    @Override
    public VmInfo vm(String providerUrl, String name) {
        return new VmInfo(name, name, VmStatus.RUNNING, new Resources(1, 1, 10), "203.0.113.7", 50800, null, null,
                null);
    }

    @Override
    public VmAccessInfo access(String providerUrl, String name) {
        VmAccessInfo access = VmAccessInfo.ready("203.0.113.7", 50800, name, name, "root").withHostKey("SHA256:abc");
        List<Integer> ports = created.stream().filter(c -> c.name().equals(name)).findFirst()
                .map(CreateVmRequest::ports).orElse(List.of());
        List<PortForward> forwards = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            forwards.add(new PortForward(ports.get(i), 50801 + i));
        }
        return access.withPorts(forwards);
    }

    @Override
    public VmInfo stop(String providerUrl, String name) {
        return new VmInfo(name, name, VmStatus.STOPPED, new Resources(1, 1, 10), null, null, null, null, null);
    }

    @Override
    public VmInfo start(String providerUrl, String name) {
        return vm(providerUrl, name);
    }

    @Override
    public void delete(String providerUrl, String name) {
        deleted.add(name);
    }

    @Override
    public StreamStatusResponse stream(String providerUrl, String name) throws IOException {
        throw new IOException("not asked in these tests");
    }
}
