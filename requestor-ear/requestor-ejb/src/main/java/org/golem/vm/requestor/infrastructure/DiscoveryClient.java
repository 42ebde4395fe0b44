package org.golem.vm.requestor.infrastructure;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.golem.vm.common.http.GolemHttpClient;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.net.IoFailures;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.common.wire.requestor.ProviderListing;
import org.golem.vm.requestor.application.port.ProviderDirectory;
import org.golem.vm.requestor.application.port.ProviderQuery;
import org.golem.vm.requestor.config.RequestorSettings;

/**
 * The provider directory served by the central discovery service ({@code GET /api/v1/advertisements}, see
 * docs/discovery-api.md): filters are passed as query parameters, pages of 1000 are followed until all are read.
 */
@ApplicationScoped
public class DiscoveryClient implements ProviderDirectory {
    private static final int PAGE = 1000;

    private final GolemHttpClient http = new GolemHttpClient(null);

    @Inject
    RequestorSettings settings;

    @Override
    public String source() {
        return ProviderListing.CENTRAL;
    }

    /** @return true when {@code golem.requestor.discovery-url} is set (it has a default) */
    @Override
    public boolean configured() {
        return settings.raw("discovery-url").filter(v -> !v.isBlank()).isPresent();
    }

    /**
     * @param filters the filters (cpu, memory, storage, country, platform, payments_network, network); null ones are
     *              left out
     * @return every live advertisement matching
     * @throws IOException when discovery cannot be reached or answers an error (its message included)
     */
    @Override
    public List<Advertisement> search(ProviderQuery filters) throws IOException {
        String url = settings.discoveryUrl();
        URI base = URI.create(url.endsWith("/") ? url : url + "/");
        List<Advertisement> out = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("cpu", filters.cpu());
            q.put("memory", filters.memory());
            q.put("storage", filters.storage());
            q.put("country", filters.country());
            q.put("platform", filters.platform());
            q.put("payments_network", filters.paymentsNetwork());
            q.put("network", filters.network());
            q.put("limit", PAGE);
            q.put("offset", offset);
            StringBuilder query = new StringBuilder();
            q.forEach((k, v) -> {
                if (v != null) {
                    query.append(query.length() == 0 ? "?" : "&").append(k).append('=')
                            .append(URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
                }
            });
            GolemHttpClient.Reply r;
            try {
                r = http.send("GET", base.resolve("api/v1/advertisements" + query), null);
            } catch (IOException e) {
                throw new IOException("discovery service at " + base + " cannot be reached ("
                    + IoFailures.describe(e) + ")", e);
            }
            if (r.status() != 200) {
                throw new IOException("discovery service answered " + r.status() + ": " + r.body());
            }
            List<Advertisement> page = Json.fromJson(r.body(), new TypeReference<List<Advertisement>>() { });
            out.addAll(page);
            if (page.size() < PAGE) {
                return out;
            }
        }
    }
}
