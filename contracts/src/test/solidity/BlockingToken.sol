// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title BlockingToken: test-only ERC-20 whose transfers to a blocked account revert ("blocked") or, in
/// quiet mode, return false. Models a token with a deny-list, to show that a blocked party cannot stop the
/// other party's terminate.
contract BlockingToken {
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    mapping(address => bool) public blocked;
    bool public quiet;

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
    }

    function setBlocked(address account, bool isBlocked) external {
        blocked[account] = isBlocked;
    }

    function setQuiet(bool returnFalseInstead) external {
        quiet = returnFalseInstead;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        return _move(msg.sender, to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        require(allowance[from][msg.sender] >= amount, "allow");
        allowance[from][msg.sender] -= amount;
        return _move(from, to, amount);
    }

    function _move(address from, address to, uint256 amount) private returns (bool) {
        if (blocked[to]) {
            if (quiet) return false;
            revert("blocked");
        }
        require(balanceOf[from] >= amount, "bal");
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        return true;
    }
}
