package org.golem.vm.cli.requestor;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.stream.StreamFigures;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.stream.StreamStatus;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.common.wire.StreamStatusResponse;
import org.golem.vm.common.wire.requestor.PriceEstimate;
import org.golem.vm.common.wire.requestor.ProviderList;
import org.golem.vm.common.wire.requestor.ProviderListing;
import org.golem.vm.common.wire.requestor.RentedVmView;
import org.golem.vm.common.wire.requestor.RequestorInfo;
import org.golem.vm.common.wire.requestor.StreamView;
import org.golem.vm.common.wire.requestor.TopUpView;
import org.golem.vm.common.wire.requestor.VmDetail;

/**
 * Canned answers of the requestor service for the CLI's tests, built from the wire records the service writes (so
 * they have the service's fields in the service's order) and written with the project's mapper.
 */
final class Answers {

    static final String PROVIDER_ID = "0xDd329f6EDf93637634E8862d34c3909d298A7055";
    static final String WALLET = "0x1111111111111111111111111111111111111111";

    /** The VM {@code web1}: running at 2.2.2.2:50022, paid by stream 42. */
    static final RentedVmView VM = new RentedVmView("web1", PROVIDER_ID, "http://2.2.2.2:7466", "web1", "running",
            new Resources(2, 4, 20), "2.2.2.2", 50022, "root", "SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
            BigInteger.valueOf(42), "2025-09-12T10:00:00Z", "2025-09-12T10:04:00Z", null);

    /** Stream 42 of {@link #VM} as the chain has it: native ETH, two hours deposited, one vested. */
    static final StreamState CHAIN = new StreamState(StreamState.ZERO_ADDRESS, WALLET, PROVIDER_ID, 1757671200L,
            1757678400L, new BigInteger("3348554033485"), new BigInteger("24109589041092000"), BigInteger.ZERO, false);

    /** The figures of {@link #CHAIN} an hour after its start. */
    static final StreamFigures FIGURES = new StreamFigures(1757674800L, 3725, new BigInteger("12054794520546000"),
            new BigInteger("12054794520546000"), new BigInteger("12054794520546000"), StreamStatus.ACTIVE);

    /** {@code GET /api/v1/vms/web1}: the VM, its stream and an auto top-up the wallet cannot afford. */
    static final VmDetail DETAIL = new VmDetail(VM, null, new StreamView(BigInteger.valueOf(42), CHAIN, FIGURES),
            new TopUpView(3600, true, false, "wallet balance 0.001 ETH cannot keep 1h 00m of runway"));

    /** {@code GET /api/v1/vms/web1/stream}: the provider's view of stream 42. */
    static final StreamStatusResponse PROVIDER_STREAM = new StreamStatusResponse("web1", BigInteger.valueOf(42), CHAIN,
            FIGURES, true, "ok");

    /** {@code GET /api/v1/info} of a service paying in native ETH on chain 31337. */
    static final RequestorInfo INFO = info("ETH", StreamState.ZERO_ADDRESS);

    private Answers() {
    }

    /**
     * @param symbol the stream token's symbol
     * @param token  the stream token's address
     * @return {@code GET /api/v1/info}
     */
    static RequestorInfo info(String symbol, String token) {
        return new RequestorInfo("test", WALLET, "testnet", "l2.holesky", 31337L, "http://127.0.0.1:8545",
                "0x5FbDB2315678afecb367f032d93F642f64180aa3", token, symbol, "http://127.0.0.1:9001",
                "/home/golem/.golem/requestor", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITest golem-requestor",
                "/home/golem/.golem/requestor/ssh/id_ed25519", "/home/golem/.golem/requestor/ssh/known_hosts");
    }

    /**
     * {@code GET /api/v1/providers} with two providers: {@code alpha} with prices and an estimate for 2 CPU, 4 GiB,
     * 20 GiB, and one without name, platform and prices.
     *
     * @param secondNetwork the payments network of the second provider
     * @return the answer
     */
    static ProviderList providers(String secondNetwork) {
        AdvertisedPricing pricing = new AdvertisedPricing(new BigDecimal("6.0"), new BigDecimal("2.0"),
                new BigDecimal("0.1"), null, null, null, null, null, null, null, null);
        Advertisement alpha = new Advertisement(PROVIDER_ID, "alpha", "2.2.2.2", "SE", "x86_64",
                new Resources(4, 8, 100), pricing, "2025-09-12T10:00:00Z", "2025-09-12T10:04:00Z", 7466, "testnet",
                "l2.holesky", "0x5FbDB2315678afecb367f032d93F642f64180aa3", StreamState.ZERO_ADDRESS);
        PriceEstimate estimate = new PriceEstimate(new BigDecimal("22.0"), new BigDecimal("0.030137"),
                new BigDecimal("0.0088"), new BigInteger("3348554033485"), new BigInteger("12054794520546000"));
        Advertisement other = new Advertisement("0x2222222222222222222222222222222222222222", null, "3.3.3.3", "US",
                null, new Resources(8, 16, 200), null, null, null, 7466, null, secondNetwork, null, null);
        return new ProviderList(List.of(new ProviderListing(alpha, estimate, ProviderListing.CHAIN),
                new ProviderListing(other, null, ProviderListing.CENTRAL)));
    }

    /**
     * @param answer a wire record
     * @return the JSON the service writes for it
     */
    static String json(Object answer) {
        return Json.toJson(answer);
    }
}
