package org.golem.vm.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * Runs the real {@code cast wallet sign} on freshly built messages (random body, current time) and checks that
 * cast and our signer agree and that our verifier accepts cast's signature. Fails (never skips) without cast.
 */
class CastLiveTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void castIsInstalled() {
        Cast.locate();
    }

    @Test
    void castAndOurSignerAgreeOnFreshRequestsAndTheVerifierAcceptsCast() throws Exception {
        Clock clock = Clock.systemUTC();
        RequestVerifier verifier = new RequestVerifier(clock);
        String[][] requests = {
            {"POST", "/api/v1/vms?async=true"},
            {"GET", "/api/v1/vms/vm-" + RANDOM.nextInt(1000) + "/access?ts=" + RANDOM.nextLong()},
            {"DELETE", "/api/v1/advertisements"},
        };
        for (String[] request : requests) {
            Credentials key = Credentials.create(Keys.createEcKeyPair(RANDOM));
            String privateKey = privateKeyHex(key);
            byte[] body = new byte[RANDOM.nextInt(2048)];
            RANDOM.nextBytes(body);
            long now = clock.instant().getEpochSecond();
            String message = SignedRequest.message(request[0], request[1], now, body);

            String castSignature = Cast.sign(privateKey, message);
            SignedHeaders ours = new RequestSigner(key).sign(request[0], request[1], body, now);

            assertEquals(castSignature, ours.signature(), "cast vs our signer for:\n" + message);
            assertEquals(ours.address(), verifier.verify(request[0], request[1], body, ours.address(),
                    Long.toString(now), castSignature));
            // cast's signature was recorded: sending it again is a replay
            AuthException replay = assertThrows(AuthException.class, () -> verifier.verify(request[0], request[1],
                    body, ours.address(), Long.toString(now), castSignature));
            assertEquals(AuthError.AUTH_REPLAY, replay.error());
        }
    }

    @Test
    void castAddressIsOurEip55Address() throws Exception {
        Credentials key = Credentials.create(Keys.createEcKeyPair(RANDOM));
        assertEquals(Cast.run(Cast.locate().toString(), "wallet", "address", "--private-key", privateKeyHex(key)),
                new RequestSigner(key).address());
    }

    private static String privateKeyHex(Credentials key) {
        return Numeric.toHexStringWithPrefixZeroPadded(key.getEcKeyPair().getPrivateKey(), 64);
    }
}
