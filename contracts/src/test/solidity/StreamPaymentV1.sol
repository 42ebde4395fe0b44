// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IERC20V1 {
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// @title StreamPaymentV1: TEST ONLY. A reconstruction of the original deployment's behaviour, written from
/// its description in docs/contracts.md (functions, check order, revert strings, vesting math and its flaws).
/// The v2 flaw tests run against it to show that each of them fails on the original.
contract StreamPaymentV1 {
    struct Stream {
        address token;
        address sender;
        address recipient;
        uint128 startTime;
        uint128 stopTime;
        uint128 ratePerSecond;
        uint256 deposit;
        uint256 withdrawn;
        bool halted;
    }

    address public immutable oracle;
    uint256 public nextStreamId;
    mapping(uint256 => Stream) public streams;

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

    constructor(address _oracle) {
        require(_oracle != address(0), "oracle=0");
        oracle = _oracle;
    }

    function createStream(address token, address recipient, uint256 deposit, uint128 ratePerSecond)
        external
        payable
        returns (uint256 streamId)
    {
        require(recipient != address(0), "recipient=0");
        require(deposit > 0, "deposit=0");
        require(ratePerSecond > 0, "rate=0");
        uint256 duration = deposit / ratePerSecond;
        require(duration > 0, "duration=0");
        uint128 start = uint128(block.timestamp);
        uint128 stop = start + uint128(duration);
        if (token == address(0)) {
            require(msg.value == deposit, "value != deposit");
        } else {
            require(IERC20V1(token).transferFrom(msg.sender, address(this), deposit), "transferFrom failed");
        }
        streamId = ++nextStreamId;
        streams[streamId] = Stream(token, msg.sender, recipient, start, stop, ratePerSecond, deposit, 0, false);
        emit StreamCreated(streamId, msg.sender, recipient, token, deposit, ratePerSecond, start, stop);
    }

    function withdraw(uint256 streamId) external {
        Stream storage s = streams[streamId];
        require(s.recipient != address(0), "no-stream");
        require(msg.sender == s.recipient, "not recipient");
        uint256 amount = _vested(s) - s.withdrawn;
        require(amount > 0, "nothing to withdraw");
        s.withdrawn += amount;
        if (s.token == address(0)) {
            (bool ok,) = payable(s.recipient).call{value: amount}("");
            require(ok, "eth transfer failed");
        } else {
            require(IERC20V1(s.token).transfer(s.recipient, amount), "transfer failed");
        }
        emit Withdraw(streamId, s.recipient, amount);
    }

    function terminate(uint256 streamId) external {
        Stream storage s = streams[streamId];
        address recipient = s.recipient;
        require(recipient != address(0), "no-stream");
        require(msg.sender == s.sender || msg.sender == recipient, "not authorized");
        uint256 vested = _vested(s);
        uint256 owed = vested - s.withdrawn;
        uint256 refund = s.deposit - vested;
        s.recipient = address(0);
        if (s.token == address(0)) {
            if (owed > 0) {
                (bool ok1,) = payable(recipient).call{value: owed}("");
                require(ok1, "eth payout failed");
            }
            if (refund > 0) {
                (bool ok2,) = payable(s.sender).call{value: refund}("");
                require(ok2, "eth refund failed");
            }
        } else {
            if (owed > 0) require(IERC20V1(s.token).transfer(recipient, owed), "transfer payout failed");
            if (refund > 0) require(IERC20V1(s.token).transfer(s.sender, refund), "transfer refund failed");
        }
        emit Terminated(streamId, refund, owed);
    }

    function haltStream(uint256 streamId) external {
        require(msg.sender == oracle, "not oracle");
        Stream storage s = streams[streamId];
        require(s.recipient != address(0), "no-stream");
        if (s.halted) return;
        s.halted = true;
        if (s.stopTime > block.timestamp) s.stopTime = uint128(block.timestamp);
        emit Halted(streamId);
    }

    function topUp(uint256 streamId, uint256 amount) external payable {
        Stream storage s = streams[streamId];
        require(s.recipient != address(0), "no-stream");
        require(!s.halted, "halted");
        require(msg.sender == s.sender, "not sender");
        require(amount > 0, "amount=0");
        if (s.token == address(0)) {
            require(msg.value == amount, "value != amount");
        } else {
            require(IERC20V1(s.token).transferFrom(msg.sender, address(this), amount), "transferFrom failed");
        }
        s.deposit += amount;
        uint128 delta = uint128(amount / s.ratePerSecond);
        require(delta > 0, "delta=0");
        uint128 base = s.stopTime > block.timestamp ? s.stopTime : uint128(block.timestamp);
        s.stopTime = base + delta;
        emit ToppedUp(streamId, amount, s.stopTime);
    }

    function _vested(Stream storage s) private view returns (uint256) {
        uint256 end;
        if (s.halted) {
            end = s.stopTime;
        } else {
            end = block.timestamp < s.startTime ? s.startTime : block.timestamp;
            if (end > s.stopTime) end = s.stopTime;
        }
        if (end <= s.startTime) return 0;
        uint256 v = (end - s.startTime) * s.ratePerSecond;
        return v < s.deposit ? v : s.deposit;
    }
}
