package org.golem.vm.discovery.interfaces.rest;

import java.math.BigDecimal;
import java.util.Locale;
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.discovery.domain.SearchQuery;

/**
 * Parses the query string of {@code GET /api/v1/advertisements} into a {@link SearchQuery}. Parameters arrive as
 * strings so that every malformed value is a 4xx with a code, never the container's 404/500:
 * <ul>
 *   <li>{@code cpu}, {@code memory}, {@code storage}: integers; below 1 → 400 {@code ADV_002} (as the original),
 *       not an integer or above 1,000,000 → 422 {@code INVALID_QUERY};</li>
 *   <li>{@code country}: two letters (case-insensitive); {@code platform}, {@code network},
 *       {@code payments_network}: exact match, 1-64 of {@code [A-Za-z0-9._-]};</li>
 *   <li>{@code max_usd_per_month}: a non-negative decimal, the most the resource set may cost per month;</li>
 *   <li>{@code sort}: {@code freshness} (default, newest first) or {@code price} (cheapest first);</li>
 *   <li>{@code limit}: 1 to the maximum page size; {@code offset}: ≥ 0.</li>
 * </ul>
 */
final class SearchParams {

    private static final int MAX_QUANTITY = 1_000_000;
    private static final String NAME = "[A-Za-z0-9._-]{1,64}";

    private SearchParams() {
    }

    static SearchQuery parse(String cpu, String memory, String storage, String country, String platform,
                             String network, String paymentsNetwork, String maxUsd, String sort, String limit,
                             String offset, int defaultPageSize, int maxPageSize) {
        int c = quantity("cpu", cpu);
        int m = quantity("memory", memory);
        int s = quantity("storage", storage);
        String cc = null;
        if (country != null) {
            if (!country.matches("[A-Za-z]{2}")) {
                throw invalid("country must be a two-letter code");
            }
            cc = country.toUpperCase(Locale.ROOT);
        }
        long maxMicros = -1;
        if (maxUsd != null) {
            BigDecimal usd;
            try {
                usd = new BigDecimal(maxUsd);
            } catch (NumberFormatException e) {
                throw invalid("max_usd_per_month must be a decimal number");
            }
            if (usd.signum() < 0 || usd.compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
                throw invalid("max_usd_per_month must be between 0 and 1e9");
            }
            // rounded down: a limit of 10.0000005 admits prices up to 10.000000 (never dearer than asked)
            maxMicros = usd.movePointRight(6).setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        }
        SearchQuery.Sort order = SearchQuery.Sort.FRESHNESS;
        if (sort != null) {
            switch (sort) {
                case "freshness" -> order = SearchQuery.Sort.FRESHNESS;
                case "price" -> order = SearchQuery.Sort.PRICE;
                default -> throw invalid("sort must be 'freshness' or 'price'");
            }
        }
        int lim = integer("limit", limit, defaultPageSize);
        if (lim < 1 || lim > maxPageSize) {
            throw invalid("limit must be 1 to " + maxPageSize);
        }
        int off = integer("offset", offset, 0);
        if (off < 0 || off > 1_000_000) {
            throw invalid("offset must be 0 to 1000000");
        }
        return new SearchQuery(c, m, s, cc, name("platform", platform), name("network", network),
                name("payments_network", paymentsNetwork), maxMicros, order, lim, off);
    }

    private static int quantity(String field, String value) {
        if (value == null) {
            return 0;
        }
        int v = integer(field, value, 0);
        if (v < 1) {
            throw new ApiException(400, "ADV_002", "Resource requirements must be >= 1");
        }
        if (v > MAX_QUANTITY) {
            throw invalid(field + " must be at most " + MAX_QUANTITY);
        }
        return v;
    }

    private static int integer(String field, String value, int absent) {
        if (value == null) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw invalid(field + " must be an integer");
        }
    }

    private static String name(String field, String value) {
        if (value == null) {
            return null;
        }
        if (!value.matches(NAME)) {
            throw invalid(field + " must be 1-64 letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    private static ApiException invalid(String message) {
        return new ApiException(422, "INVALID_QUERY", message);
    }

}
