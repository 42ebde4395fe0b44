// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title ProviderRegistry: the market's directory of providers, on the payments chain.
/// @notice Each provider owns one entry, keyed by `msg.sender` (the provider id is the account that pays the gas,
/// so no other signature is needed and no account can write another's entry). An entry holds the provider's
/// advertisement in the compact encoding of docs/contracts.md §8 (a format byte, then the advertisement's JSON
/// compressed with raw DEFLATE; the contract checks only the format byte and the length) and an expiry in chain
/// time.
///
/// Gas is the provider's money, so the contract separates the three writes a provider makes:
///  - `register(data, ttl)`: writes (or rewrites) the content; providers call it only when the content changed;
///  - `renew(ttl)`: moves the expiry of an existing entry, touching one storage slot;
///  - `remove()`: deletes the entry (shutdown, or no capacity left).
/// An entry past its expiry is invisible to `entryOf` and `page` at once; its storage is reclaimed by
/// later `register` and `remove` calls of any provider, which each sweep up to `SWEEP` entries (the storage refund
/// pays for part of the sweep).
///
/// Reads are free calls: `page(cursor, limit)` walks the entry list in index order and returns the live entries
/// among the `limit` it scanned, so a reader lists the directory with one call per page. Removal moves the last
/// entry into the freed index, so a reader that pages over several blocks must pin every page call to one block
/// number to see a consistent list; the events let it follow changes after that block.
contract ProviderRegistry {
    /// @notice The only encoding accepted: the first byte of every entry's data.
    uint8 public constant FORMAT = 1;
    /// @notice Largest entry, in bytes.
    uint256 public constant MAX_DATA = 4096;
    /// @notice Shortest and longest time to live of an entry, in seconds.
    uint64 public constant MIN_TTL = 60;
    uint64 public constant MAX_TTL = 30 days;
    /// @notice Entries a `register` or `remove` examines for reclaiming.
    uint256 public constant SWEEP = 2;

    struct Entry {
        uint64 expiresAt; // chain time (Unix seconds) after which the entry is invisible
        uint64 updatedAt; // chain time of the last register or renew
        uint32 slot; // index in `providers` plus one; 0: no entry
        bytes data; // FORMAT byte + raw DEFLATE of the advertisement's JSON
    }

    mapping(address => Entry) private entries;
    address[] private providers;
    uint256 private sweepCursor;

    /// @notice The entry of `provider` was written at chain time `updatedAt`; `data` is its whole new content.
    event ProviderRegistered(address indexed provider, uint64 expiresAt, uint64 updatedAt, bytes data);
    /// @notice The entry of `provider` lives until `expiresAt` (renewed at `updatedAt`); its content is unchanged.
    event ProviderRenewed(address indexed provider, uint64 expiresAt, uint64 updatedAt);
    /// @notice The entry of `provider` is gone: removed by the provider, or reclaimed after expiring (`expired`).
    event ProviderRemoved(address indexed provider, bool expired);

    /// @notice Writes the caller's entry (creating it when absent) with a new expiry `now + ttl`.
    /// @param data the encoded advertisement: FORMAT byte first, 2..MAX_DATA bytes
    /// @param ttl seconds the entry stays visible without a renewal, MIN_TTL..MAX_TTL
    function register(bytes calldata data, uint64 ttl) external {
        require(data.length >= 2 && data.length <= MAX_DATA, "bad data length");
        require(uint8(data[0]) == FORMAT, "bad format");
        require(ttl >= MIN_TTL && ttl <= MAX_TTL, "bad ttl");
        _sweep();
        Entry storage e = entries[msg.sender];
        if (e.slot == 0) {
            providers.push(msg.sender);
            e.slot = uint32(providers.length);
        }
        uint64 expiresAt = uint64(block.timestamp) + ttl;
        e.expiresAt = expiresAt;
        e.updatedAt = uint64(block.timestamp);
        e.data = data;
        emit ProviderRegistered(msg.sender, expiresAt, uint64(block.timestamp), data);
    }

    /// @notice Moves the expiry of the caller's entry to `now + ttl`, keeping its content. An entry that expired but
    /// was not reclaimed yet comes back as it was.
    /// @param ttl seconds, MIN_TTL..MAX_TTL
    function renew(uint64 ttl) external {
        require(ttl >= MIN_TTL && ttl <= MAX_TTL, "bad ttl");
        Entry storage e = entries[msg.sender];
        require(e.slot != 0, "no entry");
        uint64 expiresAt = uint64(block.timestamp) + ttl;
        e.expiresAt = expiresAt;
        e.updatedAt = uint64(block.timestamp);
        emit ProviderRenewed(msg.sender, expiresAt, uint64(block.timestamp));
    }

    /// @notice Deletes the caller's entry.
    function remove() external {
        require(entries[msg.sender].slot != 0, "no entry");
        _delete(msg.sender, false);
        _sweep();
    }

    /// @notice The live entry of `provider`; all zero when it has none or it expired.
    /// @return data the encoded advertisement
    /// @return expiresAt chain time the entry expires
    /// @return updatedAt chain time of its last register or renew
    function entryOf(address provider) external view returns (bytes memory data, uint64 expiresAt, uint64 updatedAt) {
        Entry storage e = entries[provider];
        if (e.slot == 0 || e.expiresAt <= block.timestamp) {
            return (data, 0, 0);
        }
        return (e.data, e.expiresAt, e.updatedAt);
    }

    /// @notice What a provider needs to decide between register, renew and nothing: the hash of its stored content
    /// and its expiry, also for an expired entry not reclaimed yet (zero when there is no entry).
    function stateOf(address provider) external view returns (bytes32 contentHash, uint64 expiresAt) {
        Entry storage e = entries[provider];
        if (e.slot == 0) {
            return (bytes32(0), 0);
        }
        return (keccak256(e.data), e.expiresAt);
    }

    /// @notice Entries stored, live or expired but not reclaimed yet: the end of the index range `page` walks.
    function count() external view returns (uint256) {
        return providers.length;
    }

    /// @notice Scans up to `limit` entries from index `cursor` and returns the live ones among them.
    /// @return ids the providers, in index order
    /// @return data their encoded advertisements
    /// @return expiresAt their expiries
    /// @return updatedAt their last register or renew
    /// @return next the index to continue from; equal to `count()` when the scan is complete
    function page(uint256 cursor, uint256 limit)
        external
        view
        returns (address[] memory ids, bytes[] memory data, uint64[] memory expiresAt, uint64[] memory updatedAt,
            uint256 next)
    {
        uint256 end = cursor + limit;
        if (end > providers.length || end < cursor) {
            end = providers.length;
        }
        if (cursor > end) {
            cursor = end;
        }
        uint256 live = 0;
        for (uint256 i = cursor; i < end; i++) {
            if (entries[providers[i]].expiresAt > block.timestamp) {
                live++;
            }
        }
        ids = new address[](live);
        data = new bytes[](live);
        expiresAt = new uint64[](live);
        updatedAt = new uint64[](live);
        uint256 k = 0;
        for (uint256 i = cursor; i < end; i++) {
            address p = providers[i];
            Entry storage e = entries[p];
            if (e.expiresAt > block.timestamp) {
                ids[k] = p;
                data[k] = e.data;
                expiresAt[k] = e.expiresAt;
                updatedAt[k] = e.updatedAt;
                k++;
            }
        }
        next = end;
    }

    /// @dev Reclaims up to SWEEP expired entries, walking the list round-robin from `sweepCursor`.
    function _sweep() private {
        uint256 cursor = sweepCursor;
        for (uint256 n = 0; n < SWEEP; n++) {
            uint256 len = providers.length;
            if (len == 0) {
                break;
            }
            if (cursor >= len) {
                cursor = 0;
            }
            address p = providers[cursor];
            if (p != msg.sender && entries[p].expiresAt <= block.timestamp) {
                _delete(p, true); // the last entry moved into `cursor`: examine that index next
            } else {
                cursor++;
            }
        }
        sweepCursor = cursor;
    }

    /// @dev Deletes `p`'s entry: moves the last entry into its index, pops the list, clears the storage.
    function _delete(address p, bool expired) private {
        uint256 index = entries[p].slot - 1;
        uint256 last = providers.length - 1;
        if (index != last) {
            address moved = providers[last];
            providers[index] = moved;
            entries[moved].slot = uint32(index + 1);
        }
        providers.pop();
        delete entries[p];
        emit ProviderRemoved(p, expired);
    }
}
