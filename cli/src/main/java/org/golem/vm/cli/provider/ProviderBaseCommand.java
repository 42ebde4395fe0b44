package org.golem.vm.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Supplier;
import org.golem.vm.cli.support.ApiException;
import org.golem.vm.cli.support.CliCommand;
import org.golem.vm.cli.support.CliException;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.common.money.Wei;

/**
 * Shared plumbing of the {@code golem-provider} leaf commands beyond {@link CliCommand}: the root options, the
 * admin client, the payments-disabled message and token amounts. A command returns its exit status from
 * {@link #call()}; failures are thrown as {@link CliException} and printed by {@link GolemProviderCli}.
 */
abstract class ProviderBaseCommand extends CliCommand {

    /** @return the root command (global options, client) */
    GolemProviderCli root() {
        return (GolemProviderCli) spec.root().userObject();
    }

    ProviderClient api() {
        return root().client();
    }

    /**
     * Runs a request to a route that needs the payments chain: when the provider answers
     * {@code CHAIN_UNAVAILABLE} because payments are switched off there, says so (the original's "Streaming payments
     * are disabled on this provider."), exit 1.
     *
     * @param call the request
     * @return its answer
     */
    JsonNode payments(Supplier<JsonNode> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            if ("CHAIN_UNAVAILABLE".equals(e.code()) && !paymentsEnabled()) {
                throw new CliException("Streaming payments are disabled on this provider "
                        + "(GOLEM_PROVIDER_PAYMENTS_ENABLED=false).", e);
            }
            throw e;
        }
    }

    /** @return false when the provider's status says payments are disabled */
    boolean paymentsEnabled() {
        return root().status().path("payments").path("enabled").asBoolean(true);
    }

    /**
     * @param baseUnits an amount of the stream token in base units (wei), or null
     * @return it in whole tokens with the provider's symbol and decimals (common's {@link Wei#format}), e.g.
     *         {@code 0.00123 ETH}; {@code —} for null
     */
    String amount(BigInteger baseUnits) {
        if (baseUnits == null) {
            return "—";
        }
        String whole = Wei.format(baseUnits.abs(), root().tokenDecimals());
        BigDecimal v = new BigDecimal(whole);
        return Formats.tokens(baseUnits.signum() < 0 ? v.negate() : v, root().tokenSymbol());
    }

    /** @return {@link #amount(BigInteger)} of a JSON wei value */
    String amount(JsonNode wei) {
        return amount(Formats.wei(wei));
    }
}
