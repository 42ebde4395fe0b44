// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @dev The two ERC-20 calls the stream needs.
interface IERC20Transfers {
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// @title StreamPayment v2: pay-per-second escrow between a sender (requestor) and a recipient (provider).
/// @notice EIP-1620-style money stream, ABI-compatible with the original VM-on-Golem deployment: the same
/// functions, events, `streams(uint256)` tuple and revert strings wherever behaviour is unchanged
/// (see docs/contracts.md). A stream pays either native ETH (`token == address(0)`) or an ERC-20 token.
///
/// Changes from the original (v1), each covered by a test that fails on v1:
///  1. `terminate` ends vesting at the termination time: `stopTime` is clamped to `block.timestamp`,
///     `recipient` is zeroed (the original "gone" marker) while `sender` stays, and `withdrawn` becomes everything
///     the recipient received, so `streams(id)` reads as closed (recipient 0, sender set, stopTime <= now).
///  2. `topUp` of a stream whose `stopTime` has passed does not back-charge the idle gap: `startTime` moves forward
///     by the gap, so vesting resumes from the top-up and `stopTime - now` is the true runway.
///  3. Payouts in `terminate` never revert because the other party cannot receive: a failed transfer is
///     credited to `pendingPayouts[token][account]` and claimed later with `claimPending` (pull payment).
///  4. ERC-20-mode calls that carry ETH revert (`"value != 0"`) instead of trapping it.
///  5. Every function that moves funds is guarded against re-entry (`"reentrant"`).
/// The oracle's `haltStream` semantics are unchanged.
contract StreamPayment {
    struct Stream {
        address token; // ERC-20 token, or address(0) for native ETH
        address sender; // payer (requestor)
        address recipient; // payee (provider); address(0) once terminated
        uint128 startTime; // vesting counts from here (moved forward by the idle gap on a late top-up)
        uint128 stopTime; // vesting stops here (clamped by halt and terminate)
        uint128 ratePerSecond; // wei per second
        uint256 deposit; // wei ever paid in; deposit >= (stopTime - startTime) * ratePerSecond
        uint256 withdrawn; // wei paid (or owed, after terminate) to the recipient
        bool halted; // set by the oracle, never cleared
    }

    /// @notice The only account that may halt streams; fixed at deployment.
    address public immutable oracle;
    /// @notice The last stream id issued; the first stream gets id 1.
    uint256 public nextStreamId;
    /// @notice Streams by id. Unknown ids read back as all zeros.
    mapping(uint256 => Stream) public streams;
    /// @notice Wei owed to an account after a payout to it failed during `terminate`, by token then account.
    mapping(address => mapping(address => uint256)) public pendingPayouts;

    /// @dev Gas forwarded with a pushed ETH payout in `terminate`: enough for a contract wallet's `receive`,
    /// too little for a receiver to burn the caller's gas. A payout that fails is kept in `pendingPayouts`.
    uint256 private constant PUSH_GAS = 50_000;
    /// @dev Gas forwarded with a pushed token payout in `terminate` (an ERC-20 transfer needs 30-60 k).
    uint256 private constant TOKEN_PUSH_GAS = 100_000;
    /// @dev Gas kept back for recording a deferred payout and finishing `terminate`.
    uint256 private constant PAYOUT_RESERVE = 80_000;

    uint256 private constant UNLOCKED = 1;
    uint256 private constant LOCKED = 2;
    uint256 private lock = UNLOCKED;

    event StreamCreated(
        uint256 indexed streamId,
        address indexed sender,
        address indexed recipient,
        address token,
        uint256 deposit,
        uint256 ratePerSecond,
        uint256 startTime,
        uint256 stopTime
    );
    event Withdraw(uint256 indexed streamId, address indexed recipient, uint256 amount);
    event Terminated(uint256 indexed streamId, uint256 senderRefund, uint256 recipientPayout);
    event Halted(uint256 indexed streamId);
    event ToppedUp(uint256 indexed streamId, uint256 amount, uint128 newStopTime);
    /// @notice A payout of `amount` to `account` failed and was kept for `claimPending` (v2).
    event PayoutDeferred(uint256 indexed streamId, address indexed account, address indexed token, uint256 amount);
    /// @notice `account` claimed `amount` of deferred payouts, sent to `to` (v2).
    event PayoutClaimed(address indexed account, address indexed token, address to, uint256 amount);

    modifier nonReentrant() {
        require(lock == UNLOCKED, "reentrant");
        lock = LOCKED;
        _;
        lock = UNLOCKED;
    }

    constructor(address _oracle) {
        require(_oracle != address(0), "oracle=0");
        oracle = _oracle;
    }

    /// @notice Contract version: 2. The original deployment has no such function.
    function version() external pure returns (uint256) {
        return 2;
    }

    /// @notice Opens a stream paying `ratePerSecond` wei per second to `recipient` for floor(deposit / rate) seconds.
    /// In ETH mode `msg.value` must equal `deposit`; in ERC-20 mode the contract pulls `deposit` with `transferFrom`
    /// and `msg.value` must be 0.
    function createStream(address token, address recipient, uint256 deposit, uint128 ratePerSecond)
        external
        payable
        nonReentrant
        returns (uint256 streamId)
    {
        require(recipient != address(0), "recipient=0");
        require(deposit > 0, "deposit=0");
        require(ratePerSecond > 0, "rate=0");
        uint256 duration = deposit / ratePerSecond;
        require(duration > 0, "duration=0");
        require(duration <= type(uint128).max - block.timestamp, "duration overflow");
        uint128 start = uint128(block.timestamp);
        uint128 stop = start + uint128(duration);

        _collect(token, deposit, "value != deposit");

        streamId = ++nextStreamId;
        streams[streamId] = Stream({
            token: token,
            sender: msg.sender,
            recipient: recipient,
            startTime: start,
            stopTime: stop,
            ratePerSecond: ratePerSecond,
            deposit: deposit,
            withdrawn: 0,
            halted: false
        });
        emit StreamCreated(streamId, msg.sender, recipient, token, deposit, ratePerSecond, start, stop);
    }

    /// @notice Pays the recipient everything vested and not yet withdrawn. Allowed while halted.
    function withdraw(uint256 streamId) external nonReentrant {
        Stream storage s = streams[streamId];
        address recipient = s.recipient;
        require(recipient != address(0), "no-stream");
        require(msg.sender == recipient, "not recipient");
        uint256 amount = _vested(s) - s.withdrawn;
        require(amount > 0, "nothing to withdraw");
        s.withdrawn += amount;
        if (s.token == address(0)) {
            (bool ok,) = payable(recipient).call{value: amount}("");
            require(ok, "eth transfer failed");
        } else {
            require(IERC20Transfers(s.token).transfer(recipient, amount), "transfer failed");
        }
        emit Withdraw(streamId, recipient, amount);
    }

    /// @notice Closes the stream: the recipient gets what vested and was not withdrawn, the sender the rest.
    /// Either party may call it at any time. Vesting ends now; a payout that fails is kept in `pendingPayouts`.
    function terminate(uint256 streamId) external nonReentrant {
        Stream storage s = streams[streamId];
        address recipient = s.recipient;
        require(recipient != address(0), "no-stream");
        address sender = s.sender;
        require(msg.sender == sender || msg.sender == recipient, "not authorized");

        uint256 vested = _vested(s);
        uint256 owed = vested - s.withdrawn;
        uint256 refund = s.deposit - vested;

        s.recipient = address(0);
        if (s.stopTime > block.timestamp) {
            s.stopTime = uint128(block.timestamp);
        }
        s.withdrawn = vested;

        address token = s.token;
        if (owed > 0) _payout(streamId, token, recipient, owed);
        if (refund > 0) _payout(streamId, token, sender, refund);
        emit Terminated(streamId, refund, owed);
    }

    /// @notice Oracle only: freezes vesting at the current time. Halted streams cannot be topped up but can be
    /// withdrawn from and terminated. Halting an already halted stream does nothing.
    function haltStream(uint256 streamId) external {
        require(msg.sender == oracle, "not oracle");
        Stream storage s = streams[streamId];
        require(s.recipient != address(0), "no-stream");
        if (s.halted) return;
        s.halted = true;
        if (s.stopTime > block.timestamp) {
            s.stopTime = uint128(block.timestamp);
        }
        emit Halted(streamId);
    }

    /// @notice Sender only: adds `amount` wei to the deposit and extends `stopTime` by floor(amount / rate)
    /// seconds from max(stopTime, now). If the stream had run out, vesting resumes from now (the idle gap is not
    /// charged).
    function topUp(uint256 streamId, uint256 amount) external payable nonReentrant {
        Stream storage s = streams[streamId];
        require(s.recipient != address(0), "no-stream");
        require(!s.halted, "halted");
        require(msg.sender == s.sender, "not sender");
        require(amount > 0, "amount=0");

        _collect(s.token, amount, "value != amount");

        uint256 delta = amount / s.ratePerSecond;
        require(delta > 0, "delta=0");
        if (block.timestamp > s.stopTime) {
            s.startTime += uint128(block.timestamp - s.stopTime);
            s.stopTime = uint128(block.timestamp);
        }
        uint256 newStop = uint256(s.stopTime) + delta;
        require(newStop <= type(uint128).max, "duration overflow");
        s.deposit += amount;
        s.stopTime = uint128(newStop);
        emit ToppedUp(streamId, amount, uint128(newStop));
    }

    /// @notice Sends the caller's deferred payouts in `token` (address(0) for ETH) to `to`, which may differ from
    /// the caller so that a contract that cannot receive ETH can still recover its funds.
    function claimPending(address token, address to) external nonReentrant {
        require(to != address(0), "to=0");
        uint256 amount = pendingPayouts[token][msg.sender];
        require(amount > 0, "nothing to claim");
        pendingPayouts[token][msg.sender] = 0;
        if (token == address(0)) {
            (bool ok,) = payable(to).call{value: amount}("");
            require(ok, "eth transfer failed");
        } else {
            require(IERC20Transfers(token).transfer(to, amount), "transfer failed");
        }
        emit PayoutClaimed(msg.sender, token, to, amount);
    }

    /// @notice Wei vested so far (capped at the deposit). For a terminated stream: what the recipient received.
    function vestedAmount(uint256 streamId) external view returns (uint256) {
        Stream storage s = streams[streamId];
        if (s.recipient == address(0)) return s.withdrawn;
        return _vested(s);
    }

    /// @notice Wei the recipient could withdraw now; 0 for unknown or terminated streams.
    function withdrawable(uint256 streamId) external view returns (uint256) {
        Stream storage s = streams[streamId];
        if (s.recipient == address(0)) return 0;
        return _vested(s) - s.withdrawn;
    }

    function _vested(Stream storage s) private view returns (uint256) {
        uint256 end = block.timestamp < s.stopTime ? block.timestamp : s.stopTime;
        if (end <= s.startTime) return 0;
        uint256 v = (end - s.startTime) * s.ratePerSecond;
        return v < s.deposit ? v : s.deposit;
    }

    function _collect(address token, uint256 amount, string memory valueMismatch) private {
        if (token == address(0)) {
            require(msg.value == amount, valueMismatch);
        } else {
            require(msg.value == 0, "value != 0");
            require(IERC20Transfers(token).transferFrom(msg.sender, address(this), amount), "transferFrom failed");
        }
    }

    /// @dev Pushes a payout; on failure keeps it for `claimPending` instead of reverting the whole call.
    /// The call is made only when the receiver is sure to get its full gas allowance (the 63/64 rule of EIP-150
    /// would otherwise hand it less): a caller that sends too little gas, or a node's gas estimate searching for
    /// the lowest gas that does not revert, gets "gas too low" rather than silently deferring the other party's
    /// payout.
    function _payout(uint256 streamId, address token, address to, uint256 amount) private {
        bool ok;
        if (token == address(0)) {
            require(gasleft() >= (PUSH_GAS * 64) / 63 + PAYOUT_RESERVE, "gas too low");
            // Return data is not copied, so a receiver cannot make the caller pay for a large revert message.
            assembly {
                ok := call(PUSH_GAS, to, amount, 0, 0, 0, 0)
            }
        } else {
            require(gasleft() >= (TOKEN_PUSH_GAS * 64) / 63 + PAYOUT_RESERVE, "gas too low");
            try IERC20Transfers(token).transfer{gas: TOKEN_PUSH_GAS}(to, amount) returns (bool transferred) {
                ok = transferred;
            } catch {
                ok = false;
            }
        }
        if (!ok) {
            pendingPayouts[token][to] += amount;
            emit PayoutDeferred(streamId, to, token, amount);
        }
    }
}
