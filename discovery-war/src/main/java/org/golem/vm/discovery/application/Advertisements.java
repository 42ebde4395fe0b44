package org.golem.vm.discovery.application;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.List;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.json.WireTime;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.common.wire.EgressPolicy;
import org.golem.vm.common.wire.EthereumAddresses;
import org.golem.vm.common.wire.ImageInfo;
import org.golem.vm.discovery.domain.AdvertisementEntity;

/** Mapping between the wire types and the stored advertisement. */
final class Advertisements {
    private static final TypeReference<List<ImageInfo>> IMAGES = new TypeReference<>() {
    };

    private Advertisements() {
    }

    /** Copies a validated request onto the entity. */
    static void apply(AdvertisementRequest r, AdvertisementEntity e) {
        e.setProviderName(r.providerName());
        e.setIpAddress(r.ipAddress());
        e.setApiPort(r.apiPort() == null ? AdvertisementRequest.DEFAULT_API_PORT : r.apiPort());
        e.setCountry(r.country().toUpperCase(java.util.Locale.ROOT));
        e.setPlatform(r.platform());
        e.setNetwork(r.network());
        e.setPaymentsNetwork(r.paymentsNetwork());
        e.setCpu(r.resources().cpu());
        e.setMemoryGib(r.resources().memoryGib());
        e.setStorageGib(r.resources().storageGib());
        AdvertisedPricing p = r.pricing();
        e.setUsdPerCoreMonth(p == null ? null : p.usdPerCoreMonth());
        e.setUsdPerGbRamMonth(p == null ? null : p.usdPerGbRamMonth());
        e.setUsdPerGbStorageMonth(p == null ? null : p.usdPerGbStorageMonth());
        e.setGlmPerCoreMonth(p == null ? null : p.glmPerCoreMonth());
        e.setGlmPerGbRamMonth(p == null ? null : p.glmPerGbRamMonth());
        e.setGlmPerGbStorageMonth(p == null ? null : p.glmPerGbStorageMonth());
        e.setTokenUsdPrice(p == null ? null : p.tokenUsdPrice());
        e.setTokenDecimals(p == null ? null : p.tokenDecimals());
        e.setWeiPerCoreMonth(p == null ? null : p.weiPerCoreMonth());
        e.setWeiPerGbRamMonth(p == null ? null : p.weiPerGbRamMonth());
        e.setWeiPerGbStorageMonth(p == null ? null : p.weiPerGbStorageMonth());
        e.setStreamPaymentAddress(r.streamPaymentAddress() == null ? null
                : EthereumAddresses.checksum(r.streamPaymentAddress()));
        e.setTokenAddress(r.tokenAddress() == null ? null : EthereumAddresses.checksum(r.tokenAddress()));
        e.setImagesJson(r.images().isEmpty() ? null : Json.toJson(r.images()));
        e.setMaxPorts(r.maxPorts());
        e.setEgressJson(r.egress() == null ? null : Json.toJson(r.egress()));
    }

    /** Drops the column's padding zeros (NUMERIC(30,12) reads 5 back as 5.000000000000); the value is unchanged. */
    private static java.math.BigDecimal plain(java.math.BigDecimal v) {
        return v == null ? null : v.stripTrailingZeros();
    }

    /** @return the wire form of a stored advertisement */
    static Advertisement toWire(AdvertisementEntity e) {
        boolean priced = e.getUsdPerCoreMonth() != null || e.getGlmPerCoreMonth() != null
                || e.getWeiPerCoreMonth() != null;
        AdvertisedPricing pricing = !priced ? null : new AdvertisedPricing(plain(e.getUsdPerCoreMonth()),
                plain(e.getUsdPerGbRamMonth()), plain(e.getUsdPerGbStorageMonth()), plain(e.getGlmPerCoreMonth()),
                plain(e.getGlmPerGbRamMonth()), plain(e.getGlmPerGbStorageMonth()), plain(e.getTokenUsdPrice()),
                e.getTokenDecimals(),
                e.getWeiPerCoreMonth(), e.getWeiPerGbRamMonth(), e.getWeiPerGbStorageMonth());
        return new Advertisement(e.getProviderId(), e.getProviderName(), e.getIpAddress(), e.getCountry(),
                e.getPlatform(), new Resources(e.getCpu(), e.getMemoryGib(), e.getStorageGib()), pricing,
                WireTime.format(Instant.ofEpochMilli(e.getCreatedAt())),
                WireTime.format(Instant.ofEpochMilli(e.getUpdatedAt())), e.getApiPort(), e.getNetwork(),
                e.getPaymentsNetwork(), e.getStreamPaymentAddress(), e.getTokenAddress())
                .withOffer(e.getImagesJson() == null ? List.of() : Json.fromJson(e.getImagesJson(), IMAGES),
                        e.getMaxPorts(),
                        e.getEgressJson() == null ? null : Json.fromJson(e.getEgressJson(), EgressPolicy.class));
    }
}
