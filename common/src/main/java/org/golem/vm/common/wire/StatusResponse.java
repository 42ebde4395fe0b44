package org.golem.vm.common.wire;

import java.util.Objects;

/**
 * A body that carries only a status word: {@code {"status": "..."}}.
 *
 * <p>Used by discovery {@code GET /health} ({@code "healthy"}) and
 * {@code DELETE /api/v1/advertisements/{provider_id}} ({@code "success"}) (docs/discovery-api.md §4.1, §4.5),
 * and by the port checker {@code GET /health} ({@code "ok"}, docs/port-checker-api.md §3).
 *
 * @param status the status word
 */
public record StatusResponse(String status) {

    /** Discovery health. */
    public static final StatusResponse HEALTHY = new StatusResponse("healthy");
    /** Discovery delete. */
    public static final StatusResponse SUCCESS = new StatusResponse("success");
    /** Port checker health. */
    public static final StatusResponse OK = new StatusResponse("ok");

    public StatusResponse {
        Objects.requireNonNull(status, "status");
    }
}
