package org.golem.vm.requestor.application;

import java.math.BigInteger;

/**
 * Body of {@code POST /api/v1/vms} on the requestor service (requestor-ear/API.md).
 *
 * @param name       VM name (the provider's rules: 3–64 of {@code [a-z0-9-]}, no {@code --})
 * @param providerId provider address
 * @param cpu        cores (1, 2, 4, 8, 16)
 * @param memory     GiB RAM (1, 2, 4, ... 64)
 * @param storage    GiB disk (≥ 10)
 * @param hours      hours the new stream pays for (default 1); ignored with {@code streamId}
 * @param streamId   an existing stream of ours to pay with, or null to open one
 * @param image      image name or null for the provider's default
 */
public record CreateVmCommand(String name, String providerId, Integer cpu, Integer memory, Integer storage,
                              Long hours, BigInteger streamId, String image) {
}
