package org.golem.vm.portchecker.interfaces.rest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.wire.StatusResponse;

/**
 * {@code GET /health} → 200 {@code {"status":"ok"}}, the original port checker's answer, for its clients, next to
 * MicroProfile Health at {@code /health/live}, {@code /health/ready} and {@code /health/started}.
 *
 * <p>Why a filter: Payara registers MicroProfile Health as a servlet mapped to {@code /health/*} inside the
 * application deployed at the context root — this one — and skips that registration when the application already
 * has a servlet mapped to {@code /health} (Payara's {@code HealthCheckServletContainerInitializer}). A filter is no
 * servlet registration, and its exact pattern {@code /health} matches that one path only: {@code GET /health}
 * answers as the original did, every {@code /health/...} path reaches MicroProfile Health, and nothing has to be
 * configured in Payara (launcher, tests and containers alike). Only MicroProfile's combined document moves: it is
 * at {@code /health/} (trailing slash). Methods other than GET and HEAD pass through to MicroProfile Health.
 */
@WebFilter(filterName = "legacy-health", urlPatterns = "/health")
public class LegacyHealthFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final byte[] OK = Json.toJsonBytes(StatusResponse.OK);

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(OK.length);
        if ("GET".equals(method)) {
            response.getOutputStream().write(OK);
        }
    }
}
