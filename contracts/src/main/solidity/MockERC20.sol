// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title MockERC20: a minimal ERC-20 for tests and local chains ("Mock GLM", mGLM, 18 decimals).
/// @notice Anyone may mint. Behaves like the original's MockGLM (docs/contracts.md): `transfer` reverts
/// "bal" on insufficient balance; `transferFrom` checks the allowance first ("allow"), then the balance ("bal");
/// `approve` overwrites. Adds `totalSupply`. Never deploy it where the token must have value.
contract MockERC20 {
    string public constant name = "Mock GLM";
    string public constant symbol = "mGLM";
    uint8 public constant decimals = 18;

    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    function mint(address to, uint256 amount) external {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        require(allowed >= amount, "allow");
        allowance[from][msg.sender] = allowed - amount;
        _move(from, to, amount);
        return true;
    }

    function _move(address from, address to, uint256 amount) private {
        require(balanceOf[from] >= amount, "bal");
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
    }
}
