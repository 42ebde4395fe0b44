package org.golem.vm.contracts;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.golem.vm.contracts.generated.MockERC20;
import org.golem.vm.contracts.generated.ProviderRegistry;
import org.golem.vm.contracts.generated.StreamPayment;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.DynamicGasProvider;

/**
 * Deploys StreamPayment v2 and the ProviderRegistry (and optionally a {@code MockERC20} test token) and describes
 * the result as a
 * {@link Deployment}.
 */
public final class Deployer {

    /** Initial mock-token supply minted to the deployer: 1,000,000 tokens of 18 decimals (as the original). */
    public static final BigInteger DEFAULT_MOCK_MINT = BigInteger.TEN.pow(24);

    private final Chain chain;
    private final Credentials deployer;
    private final ContractGasProvider gas;

    /**
     * @param chain    the chain to deploy to
     * @param deployer the key that pays for and sends the deployment transactions
     */
    public Deployer(Chain chain, Credentials deployer) {
        this.chain = Objects.requireNonNull(chain);
        this.deployer = Objects.requireNonNull(deployer);
        // gas price from eth_gasPrice and gas limit from eth_estimateGas, so it works on any chain
        this.gas = new DynamicGasProvider(chain.web3j());
    }

    /**
     * What to deploy.
     *
     * @param network      name written into the deployment (and the file's base name)
     * @param oracle       address allowed to halt streams; null means the deployer
     * @param token        token address streams should use; null with {@code deployMockToken == false} means native
     *                     ETH
     * @param deployMockToken deploy a {@code MockERC20}, mint {@code mockMintWei} to the deployer and use it as token
     * @param mockMintWei  initial mock supply in token wei
     */
    public record Request(String network, String oracle, String token, boolean deployMockToken,
                          BigInteger mockMintWei) {
        public Request {
            Objects.requireNonNull(network, "network");
            if (!network.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("network name must match [A-Za-z0-9._-]+: " + network);
            }
            if (deployMockToken && token != null) {
                throw new IllegalArgumentException("give either a token address or deployMockToken, not both");
            }
            if (mockMintWei == null) {
                mockMintWei = DEFAULT_MOCK_MINT;
            }
        }
    }

    /**
     * Sends the deployment transactions and waits for their receipts.
     *
     * @return the deployment, not yet written to disk
     * @throws Exception from web3j when a transaction fails or the node is unreachable
     */
    public Deployment deploy(Request request) throws Exception {
        TransactionManager tx = chain.transactionManager(deployer);
        String oracle = request.oracle() == null ? deployer.getAddress() : request.oracle();

        Deployment.MockTokenInfo mock = null;
        String token = request.token() == null ? "0x0000000000000000000000000000000000000000" : request.token();
        if (request.deployMockToken()) {
            MockERC20 erc20 = MockERC20.deploy(chain.web3j(), tx, gas).send();
            TransactionReceipt minted = erc20.mint(deployer.getAddress(), request.mockMintWei()).send();
            requireSuccess(minted, "MockERC20.mint");
            token = erc20.getContractAddress();
            mock = new Deployment.MockTokenInfo(Keys.toChecksumAddress(token),
                    Keys.toChecksumAddress(deployer.getAddress()), request.mockMintWei());
        }

        StreamPayment payment = StreamPayment.deploy(chain.web3j(), tx, gas, oracle).send();
        TransactionReceipt receipt = payment.getTransactionReceipt()
                .orElseThrow(() -> new IllegalStateException("no receipt for the StreamPayment deployment"));
        requireSuccess(receipt, "StreamPayment deployment");

        ProviderRegistry registry = ProviderRegistry.deploy(chain.web3j(), tx, gas).send();
        TransactionReceipt registryReceipt = registry.getTransactionReceipt()
                .orElseThrow(() -> new IllegalStateException("no receipt for the ProviderRegistry deployment"));
        requireSuccess(registryReceipt, "ProviderRegistry deployment");

        return new Deployment(
                request.network(),
                chain.chainId(),
                receipt.getBlockNumber().longValueExact(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                Keys.toChecksumAddress(deployer.getAddress()),
                new Deployment.StreamPaymentInfo(Keys.toChecksumAddress(payment.getContractAddress()),
                        Keys.toChecksumAddress(oracle), Keys.toChecksumAddress(token), 2),
                mock,
                new Deployment.RegistryInfo(Keys.toChecksumAddress(registry.getContractAddress()),
                        registryReceipt.getBlockNumber().longValueExact()));
    }

    private static void requireSuccess(TransactionReceipt receipt, String what) {
        if (!receipt.isStatusOK()) {
            throw new IllegalStateException(what + " failed in transaction " + receipt.getTransactionHash());
        }
    }
}
