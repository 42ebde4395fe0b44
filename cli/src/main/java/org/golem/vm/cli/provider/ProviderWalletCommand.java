package org.golem.vm.cli.provider;

import java.math.BigInteger;
import org.golem.vm.cli.support.ServiceRefusal;
import org.golem.vm.cli.support.CliException;
import org.golem.vm.cli.support.CommandGroup;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.cli.support.JsonOutput;
import org.golem.vm.cli.support.Panel;
import org.golem.vm.common.wire.admin.FaucetResult;
import org.golem.vm.common.wire.admin.Wallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code golem-provider wallet address|balance|faucet}: the provider's own wallet — the address streams must pay
 * (its provider id) and the balance that pays the gas of withdrawals. The key never leaves the provider.
 */
@Command(name = "wallet",
        description = "The provider's wallet: address, balance, faucet.",
        subcommands = {ProviderWalletCommand.Address.class, ProviderWalletCommand.Balance.class,
                ProviderWalletCommand.Faucet.class})
final class ProviderWalletCommand extends CommandGroup {

    /**
     * {@code golem-provider wallet address [--json]}: the provider id from the public
     * {@code GET /api/v1/provider/info} (no chain access needed). JSON {@code {"address"}}; text: the address alone.
     */
    @Command(name = "address", description = "Show the provider's address (streams pay it; fund it for gas).")
    static final class Address extends ProviderBaseCommand {

        /**
         * The {@code --json} answer.
         *
         * @param address the provider's address, EIP-55
         */
        record AddressOutput(String address) {
        }

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            String address = api().providerInfo().providerId();
            if (address == null || address.isEmpty()) {
                throw new CliException("the provider at " + api().base() + " did not give its address");
            }
            if (output.json()) {
                printJson(new AddressOutput(address));
                return 0;
            }
            out().println(address);
            return 0;
        }
    }

    /**
     * {@code golem-provider wallet balance [--json]}: {@code GET /api/v1/admin/wallet} →
     * {@code {"address", "balance_wei", "token_symbol"}} (the chain's native balance, which pays gas).
     */
    @Command(name = "balance", description = "Show the provider's balance (it pays the gas of withdrawals).")
    static final class Balance extends ProviderBaseCommand {

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            Wallet w = payments(() -> api().wallet());
            if (output.json()) {
                printJson(w);
                return 0;
            }
            BigInteger balance = w.balanceWei();
            new Panel().add("Address", w.address())
                    .add("Balance", Formats.amount(balance, "ETH")
                            + (balance != null && balance.signum() == 0 ? " (withdrawals need gas: fund this address)"
                            : ""))
                    .print(out());
            return 0;
        }
    }

    /**
     * {@code golem-provider wallet faucet [--json]} (also {@code faucet-l2}, the original's name):
     * {@code POST /api/v1/admin/wallet/faucet} → {@code {"address", "funded_wei"}}; only on the local development
     * chain, elsewhere the provider answers {@code FAUCET_DISABLED} (exit 1).
     */
    @Command(name = "faucet", aliases = "faucet-l2",
            description = "Fund the provider's address for gas (local development chain only).")
    static final class Faucet extends ProviderBaseCommand {

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            FaucetResult r;
            try {
                r = payments(() -> api().faucet());
            } catch (ServiceRefusal e) {
                if ("FAUCET_DISABLED".equals(e.code())) {
                    throw new ServiceRefusal(e.status(), e.code(), e.detailMessage() + "; fund the provider's address "
                            + "(golem-provider wallet address) from a wallet of your own");
                }
                throw e;
            }
            if (output.json()) {
                printJson(r);
                return 0;
            }
            out().println("Funded " + Formats.amount(r.fundedWei(), "ETH") + " to " + text(r.address()) + ".");
            return 0;
        }
    }
}
