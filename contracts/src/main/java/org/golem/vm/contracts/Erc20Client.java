package org.golem.vm.contracts;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The ERC-20 calls a stream needs in token mode (EIP-20): {@code balanceOf}, {@code allowance} and {@code approve},
 * for any standard token (GLM, or the tests' MockERC20). StreamPayment pulls a token deposit with
 * {@code transferFrom}, so the sender approves the contract for the amount first; the original's requestor did the
 * same ("approve if allowance &lt; deposit"). Amounts are in the token's base units.
 */
public final class Erc20Client {
    private final Chain chain;
    private final String token;

    /**
     * @param chain the chain the token is on
     * @param token the token contract, {@code 0x} + 40 hex (not the zero address)
     * @throws IllegalArgumentException for the zero address (native ETH has no ERC-20 contract)
     */
    public Erc20Client(Chain chain, String token) {
        this.chain = Objects.requireNonNull(chain);
        if (new Address(Objects.requireNonNull(token)).toUint().getValue().signum() == 0) {
            throw new IllegalArgumentException("the zero address is native ETH, not an ERC-20 token");
        }
        this.token = Keys.toChecksumAddress(token);
    }

    /** @return the token contract, EIP-55 */
    public String token() {
        return token;
    }

    /**
     * @param owner account, {@code 0x} + 40 hex
     * @return its balance, base units
     * @throws IOException when the node fails or the call reverts (e.g. the address holds no token contract)
     */
    public BigInteger balanceOf(String owner) throws IOException {
        return uint("balanceOf", new Address(owner));
    }

    /**
     * @param owner   the account whose tokens may be spent
     * @param spender the account allowed to spend them (the StreamPayment contract)
     * @return what {@code spender} may still pull from {@code owner}, base units
     * @throws IOException when the node fails or the call reverts
     */
    public BigInteger allowance(String owner, String spender) throws IOException {
        return uint("allowance", new Address(owner), new Address(spender));
    }

    /**
     * {@code approve(spender, amount)} from {@code from}: sets (not adds to) the allowance.
     *
     * @return the receipt
     * @throws ContractRevertException when the token refuses
     * @throws IOException             when the node fails
     */
    public TransactionReceipt approve(Credentials from, String spender, BigInteger amount)
            throws ContractRevertException, IOException {
        return chain.send(from, token, "approve", BigInteger.ZERO, new Address(spender), new Uint256(amount));
    }

    /**
     * Makes sure {@code spender} may pull at least {@code amount} from {@code from}: approves exactly
     * {@code amount} when the allowance is lower, else sends nothing.
     *
     * @return true when an approve transaction was sent
     */
    public boolean ensureAllowance(Credentials from, String spender, BigInteger amount)
            throws ContractRevertException, IOException {
        if (allowance(from.getAddress(), spender).compareTo(amount) >= 0) {
            return false;
        }
        approve(from, spender, amount);
        return true;
    }

    /**
     * {@code mint(to, amount)}, which only test tokens such as MockERC20 offer (anyone may call it there).
     *
     * @throws ContractRevertException when the token has no such function or refuses
     */
    public TransactionReceipt mint(Credentials from, String to, BigInteger amount)
            throws ContractRevertException, IOException {
        return chain.send(from, token, "mint", BigInteger.ZERO, new Address(to), new Uint256(amount));
    }

    @SuppressWarnings("rawtypes")
    private BigInteger uint(String function, Type... args) throws IOException {
        Function f = new Function(function, List.of(args), List.of(new TypeReference<Uint256>() { }));
        EthCall call = chain.web3j().ethCall(Transaction.createEthCallTransaction(null, token,
                FunctionEncoder.encode(f)), DefaultBlockParameterName.LATEST).send();
        if (call.hasError()) {
            throw new IOException(function + " on token " + token + " failed: " + call.getError().getMessage());
        }
        List<Type> out = FunctionReturnDecoder.decode(call.getValue(), f.getOutputParameters());
        if (out.isEmpty()) {
            throw new IOException(function + " on " + token + " returned nothing: is it an ERC-20 token contract?");
        }
        return (BigInteger) out.get(0).getValue();
    }
}
