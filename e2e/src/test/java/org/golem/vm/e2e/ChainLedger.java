package org.golem.vm.e2e;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.contracts.Chain;
import org.golem.vm.contracts.StreamPaymentClient;
import org.golem.vm.contracts.generated.StreamPayment;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * One stream's history as the chain tells it, read after the fact: its events (StreamCreated, ToppedUp, Withdraw,
 * Terminated) with their blocks, its stored state, and any account's balance at any block (anvil keeps every
 * block's state while it runs). Nothing here trusts what the demo printed.
 */
final class ChainLedger implements AutoCloseable {

    /** An event of the stream: the block it is in and the amount it moved, in wei. */
    record Move(long block, BigInteger amount) {
    }

    /** The Terminated event: its block, the refund to the sender and the payout to the recipient, in wei. */
    record Termination(long block, BigInteger senderRefund, BigInteger recipientPayout) {
    }

    private final Chain chain;
    private final StreamPaymentClient streams;
    final BigInteger streamId;
    final StreamPayment.StreamCreatedEventResponse created;
    final long createdBlock;
    final List<Move> topUps = new ArrayList<>();
    final List<Move> withdrawals = new ArrayList<>();
    final List<Termination> terminations = new ArrayList<>();

    /**
     * Reads every log of the contract from block 0 to the latest and keeps those of {@code streamId}.
     *
     * @throws AssertionError when the stream was never created
     */
    ChainLedger(String rpcUrl, String contract, BigInteger streamId) throws IOException {
        this.chain = Chain.connect(rpcUrl);
        this.streams = new StreamPaymentClient(chain, contract);
        this.streamId = streamId;
        EthLog logs = chain.web3j().ethGetLogs(new EthFilter(DefaultBlockParameterName.EARLIEST,
                DefaultBlockParameterName.LATEST, contract)).send();
        if (logs.hasError()) {
            throw new IOException("eth_getLogs: " + logs.getError().getMessage());
        }
        StreamPayment.StreamCreatedEventResponse c = null;
        long cBlock = -1;
        for (EthLog.LogResult<?> result : logs.getLogs()) {
            Log log = (Log) result.get();
            String topic = log.getTopics().get(0);
            long block = log.getBlockNumber().longValueExact();
            if (topic.equals(EventEncoder.encode(StreamPayment.STREAMCREATED_EVENT))) {
                var e = StreamPayment.getStreamCreatedEventFromLog(log);
                if (e.streamId.equals(streamId)) {
                    c = e;
                    cBlock = block;
                }
            } else if (topic.equals(EventEncoder.encode(StreamPayment.TOPPEDUP_EVENT))) {
                var e = StreamPayment.getToppedUpEventFromLog(log);
                if (e.streamId.equals(streamId)) {
                    topUps.add(new Move(block, e.amount));
                }
            } else if (topic.equals(EventEncoder.encode(StreamPayment.WITHDRAW_EVENT))) {
                var e = StreamPayment.getWithdrawEventFromLog(log);
                if (e.streamId.equals(streamId)) {
                    withdrawals.add(new Move(block, e.amount));
                }
            } else if (topic.equals(EventEncoder.encode(StreamPayment.TERMINATED_EVENT))) {
                var e = StreamPayment.getTerminatedEventFromLog(log);
                if (e.streamId.equals(streamId)) {
                    terminations.add(new Termination(block, e.senderRefund, e.recipientPayout));
                }
            }
        }
        if (c == null) {
            throw new AssertionError("no StreamCreated event for stream " + streamId + " on " + contract);
        }
        this.created = c;
        this.createdBlock = cBlock;
    }

    /** @return the stream as stored now */
    StreamState stream() throws IOException {
        return streams.stream(streamId);
    }

    /** @return the balance of {@code address} after block {@code block}, in wei */
    BigInteger balance(String address, long block) throws IOException {
        return chain.web3j().ethGetBalance(address, DefaultBlockParameter.valueOf(BigInteger.valueOf(block)))
                .send().getBalance();
    }

    /** @return how block {@code block} changed the balance of {@code address}, in wei */
    BigInteger balanceChange(String address, long block) throws IOException {
        return balance(address, block).subtract(balance(address, block - 1));
    }

    /** @return the block's timestamp, Unix seconds */
    long blockTime(long block) throws IOException {
        return blockOf(block).getTimestamp().longValueExact();
    }

    /** @return the block's base fee per gas, wei (0 when the chain charges none) */
    BigInteger baseFee(long block) throws IOException {
        BigInteger fee = blockOf(block).getBaseFeePerGas();
        return fee == null ? BigInteger.ZERO : fee;
    }

    /** @return how many transactions the block holds */
    int transactionCount(long block) throws IOException {
        return blockOf(block).getTransactions().size();
    }

    private EthBlock.Block blockOf(long block) throws IOException {
        EthBlock.Block b = chain.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)),
                false).send().getBlock();
        if (b == null) {
            throw new IOException("no block " + block);
        }
        return b;
    }

    /** @return the sum of the amounts */
    static BigInteger sum(List<Move> moves) {
        return moves.stream().map(Move::amount).reduce(BigInteger.ZERO, BigInteger::add);
    }

    @Override
    public void close() {
        chain.close();
    }
}
