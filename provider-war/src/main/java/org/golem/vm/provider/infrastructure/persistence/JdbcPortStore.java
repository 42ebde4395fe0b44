package org.golem.vm.provider.infrastructure.persistence;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.golem.vm.provider.infrastructure.net.SshPortAllocator;

/**
 * The SSH port allocator's assignments in the provider database (table {@code ssh_ports}), written in one local
 * transaction on its own connection, outside any container transaction: an assignment is durable as soon as the
 * allocator hands the port out, whatever happens to the caller's transaction.
 */
public final class JdbcPortStore implements SshPortAllocator.Store {
    private final DataSource dataSource;

    /** @param dataSource the provider database outside JTA ({@code java:app/jdbc/provider-local}) */
    public JdbcPortStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Map<String, Integer> load() throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT vm_id, port FROM ssh_ports");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
            return out;
        } catch (SQLException e) {
            throw new IOException("cannot read ssh_ports: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(Map<String, Integer> assignments) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM ssh_ports");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO ssh_ports (vm_id, port) VALUES (?, ?)")) {
                del.executeUpdate();
                for (Map.Entry<String, Integer> e : assignments.entrySet()) {
                    ins.setString(1, e.getKey());
                    ins.setInt(2, e.getValue());
                    ins.addBatch();
                }
                ins.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IOException("cannot write ssh_ports: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "table ssh_ports";
    }
}
