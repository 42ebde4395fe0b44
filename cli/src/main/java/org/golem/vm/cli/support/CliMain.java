package org.golem.vm.cli.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.common.json.JsonException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * What {@code golem} and {@code golem-provider} share around picocli: debug logging switched on by
 * {@code GOLEM_DEBUG}, running one command line with output flushed, failures turned into one line on stderr with
 * the command's exit status, and the parsing of a service URL.
 */
public final class CliMain {
    private static final Logger LOG = Logger.getLogger(CliMain.class.getName());

    private CliMain() {
    }

    /** {@code GOLEM_DEBUG=1}: the CLI's own loggers at FINE on stderr (requests, causes; never tokens). */
    public static void debugLogging(CliEnv env) {
        String debug = env.getenv("GOLEM_DEBUG");
        if (debug != null && !debug.equals("0") && !debug.equalsIgnoreCase("false")) {
            Logger pkg = Logger.getLogger("org.golem.vm.cli");
            ConsoleHandler h = new ConsoleHandler();
            h.setLevel(Level.FINE);
            pkg.addHandler(h);
            pkg.setLevel(Level.FINE);
        }
    }

    /**
     * Runs one command line: output to the environment's writers, failures reported by {@link #report}.
     *
     * @param cl      the command line (its root object already built)
     * @param env     where output goes
     * @param program the program's name for error lines, e.g. {@code golem}
     * @param service how error lines name the service, e.g. {@code the requestor service}
     * @param args    the arguments
     * @return the exit status
     */
    public static int execute(CommandLine cl, CliEnv env, String program, String service, String... args) {
        cl.setOut(env.out());
        cl.setErr(env.err());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> report(env, program, service, ex));
        try {
            return cl.execute(args);
        } finally {
            env.out().flush();
            env.err().flush();
        }
    }

    /**
     * One line on stderr, {@code <program>: <message>}: a {@link CliException} with its own exit status, unexpected
     * JSON from the service and anything else (an internal error, logged with its stack trace) with 1.
     */
    static int report(CliEnv env, String program, String service, Exception ex) {
        if (ex instanceof CliException ce) {
            LOG.log(Level.FINE, "command failed", ce);
            env.err().println(program + ": " + oneLine(ce.getMessage()));
            return ce.exitCode();
        }
        if (ex instanceof JsonException je) {
            LOG.log(Level.FINE, "unexpected JSON", je);
            env.err().println(program + ": unexpected data from " + service + ": " + oneLine(je.getMessage()));
            return 1;
        }
        LOG.log(Level.WARNING, "internal error", ex);
        env.err().println(program + ": internal error: " + oneLine(String.valueOf(ex)));
        return 1;
    }

    /** @return the text on one line (line breaks and the blanks around them become one space); "failed" for null */
    public static String oneLine(String s) {
        return s == null ? "failed" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /**
     * @param s    a URL as given (trailing slashes are dropped)
     * @param spec the command, for the usage error
     * @param what how the error names it, e.g. {@code requestor service URL}
     * @return the URL
     * @throws ParameterException (exit 2) unless it is an http(s) URL with a host
     */
    public static URI httpUrl(String s, CommandLine.Model.CommandSpec spec, String what) {
        String t = s.strip();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            URI u = new URI(t);
            if (u.getHost() == null || u.getScheme() == null
                    || !(u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))) {
                throw new URISyntaxException(t, "expected http://host:port");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new ParameterException(spec.commandLine(), "invalid " + what + " '" + t
                    + "': expected http://HOST:PORT");
        }
    }
}
