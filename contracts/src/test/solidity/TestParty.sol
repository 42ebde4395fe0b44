// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IStreamPaymentLike {
    function createStream(address token, address recipient, uint256 deposit, uint128 ratePerSecond)
        external
        payable
        returns (uint256);
    function withdraw(uint256 streamId) external;
    function terminate(uint256 streamId) external;
    function topUp(uint256 streamId, uint256 amount) external payable;
    function claimPending(address token, address to) external;
}

interface IApprove {
    function approve(address spender, uint256 amount) external returns (bool);
}

/// @title TestParty: test-only contract that acts as a stream's sender or recipient.
/// @notice It can refuse ETH (`setRejectEth`) and, when it receives ETH, try to re-enter the stream contract
/// (`setReentry`): mode 1 calls `withdraw`, mode 2 calls `terminate`, mode 3 calls `topUp` (without value).
/// The outcome of the re-entry attempt is recorded in `reentryOutcome` ("ok" or the revert reason).
contract TestParty {
    IStreamPaymentLike public immutable target;
    bool public rejectEth;
    uint8 public reentryMode;
    uint256 public reentryStreamId;
    string public reentryOutcome;

    constructor(address streamPayment) {
        target = IStreamPaymentLike(streamPayment);
    }

    function setRejectEth(bool reject) external {
        rejectEth = reject;
    }

    function setReentry(uint8 mode, uint256 streamId) external {
        reentryMode = mode;
        reentryStreamId = streamId;
    }

    function approve(address token, uint256 amount) external {
        IApprove(token).approve(address(target), amount);
    }

    function createStream(address token, address recipient, uint256 deposit, uint128 ratePerSecond)
        external
        payable
        returns (uint256)
    {
        return target.createStream{value: msg.value}(token, recipient, deposit, ratePerSecond);
    }

    function withdraw(uint256 streamId) external {
        target.withdraw(streamId);
    }

    function terminate(uint256 streamId) external {
        target.terminate(streamId);
    }

    function topUp(uint256 streamId, uint256 amount) external payable {
        target.topUp{value: msg.value}(streamId, amount);
    }

    function claimPending(address token, address to) external {
        target.claimPending(token, to);
    }

    receive() external payable {
        if (rejectEth) revert("rejected");
        uint8 mode = reentryMode;
        if (mode == 0) return;
        reentryMode = 0; // one attempt only
        if (mode == 1) {
            try target.withdraw(reentryStreamId) { reentryOutcome = "ok"; } catch Error(string memory r) { reentryOutcome = r; }
        } else if (mode == 2) {
            try target.terminate(reentryStreamId) { reentryOutcome = "ok"; } catch Error(string memory r) { reentryOutcome = r; }
        } else if (mode == 3) {
            try target.topUp(reentryStreamId, 1) { reentryOutcome = "ok"; } catch Error(string memory r) { reentryOutcome = r; }
        }
    }
}
