package org.golem.vm.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.golem.vm.contracts.generated.StreamPayment;
import org.golem.vm.contracts.generated.StreamPaymentV1;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeDecoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;

/**
 * ABI compatibility with the original deployment (docs/contracts.md §3): the compiled ABI shipped in the jar
 * ({@code org/golem/vm/contracts/abi/StreamPayment.abi}) has the original's function selectors (with the same
 * mutability) and event topics (with the same indexed parameters), {@code streams(uint256)} returns the same nine
 * types in the same order, and everything in StreamPaymentV1's ABI is in ours unchanged. Selectors and topics are
 * computed from the ABI's types with web3j's FunctionEncoder / EventEncoder. No chain needed.
 */
class AbiCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode abi;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = AbiCompatibilityTest.class.getClassLoader()
                .getResourceAsStream("org/golem/vm/contracts/abi/StreamPayment.abi")) {
            assertNotNull(in, "the ABI ships in the jar");
            abi = JSON.readTree(in);
        }
    }

    private static List<String> types(JsonNode params) {
        List<String> types = new ArrayList<>();
        params.forEach(p -> types.add(p.path("type").asText()));
        return types;
    }

    private static String signature(JsonNode entry) {
        return entry.path("name").asText() + "(" + String.join(",", types(entry.path("inputs"))) + ")";
    }

    /** The 4-byte selector of an ABI function, by encoding a call with zero arguments of its types. */
    private static String selector(JsonNode function) throws Exception {
        List<Type> args = new ArrayList<>();
        for (String type : types(function.path("inputs"))) {
            Object zero = switch (type) {
                case "address" -> "0x0000000000000000000000000000000000000000";
                case "bool" -> Boolean.FALSE;
                default -> BigInteger.ZERO;
            };
            args.add(TypeDecoder.instantiateType(type, zero));
        }
        return FunctionEncoder.encode(new Function(function.path("name").asText(), args, List.of())).substring(0, 10);
    }

    /** Our ABI's entries of one kind (function / event), by signature. */
    private static Map<String, JsonNode> entries(JsonNode abi, String kind) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        abi.forEach(e -> {
            if (kind.equals(e.path("type").asText())) {
                map.put(signature(e), e);
            }
        });
        return map;
    }

    private static JsonNode bySelector(String selector) throws Exception {
        for (JsonNode f : entries(abi, "function").values()) {
            if (selector(f).equals(selector)) {
                return f;
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "createStream(address,address,uint256,uint128) | 0x506efe70 | payable",
            "withdraw(uint256)                             | 0x2e1a7d4d | nonpayable",
            "terminate(uint256)                            | 0x7a828b28 | nonpayable",
            "haltStream(uint256)                           | 0x0b3f8976 | nonpayable",
            "topUp(uint256,uint256)                        | 0xde643a71 | payable",
            "streams(uint256)                              | 0x64d60d91 | view",
            "oracle()                                      | 0x7dc0d1d0 | view",
            "nextStreamId()                                | 0x1e99d569 | view"})
    void originalFunctionSelectorsArePresent(String signature, String selector, String mutability) throws Exception {
        JsonNode f = bySelector(selector);
        assertNotNull(f, "no function with selector " + selector);
        assertEquals(signature, signature(f));
        assertEquals(mutability, f.path("stateMutability").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "StreamCreated(uint256,address,address,address,uint256,uint256,uint256,uint256) | "
                    + "0x7310c8f9e75a815c1d827635f05beebdad06978d5e41059afaa48b8e0b2fccf7 | 3",
            "Withdraw(uint256,address,uint256) | "
                    + "0x9da6493a92039daf47d1f2d7a782299c5994c6323eb1e972f69c432089ec52bf | 2",
            "Terminated(uint256,uint256,uint256) | "
                    + "0x552e4f193bf7d3f4c51c1f4decc3c4369c5dbb9e9a082c69e97f1d74511c475c | 1",
            "Halted(uint256) | 0x14a94dbc2f7e9418dbda76b366e946fd5e17923e5cc43d07703095c162035b97 | 1",
            "ToppedUp(uint256,uint256,uint128) | "
                    + "0xfb09c9afcca88dd78a13c7ae8b800b027a38d5bec33557371b2b7b97afb0567b | 1"})
    void originalEventTopicsArePresent(String signature, String topic, int indexedLeading) {
        JsonNode event = null;
        for (JsonNode e : entries(abi, "event").values()) {
            if (EventEncoder.buildEventSignature(signature(e)).equals(topic)) {
                event = e;
            }
        }
        assertNotNull(event, "no event with topic " + topic);
        assertEquals(signature, signature(event));
        // the original indexes the leading parameters (streamId, sender, recipient) and nothing else
        JsonNode inputs = event.path("inputs");
        for (int i = 0; i < inputs.size(); i++) {
            assertEquals(i < indexedLeading, inputs.get(i).path("indexed").asBoolean(),
                    signature + " parameter " + i + " indexed");
        }
        assertTrue(event.path("anonymous").isMissingNode() || !event.path("anonymous").asBoolean());
    }

    @Test
    void theGeneratedWrappersUseTheOriginalTopics() {
        Map<Event, String> expected = Map.of(
                StreamPayment.STREAMCREATED_EVENT, "0x7310c8f9e75a815c1d827635f05beebdad06978d5e41059afaa48b8e0b2fccf7",
                StreamPayment.WITHDRAW_EVENT, "0x9da6493a92039daf47d1f2d7a782299c5994c6323eb1e972f69c432089ec52bf",
                StreamPayment.TERMINATED_EVENT, "0x552e4f193bf7d3f4c51c1f4decc3c4369c5dbb9e9a082c69e97f1d74511c475c",
                StreamPayment.HALTED_EVENT, "0x14a94dbc2f7e9418dbda76b366e946fd5e17923e5cc43d07703095c162035b97",
                StreamPayment.TOPPEDUP_EVENT, "0xfb09c9afcca88dd78a13c7ae8b800b027a38d5bec33557371b2b7b97afb0567b");
        expected.forEach((event, topic) -> assertEquals(topic, EventEncoder.encode(event), event.getName()));
    }

    @Test
    void streamsReturnsTheOriginalNineFieldsInOrder() {
        JsonNode streams = entries(abi, "function").get("streams(uint256)");
        assertNotNull(streams);
        List<String> names = new ArrayList<>();
        streams.path("outputs").forEach(o -> names.add(o.path("name").asText()));
        assertEquals(List.of("address", "address", "address", "uint128", "uint128", "uint128", "uint256", "uint256",
                "bool"), types(streams.path("outputs")));
        assertEquals(List.of("token", "sender", "recipient", "startTime", "stopTime", "ratePerSecond", "deposit",
                "withdrawn", "halted"), names);
    }

    @Test
    void createStreamReturnsTheStreamIdAndTheConstructorTakesTheOracle() {
        JsonNode create = entries(abi, "function").get("createStream(address,address,uint256,uint128)");
        assertEquals(List.of("uint256"), types(create.path("outputs")));
        JsonNode constructor = null;
        for (JsonNode e : abi) {
            if (e.path("type").asText().equals("constructor")) {
                constructor = e;
            }
        }
        assertNotNull(constructor);
        assertEquals(List.of("address"), types(constructor.path("inputs")));
        assertTrue(abi.findValues("type").stream().noneMatch(t -> t.asText().equals("receive")
                || t.asText().equals("fallback")), "plain ETH transfers are refused, as in the original");
    }

    @Test
    void everythingInV1sAbiIsInOursUnchanged() throws Exception {
        Path testClasses = Paths.get(StreamPaymentV1.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path v1File = testClasses.getParent().resolve("solidity/test/StreamPaymentV1.abi");
        assertTrue(Files.isRegularFile(v1File), v1File.toString());
        JsonNode v1 = JSON.readTree(v1File.toFile());
        for (String kind : List.of("function", "event")) {
            Map<String, JsonNode> ours = entries(abi, kind);
            Map<String, JsonNode> theirs = entries(v1, kind);
            assertTrue(theirs.size() >= (kind.equals("function") ? 8 : 5));
            theirs.forEach((signature, entry) -> {
                assertTrue(ours.containsKey(signature), "missing " + kind + " " + signature);
                assertEquals(entry, ours.get(signature), kind + " " + signature + " differs");
            });
        }
    }
}
