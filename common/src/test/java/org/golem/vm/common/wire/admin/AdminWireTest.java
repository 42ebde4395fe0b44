package org.golem.vm.common.wire.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.money.Resources;
import org.junit.jupiter.api.Test;

/**
 * The admin API's records on the wire: snake_case names in the order the provider always sent them, nulls sent,
 * except {@code chain_time} / {@code chain_error} of the status, which are sent only when they have a value.
 */
class AdminWireTest {

    @Test
    void paymentsStatusSendsTheChainTimeOrTheErrorNeverBoth() {
        var ok = new ProviderStatus.Payments(true, "local", null, "0x0", "ETH", "http://127.0.0.1:8545", 1700L, true,
                null);
        var down = new ProviderStatus.Payments(true, "local", null, "0x0", "ETH", "http://127.0.0.1:8545", null,
                false, "connection refused");

        assertEquals("{\"enabled\":true,\"network\":\"local\",\"contract\":null,\"token\":\"0x0\","
                + "\"token_symbol\":\"ETH\",\"rpc_url\":\"http://127.0.0.1:8545\",\"chain_time\":1700,"
                + "\"chain_ok\":true}", Json.toJson(ok));
        assertEquals("{\"enabled\":true,\"network\":\"local\",\"contract\":null,\"token\":\"0x0\","
                + "\"token_symbol\":\"ETH\",\"rpc_url\":\"http://127.0.0.1:8545\",\"chain_ok\":false,"
                + "\"chain_error\":\"connection refused\"}", Json.toJson(down));
    }

    @Test
    void operatorVmsKeepTheirNullsAndWeiAsIntegers() {
        var vm = new OperatorVms.Vm("web", "vm-0a", "0xA", "stopped", new Resources(1, 1, 10), null, 5L, null,
                new BigInteger("115792089237316195423570985008687907853269984665640564039457584007913129639935"),
                null, "stopped by its owner");

        assertEquals("{\"vms\":[{\"name\":\"web\",\"driver_id\":\"vm-0a\",\"owner\":\"0xA\",\"status\":\"stopped\","
                + "\"resources\":" + Json.toJson(new Resources(1, 1, 10)) + ",\"ssh_port\":null,\"created_at\":5,"
                + "\"uptime_seconds\":null,\"stream_id\":"
                + "115792089237316195423570985008687907853269984665640564039457584007913129639935,"
                + "\"runway_seconds\":null,\"reason\":\"stopped by its owner\"}]}",
                Json.toJson(new OperatorVms(List.of(vm))));
    }

    @Test
    void earningsTotalsAndWithdrawResultsUseTheProvidersNames() {
        var e = new Earnings(List.of(), new Earnings.Totals(BigInteger.TEN, BigInteger.ONE, BigInteger.TWO),
                List.of(new Earnings.WithdrawalRecord(BigInteger.ONE, "web", BigInteger.ONE, "0xt", "manual", 9L)),
                7L);
        assertEquals("{\"streams\":[],\"totals\":{\"vested\":10,\"withdrawn\":1,\"withdrawable\":2},"
                + "\"withdrawals\":[{\"stream_id\":1,\"vm_id\":\"web\",\"amount_wei\":1,\"tx_hash\":\"0xt\","
                + "\"origin\":\"manual\",\"created_at\":9}],\"chain_time\":7}", Json.toJson(e));
        assertEquals("{\"results\":[{\"stream_id\":1,\"vm_name\":\"web\",\"amount_wei\":0,\"tx_hash\":null,"
                + "\"error\":\"chain error: x\"}]}", Json.toJson(new WithdrawResults(List.of(
                        new WithdrawResults.Result(BigInteger.ONE, "web", BigInteger.ZERO, null, "chain error: x")))));
        assertEquals("{\"ok\":true}", Json.toJson(ShutdownAccepted.accepted()));
        assertEquals(Map.of("ssh_ports", Map.of("first", 1, "last", 2, "assigned", Map.of())),
                Json.mapper().convertValue(Map.of("ssh_ports", new ProviderStatus.SshPorts(1, 2, Map.of())),
                        Map.class));
    }

    @Test
    void requestBodiesSendOnlyWhatTheyName() {
        assertEquals("{\"all\":true}", Json.toJson(new WithdrawTarget(true, null, null)));
        assertEquals("{\"stream_id\":12}", Json.toJson(new WithdrawTarget(null, BigInteger.valueOf(12), null)));
        assertEquals("{\"token_usd_price\":2500.5}",
                Json.toJson(new PricingChange(null, null, null, new BigDecimal("2500.5"))));
        assertEquals("{\"enabled\":false,\"min_runway_seconds\":600}",
                Json.toJson(new MonitorChange(false, null, null, 600L)));
        assertEquals("{\"interval_seconds\":900,\"min_wei\":1000}",
                Json.toJson(new WithdrawChange(null, 900L, BigInteger.valueOf(1000))));
        // and read back as the provider reads them: what is not sent is null (unchanged)
        assertEquals(new MonitorChange(false, null, null, 600L),
                Json.fromJsonStrict(Json.toJsonBytes(new MonitorChange(false, null, null, 600L)), MonitorChange.class));
    }
}
