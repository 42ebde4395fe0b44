package org.golem.vm.requestor.infrastructure;

import com.fasterxml.jackson.core.type.TypeReference;
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

/**
 * Reads provider advertisements from the central discovery service ({@code GET /api/v1/advertisements},
 * spec/discovery.md): filters are passed as query parameters, pages of 1000 are followed until all are read.
 */
public final class DiscoveryClient {
    private static final int PAGE = 1000;

    private final URI base;
    private final GolemHttpClient http = new GolemHttpClient(null);

    /** @param baseUrl e.g. {@code http://127.0.0.1:9001} */
    public DiscoveryClient(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    }

    /**
     * @param filters query parameters (cpu, memory, storage, country, platform, network, payments_network); null
     *                values are left out
     * @return every live advertisement matching
     * @throws IOException when discovery cannot be reached or answers an error (its message included)
     */
    public List<Advertisement> search(Map<String, Object> filters) throws IOException {
        List<Advertisement> out = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            Map<String, Object> q = new LinkedHashMap<>(filters);
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
