package org.golem.vm.cli.requestor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import org.golem.vm.cli.support.CommandGroup;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.cli.support.JsonOutput;
import org.golem.vm.cli.support.Panel;
import org.golem.vm.common.json.Json;
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
     * {@code golem wallet address [--json]}: from {@code GET /api/v1/info}. JSON:
     * {@code {"address", "network", "payments_network", "chain_id"}}; text: the address alone.
     */
    @Command(name = "address", description = "Show the wallet address (send funds for streams and gas here).")
    static final class Address extends BaseCommand {

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            JsonNode info = root().info();
            if (output.json()) {
                ObjectNode o = Json.mapper().createObjectNode();
                for (String k : new String[] {"address", "network", "payments_network", "chain_id"}) {
                    o.set(k, info.has(k) ? info.get(k) : Json.mapper().nullNode());
                }
                printJson(o);
                return 0;
            }
            out().println(Formats.text(info.get("address")));
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
            JsonNode w = api().wallet();
            if (output.json()) {
                printJson(w);
                return 0;
            }
            Panel f = new Panel().add("Address", Formats.textOrNull(w.get("address")))
                    .add("Balance", Formats.amount(Formats.wei(w.get("balance_wei")), "ETH"));
            BigInteger token = Formats.wei(w.get("token_balance_wei"));
            if (token != null) {
                String sym = Formats.textOrNull(w.get("token_symbol"));
                f.add("Token balance", Formats.amount(token, sym == null ? "tokens" : sym));
                f.add("Token", Formats.textOrNull(w.get("token_address")));
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
            JsonNode r = api().faucet();
            if (output.json()) {
                printJson(r);
                return 0;
            }
            BigInteger funded = Formats.wei(r.get("funded_wei"));
            BigInteger tokens = Formats.wei(r.get("funded_token_wei"));
            String tx = Formats.textOrNull(r.get("tx"));
            out().println((funded == null || funded.signum() == 0
                    ? "No funds were needed for " : "Funded " + Formats.amount(funded, "ETH")
                    + (tokens == null ? "" : " and " + Formats.amount(tokens, symbol())) + " to ")
                    + Formats.text(r.get("address")) + (tx == null ? "." : " (tx " + tx + ")."));
            return 0;
        }
    }
}
