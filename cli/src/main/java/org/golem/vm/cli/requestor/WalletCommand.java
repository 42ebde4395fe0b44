package org.golem.vm.cli.requestor;

import java.math.BigInteger;
import org.golem.vm.cli.support.CommandGroup;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.cli.support.JsonOutput;
import org.golem.vm.cli.support.Panel;
import org.golem.vm.common.wire.requestor.FaucetResult;
import org.golem.vm.common.wire.requestor.RequestorInfo;
import org.golem.vm.common.wire.requestor.WalletBalance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code golem wallet}: the service's wallet, which pays for streams and gas. The private key never leaves the
 * service; these commands only read it or ask the faucet.
 */
@Command(name = "wallet",
        description = "Wallet utilities: address, balance, faucet.",
        subcommands = {WalletCommand.Address.class, WalletCommand.Balance.class, WalletCommand.Faucet.class})
final class WalletCommand extends CommandGroup {

    /**
     * What {@code golem wallet address --json} prints: the wallet's part of {@code GET /api/v1/info}.
     *
     * @param address         the wallet address, EIP-55
     * @param network         the discovery network filter, or null
     * @param paymentsNetwork the payments network, e.g. {@code local}
     * @param chainId         the node's chain id, or null while the chain cannot be reached
     */
    record WalletAddress(String address, String network, String paymentsNetwork, Long chainId) {

        /**
         * @param info the service's facts
         * @return the wallet's part of them
         */
        static WalletAddress of(RequestorInfo info) {
            return new WalletAddress(info.address(), info.network(), info.paymentsNetwork(), info.chainId());
        }
    }

    /**
     * {@code golem wallet address [--json]}: from {@code GET /api/v1/info}. JSON:
     * {@code {"address", "network", "payments_network", "chain_id"}}; text: the address alone.
     */
    @Command(name = "address", description = "Show the wallet address (send funds for streams and gas here).")
    static final class Address extends BaseCommand {

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            RequestorInfo info = root().info();
            if (output.json()) {
                printJson(WalletAddress.of(info));
                return 0;
            }
            out().println(Formats.orDash(info.address()));
            return 0;
        }
    }

    /**
     * {@code golem wallet balance [--json]}: {@code GET /api/v1/wallet} → {@code {"address", "balance_wei",
     * "token_address", "token_symbol", "token_balance_wei"}}.
     */
    @Command(name = "balance", description = "Show the wallet's balance.")
    static final class Balance extends BaseCommand {

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            WalletBalance w = api().wallet();
            if (output.json()) {
                printJson(w);
                return 0;
            }
            Panel f = new Panel().add("Address", w.address())
                    .add("Balance", Formats.amount(w.balanceWei(), "ETH"));
            BigInteger token = w.tokenBalanceWei();
            if (token != null) {
                String sym = Formats.orNull(w.tokenSymbol());
                f.add("Token balance", Formats.amount(token, sym == null ? "tokens" : sym));
                f.add("Token", w.tokenAddress());
            }
            f.print(out());
            return 0;
        }
    }

    /**
     * {@code golem wallet faucet [--json]}: {@code POST /api/v1/wallet/faucet} → {@code {"address", "tx",
     * "funded_wei", "funded_token_wei"}} (tokens only when streams pay in a test token); only on the local dev chain
     * (elsewhere {@code FAUCET_DISABLED}, exit 1).
     */
    @Command(name = "faucet", description = "Fund the wallet from the faucet (local development chain only).")
    static final class Faucet extends BaseCommand {

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            FaucetResult r = api().faucet();
            if (output.json()) {
                printJson(r);
                return 0;
            }
            BigInteger funded = r.fundedWei();
            BigInteger tokens = r.fundedTokenWei();
            String tx = Formats.orNull(r.tx());
            out().println((funded == null || funded.signum() == 0
                    ? "No funds were needed for " : "Funded " + Formats.amount(funded, "ETH")
                    + (tokens == null ? "" : " and " + Formats.amount(tokens, symbol())) + " to ")
                    + Formats.orDash(r.address()) + (tx == null ? "." : " (tx " + tx + ")."));
            return 0;
        }
    }
}
