package org.golem.vm.provider.infrastructure.persistence;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.golem.vm.provider.infrastructure.net.SshPortAllocator;

/**
 * The SSH port allocator's state in the provider database: assignments in table {@code ssh_ports}
 * ({@code vm_id → port}) and the time each port was last released in {@code ssh_port_releases}
 * ({@code port → released_at}, epoch ms). Every change is written in one local transaction on its own connection,
 * outside any container transaction: it is durable as soon as the allocator hands the port out or takes it back,
 * whatever happens to the caller's transaction.
 */
public final class JdbcPortStore implements SshPortAllocator.Store {
    private final DataSource dataSource;

    /** @param dataSource the provider database outside JTA ({@code java:app/jdbc/provider-local}) */
    public JdbcPortStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @throws IOException when a table cannot be read (names it) */
    @Override
    public SshPortAllocator.State load() throws IOException {
        Map<String, Integer> assignments = new TreeMap<>();
        Map<Integer, Long> released = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT vm_id, port FROM ssh_ports");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assignments.put(rs.getString(1), rs.getInt(2));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT port, released_at FROM ssh_port_releases");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    released.put(rs.getInt(1), rs.getLong(2));
                }
            }
            return new SshPortAllocator.State(assignments, released);
        } catch (SQLException e) {
            throw new IOException("cannot read tables ssh_ports and ssh_port_releases: " + e.getMessage(), e);
        }
    }

    /** @throws IOException when the change cannot be committed (nothing is changed then) */
    @Override
    public void save(Map<String, Integer> assignments, Map<Integer, Long> released) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM ssh_ports");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO ssh_ports (vm_id, port) VALUES (?, ?)");
                 PreparedStatement forget = c.prepareStatement("DELETE FROM ssh_port_releases WHERE port = ?");
                 PreparedStatement record = c.prepareStatement(
                         "INSERT INTO ssh_port_releases (port, released_at) VALUES (?, ?)")) {
                del.executeUpdate();
                for (Map.Entry<String, Integer> e : assignments.entrySet()) {
                    ins.setString(1, e.getKey());
                    ins.setInt(2, e.getValue());
                    ins.addBatch();
                }
                ins.executeBatch();
                for (Map.Entry<Integer, Long> e : released.entrySet()) {
                    forget.setInt(1, e.getKey());
                    forget.addBatch();
                    record.setInt(1, e.getKey());
                    record.setLong(2, e.getValue());
                    record.addBatch();
                }
                if (!released.isEmpty()) {
                    forget.executeBatch();
                    record.executeBatch();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IOException("cannot write tables ssh_ports and ssh_port_releases: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "tables ssh_ports and ssh_port_releases";
    }
}
