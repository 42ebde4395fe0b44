package org.golem.vm.cli.requestor;

import java.math.BigInteger;
import picocli.CommandLine.Option;

/**
 * {@code --stream-id N}, required by the commands that act on one payment stream ({@code golem vm stream topup},
 * {@code inspect}, {@code terminate}). The id is the stream contract's uint256, hence a {@link BigInteger}.
 */
final class StreamIdOption {

    @Option(names = "--stream-id", required = true, paramLabel = "N", description = "Stream id.")
    BigInteger streamId;
}
