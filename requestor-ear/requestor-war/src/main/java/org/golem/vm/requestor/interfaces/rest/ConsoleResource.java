package org.golem.vm.requestor.interfaces.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;

/**
 * The web console (README "Web console"): {@code GET /console} → 303 to {@code /console/}; {@code GET /console/} →
 * {@code index.html}; {@code GET /console/{path}} → the built asset from the WAR's classpath folder {@code /console/}
 * ({@code .html .js .css .svg .png .woff2} with their content types, {@link ConsoleAssets}), 404 for anything else
 * (unknown files, other kinds, path traversal). Public: the files hold no data; the pages ask for the API token and
 * send it on every API call. Every answer carries a strict Content-Security-Policy (scripts and connections to this
 * origin only, no inline script, no framing), {@code X-Content-Type-Options: nosniff},
 * {@code Referrer-Policy: no-referrer} and {@code Cache-Control: no-cache} (revalidate: a new build is seen at once).
 */
@Path("console")
@ApplicationScoped
public class ConsoleResource {

    /** The console's Content-Security-Policy. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /**
     * @param uri the request's URI
     * @return {@code index.html} for {@code /console/}, a 303 to {@code /console/} for {@code /console}
     */
    @GET
    public Response index(@Context UriInfo uri) {
        if (!uri.getRequestUri().getRawPath().endsWith("/")) {
            return secured(Response.seeOther(URI.create("/console/"))).build();
        }
        return asset("index.html");
    }

    /**
     * @param path the path below {@code /console/}
     * @return the asset with its content type, or 404 {@code NOT_FOUND} (plain text)
     */
    @GET
    @Path("{path: .+}")
    public Response asset(@PathParam("path") String path) {
        Optional<ConsoleAssets.Asset> asset = ConsoleAssets.resolve(path);
        byte[] body = asset.map(a -> read(a.resource())).orElse(null);
        if (body == null) {
            return secured(Response.status(Response.Status.NOT_FOUND).type("text/plain; charset=utf-8")
                    .entity("not found\n")).build();
        }
        return secured(Response.ok(body, asset.get().contentType())).build();
    }

    private static Response.ResponseBuilder secured(Response.ResponseBuilder r) {
        return r.header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache");
    }

    /** @return the resource's bytes, or null when the build put no such file there */
    private static byte[] read(String resource) {
        ClassLoader loader = ConsoleResource.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("console asset " + resource + ": " + e.getMessage(), e);
        }
    }
}
