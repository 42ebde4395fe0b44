package org.golem.vm.requestor.interfaces.rest;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which files of the web console may be served, and as what: the path below {@code /console/} is mapped to a
 * classpath resource under {@code console/} (written there by the build, {@code src/main/console/build.mjs}) only
 * when every segment is a plain file name ({@code [A-Za-z0-9_-]}, dots inside but not leading, so no {@code ..}, no
 * hidden files, no empty segments, no backslashes or encoded separators) and the extension is one of the console's
 * kinds ({@code .html .js .css .svg .png .woff2}). Everything else is refused, so no other classpath file (classes,
 * configuration) can be reached through the console.
 */
final class ConsoleAssets {

    /** Classpath folder of the built console. */
    static final String ROOT = "console/";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final int MAX_SEGMENTS = 8;
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "woff2", "font/woff2");

    /** A servable asset: its classpath resource name and content type. */
    record Asset(String resource, String contentType) {
    }

    private ConsoleAssets() {
    }

    /**
     * @param path the path below {@code /console/} as the client sent it, decoded (e.g. {@code pages/rent.js}); may
     *             be null or empty
     * @return the asset it names, or empty when the path is not a console file name of a served kind
     */
    static Optional<Asset> resolve(String path) {
        if (path == null || path.isEmpty() || path.length() > 512) {
            return Optional.empty();
        }
        String[] segments = path.split("/", -1);
        if (segments.length > MAX_SEGMENTS) {
            return Optional.empty();
        }
        for (String s : segments) {
            if (!SEGMENT.matcher(s).matches() || s.contains("..")) {
                return Optional.empty();
            }
        }
        String last = segments[segments.length - 1];
        int dot = last.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String type = TYPES.get(last.substring(dot + 1).toLowerCase(Locale.ROOT));
        return type == null ? Optional.empty() : Optional.of(new Asset(ROOT + path, type));
    }
}
