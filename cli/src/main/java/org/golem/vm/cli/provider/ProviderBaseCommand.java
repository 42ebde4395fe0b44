package org.golem.vm.cli.provider;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Supplier;
import org.golem.vm.cli.support.ServiceRefusal;
import org.golem.vm.cli.support.CliCommand;
import org.golem.vm.cli.support.CliException;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.common.money.Wei;
import org.golem.vm.common.wire.admin.ProviderStatus;

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

    ProviderAdminClient api() {
        return root().client();
    }

    /**
     * Runs a request to a route that needs the payments chain: when the provider answers
     * {@code CHAIN_UNAVAILABLE} because payments are switched off there, says so (the original's "Streaming payments
     * are disabled on this provider."), exit 1.
     *
     * @param call the request
     * @param <T>  its answer's record
     * @return its answer
     */
    <T> T payments(Supplier<T> call) {
        try {
            return call.get();
        } catch (ServiceRefusal e) {
            if ("CHAIN_UNAVAILABLE".equals(e.code()) && !paymentsEnabled()) {
                throw new CliException("Streaming payments are disabled on this provider "
                        + "(GOLEM_PROVIDER_PAYMENTS_ENABLED=false).", e);
            }
            throw e;
        }
    }

    /** @return false when the provider's status says payments are disabled */
    boolean paymentsEnabled() {
        ProviderStatus.Payments payments = root().status().payments();
        return payments == null || payments.enabled();
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

    /**
     * @param value a text of an answer, possibly null
     * @return it, or {@code —} when null or empty
     */
    static String text(Object value) {
        return value == null || value.toString().isEmpty() ? "—" : value.toString();
    }

    /**
     * @param token a stream token's address
     * @return true for the zero address, which stands for the chain's native coin (ETH)
     */
    static boolean isNative(String token) {
        return token != null && token.matches("0x0{40}");
    }
}
