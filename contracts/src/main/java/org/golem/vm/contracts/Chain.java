package org.golem.vm.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * A connection to one EVM chain over JSON-RPC: the web3j client, its chain id, and transaction managers that sign
 * locally with EIP-155 replay protection.
 */
public final class Chain implements AutoCloseable {

    /** How often a sent transaction's receipt is polled, in milliseconds. */
    public static final long RECEIPT_POLL_MILLIS = 250;
    /** How many receipt polls before giving up (with {@link #RECEIPT_POLL_MILLIS}: 2 minutes). */
    public static final int RECEIPT_POLL_ATTEMPTS = 480;

    private final Web3j web3j;
    private final long chainId;
    private final org.web3j.protocol.Web3jService web3jService;

    private Chain(org.web3j.protocol.Web3jService service, Web3j web3j, long chainId) {
        this.web3jService = service;
        this.web3j = web3j;
        this.chainId = chainId;
    }

    /**
     * Connects to a JSON-RPC URL and reads its chain id.
     *
     * @param rpcUrl e.g. {@code http://127.0.0.1:8545}
     * @throws UncheckedIOException when the node does not answer {@code eth_chainId}
     */
    public static Chain connect(String rpcUrl) {
        HttpService service = new HttpService(rpcUrl);
        Web3j web3j = Web3j.build(service);
        try {
            long chainId = web3j.ethChainId().send().getChainId().longValueExact();
            return new Chain(service, web3j, chainId);
        } catch (IOException | RuntimeException e) {
            web3j.shutdown();
            throw new UncheckedIOException(new IOException(
                    "cannot reach JSON-RPC node at " + rpcUrl + ": " + e.getMessage(), e));
        }
    }

    /**
     * A client for a node whose chain id is already known, without contacting it (a service can start while its
     * node is down; every call then fails with an {@link java.io.IOException} until the node answers).
     *
     * @param rpcUrl  e.g. {@code http://127.0.0.1:8545}
     * @param chainId the EIP-155 chain id transactions are signed for
     */
    public static Chain withChainId(String rpcUrl, long chainId) {
        HttpService service = new HttpService(rpcUrl);
        return new Chain(service, Web3j.build(service), chainId);
    }

    /** @return the web3j client */
    public Web3j web3j() {
        return web3j;
    }

    /** @return the EIP-155 chain id */
    public long chainId() {
        return chainId;
    }

    /** @return a transaction manager that signs with {@code credentials} and polls receipts every 250 ms */
    public TransactionManager transactionManager(Credentials credentials) {
        return new RawTransactionManager(web3j, credentials, chainId,
                new PollingTransactionReceiptProcessor(web3j, RECEIPT_POLL_MILLIS, RECEIPT_POLL_ATTEMPTS));
    }

    /**
     * @return the latest block's timestamp in Unix seconds: the chain's "now", which is what vesting uses
     * @throws UncheckedIOException on RPC failure
     */
    public long latestBlockTimestamp() {
        return latestBlock().getTimestamp().longValueExact();
    }

    /**
     * @return the latest block number
     * @throws UncheckedIOException on RPC failure
     */
    public long latestBlockNumber() {
        return latestBlock().getNumber().longValueExact();
    }

    /**
     * @param address {@code 0x} + 40 hex
     * @return the account's balance in wei at the latest block
     * @throws UncheckedIOException on RPC failure
     */
    public BigInteger balance(String address) {
        try {
            return web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
        } catch (IOException e) {
            throw new UncheckedIOException("eth_getBalance failed: " + e.getMessage(), e);
        }
    }

    private EthBlock.Block latestBlock() {
        try {
            return web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock();
        } catch (IOException e) {
            throw new UncheckedIOException("eth_getBlockByNumber failed: " + e.getMessage(), e);
        }
    }

    private static final Pattern REVERT = Pattern.compile("execution reverted:?\\s*(.*)", Pattern.DOTALL);

    /**
     * Sends one contract call and waits for its receipt: estimate (with the value) → sign locally (EIP-155) → send →
     * receipt. A call the contract would refuse fails at the estimate, with its revert reason and no gas spent. Our
     * own path rather than web3j's generated wrappers: web3j 4.13's wrappers estimate gas without the call's value,
     * which makes every payable native-ETH call look like a revert. The gas limit is the estimate plus 25 %; the gas
     * price is the node's {@code eth_gasPrice}.
     *
     * @param from     the account that signs and pays the gas
     * @param to       the contract, {@code 0x} + 40 hex
     * @param function the contract function's name
     * @param valueWei ETH sent with the call, wei
     * @param args     ABI-typed arguments
     * @return the receipt of the mined, successful transaction
     * @throws ContractRevertException when the contract refuses (at the estimate, or mined and failed)
     * @throws IOException             when the node fails, refuses the transaction or does not mine it within
     *                                 {@value #RECEIPT_POLL_ATTEMPTS} polls
     */
    @SuppressWarnings("rawtypes")
    public TransactionReceipt send(Credentials from, String to, String function, BigInteger valueWei, Type... args)
            throws ContractRevertException, IOException {
        String data = FunctionEncoder.encode(new Function(function, Arrays.asList(args),
                List.<TypeReference<?>>of()));
        BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
        EthEstimateGas estimate = web3j.ethEstimateGas(Transaction.createFunctionCallTransaction(
                from.getAddress(), null, null, null, to, valueWei, data)).send();
        if (estimate.hasError()) {
            String message = estimate.getError().getMessage();
            Matcher m = REVERT.matcher(message == null ? "" : message);
            if (m.find()) {
                throw new ContractRevertException(function, m.group(1).trim(), null);
            }
            throw new IOException(function + ": gas estimation failed: " + message);
        }
        BigInteger gasLimit = estimate.getAmountUsed().multiply(BigInteger.valueOf(5)).divide(BigInteger.valueOf(4));
        EthSendTransaction sent = transactionManager(from).sendTransaction(gasPrice, gasLimit, to, data, valueWei);
        if (sent.hasError()) {
            throw new IOException(function + ": transaction refused by the node: " + sent.getError().getMessage());
        }
        TransactionReceipt receipt;
        try {
            receipt = new PollingTransactionReceiptProcessor(web3j, RECEIPT_POLL_MILLIS, RECEIPT_POLL_ATTEMPTS)
                    .waitForTransactionReceipt(sent.getTransactionHash());
        } catch (TransactionException e) {
            throw new IOException(function + ": " + e.getMessage(), e);
        }
        if (!receipt.isStatusOK()) {
            String reason = receipt.getRevertReason() == null ? "" : receipt.getRevertReason();
            throw new ContractRevertException(function, reason, receipt.getTransactionHash());
        }
        return receipt;
    }

    /** Chain id of anvil and other local development chains. */
    public static final long DEV_CHAIN_ID = 31337;

    /**
     * The development chain's faucet: sets an account's balance with {@code anvil_setBalance}. Only on a chain with
     * id {@value #DEV_CHAIN_ID}; real networks have no such call (and their faucets need a captcha).
     *
     * @param address account
     * @param wei     the balance it gets
     * @return true when set, false when this is not a development chain
     * @throws IOException when the node fails or refuses
     */
    public boolean setDevBalance(String address, BigInteger wei) throws IOException {
        if (chainId != DEV_CHAIN_ID) {
            return false;
        }
        org.web3j.protocol.core.Response<?> r = new org.web3j.protocol.core.Request<>("anvil_setBalance",
                java.util.List.of(address, "0x" + wei.toString(16)), web3jService,
                RawResponse.class).send();
        if (r.hasError()) {
            throw new IOException("anvil_setBalance: " + r.getError().getMessage());
        }
        return true;
    }

    /** A JSON-RPC response whose result is not inspected. */
    public static final class RawResponse extends org.web3j.protocol.core.Response<Object> {
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
