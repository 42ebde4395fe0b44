package org.golem.vm.requestor.application.port;

/**
 * What a provider search asks for; null fields are not filtered on.
 *
 * @param cpu             minimum free cores
 * @param memory          minimum free GiB RAM
 * @param storage         minimum free GiB disk
 * @param country         ISO country code
 * @param platform        e.g. {@code x86_64}
 * @param paymentsNetwork the payments network providers must accept
 * @param network         the discovery network
 */
public record ProviderQuery(Integer cpu, Integer memory, Integer storage, String country, String platform,
                            String paymentsNetwork, String network) {

    /** A query without filters: every live provider. */
    public static final ProviderQuery ANY = new ProviderQuery(null, null, null, null, null, null, null);
}
