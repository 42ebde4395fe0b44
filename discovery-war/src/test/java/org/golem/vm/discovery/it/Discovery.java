package org.golem.vm.discovery.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import org.golem.vm.common.auth.RequestSigner;
import org.golem.vm.common.http.GolemHttpClient;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/** Test client of one deployed discovery service: signed and unsigned calls, sample advertisements. */
final class Discovery {
    final URI base;
    private final GolemHttpClient anonymous = new GolemHttpClient(null);

    Discovery(URL deployment) {
        this.base = URI.create(deployment.toString().endsWith("/") ? deployment.toString() : deployment + "/");
    }

    static Credentials newProvider() {
        try {
            return Credentials.create(Keys.createEcKeyPair());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String id(Credentials c) {
        return Keys.toChecksumAddress(c.getAddress());
    }

    /** An advertisement body with USD prices per core / GiB RAM / GiB disk and month. */
    static AdvertisementRequest ad(String country, String platform, int cpu, int mem, int disk, String usdCore,
                                   String usdRam, String usdDisk) {
        AdvertisedPricing pricing = new AdvertisedPricing(new BigDecimal(usdCore), new BigDecimal(usdRam),
                new BigDecimal(usdDisk), null, null, null, new BigDecimal("2000"), 18,
                BigInteger.TEN.pow(15), BigInteger.TEN.pow(14), BigInteger.TEN.pow(13));
        return new AdvertisementRequest("203.0.113.7", country, platform, new Resources(cpu, mem, disk), pricing,
                "provider-" + country, 7466, "testnet", "l2.holesky",
                "0x0281B792b5491E3548c8Fc17C24A2e0Cb99FbeC2", "0x0000000000000000000000000000000000000000");
    }

    GolemHttpClient.Reply publish(Credentials as, AdvertisementRequest body) throws IOException {
        return signed(as).send("POST", base.resolve("api/v1/advertisements"), Json.toJson(body));
    }

    GolemHttpClient.Reply get(String pathAndQuery) throws IOException {
        return anonymous.send("GET", base.resolve(pathAndQuery), null);
    }

    GolemHttpClient.Reply delete(Credentials as, String providerId) throws IOException {
        return signed(as).send("DELETE", base.resolve("api/v1/advertisements/" + providerId), null);
    }

    static GolemHttpClient signed(Credentials as) {
        return new GolemHttpClient(new RequestSigner(as));
    }

    static JsonNode json(GolemHttpClient.Reply r) {
        return Json.tree(r.body());
    }

    static String code(GolemHttpClient.Reply r) {
        return json(r).path("detail").path("code").asText();
    }
}
