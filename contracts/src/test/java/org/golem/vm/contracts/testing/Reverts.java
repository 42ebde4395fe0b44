package org.golem.vm.contracts.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.function.Executable;

/** Assertions on contract reverts as web3j reports them. */
public final class Reverts {

    private static final Pattern REASON = Pattern.compile(
            "(?:execution reverted:?|[Rr]evert(?:ed)? reason:?)\\s*['\"]?([^'\"\\n]*)['\"]?");

    private Reverts() {
    }

    /**
     * Runs a contract call that must revert and returns its revert reason.
     *
     * @return the revert string, e.g. {@code "no-stream"}
     * @throws AssertionError when the call succeeds or fails without a revert reason
     */
    public static String reasonOf(Executable call) {
        Throwable t = assertThrows(Throwable.class, call, "expected the call to revert");
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null) {
                Matcher m = REASON.matcher(c.getMessage());
                if (m.find()) {
                    return m.group(1).trim();
                }
            }
        }
        return fail("call failed without a revert reason", t);
    }
}
