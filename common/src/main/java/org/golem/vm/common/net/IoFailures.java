package org.golem.vm.common.net;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * Turns network failures into words a person can act on.
 *
 * <p>The JDK's HTTP client throws {@code java.net.ConnectException} with no message at all when a port refuses
 * the connection, and a bare {@code IOException("HTTP/1.1 header parser received no bytes")} when a server dies
 * while answering; printed with {@code getMessage()} they read "cannot be reached: null". {@link #describe} names
 * the cause instead ({@code connection refused}, {@code timed out}, {@code the connection closed before an
 * answer came}, ...), walking the cause chain for the first telling message.
 *
 * <p>{@link #isClientDisconnect} recognises the other side of the same event on a server: the client went away
 * while its response was being written (broken pipe, connection reset, Grizzly's "Connection is closed"). Such a
 * failure is the client's choice, not a fault of the service, and is logged as one line at a low level.
 */
public final class IoFailures {

    private IoFailures() {
    }

    /**
     * Describes why a network operation failed, in a few lower-case words, never {@code null}.
     *
     * @param failure the exception (any {@link Throwable}; its causes are examined too)
     * @return e.g. {@code connection refused}, {@code timed out}, {@code unknown host nosuch.example},
     *         {@code the connection closed before an answer came}, or the first non-blank message in the chain
     *         (the class name when there is none)
     */
    public static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String known = known(t);
            if (known != null) {
                return known;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && !isWrapperMessage(t, m)) {
                return m.strip();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return failure == null ? "unknown error" : failure.getClass().getSimpleName();
    }

    /**
     * Tells whether a failure while writing a response means the client closed its connection (so nobody is
     * left to read the answer and there is nothing to fix on the server).
     *
     * @param failure the exception thrown while writing or flushing a response; its causes are examined too
     * @return true for a broken pipe, a reset connection, a closed channel or Grizzly's "Connection is closed"
     */
    public static boolean isClientDisconnect(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClosedChannelException || t instanceof EOFException) {
                return true;
            }
            if (t instanceof IOException && t.getMessage() != null) {
                String m = t.getMessage().toLowerCase(Locale.ROOT);
                if (m.contains("broken pipe") || m.contains("connection reset") || m.contains("connection is closed")
                        || m.contains("connection was aborted")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String known(Throwable t) {
        String m = t.getMessage() == null ? "" : t.getMessage();
        String lower = m.toLowerCase(Locale.ROOT);
        if (t instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
            return "timed out";
        }
        if (t instanceof UnknownHostException) {
            return m.isBlank() ? "unknown host" : "unknown host " + m.replaceFirst(":.*$", "");
        }
        if (t instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (t instanceof ConnectException) {
            if (lower.startsWith("failed to connect") && t.getCause() != null && t.getCause() != t) {
                return null; // OkHttp (web3j) wraps the real reason
            }
            return m.isBlank() || lower.contains("refused") || lower.startsWith("failed to connect")
                    ? "connection refused" : m.strip();
        }
        if (t instanceof EOFException || t instanceof ClosedChannelException
                || lower.contains("header parser received no bytes") || lower.contains("connection reset")
                || lower.contains("unexpected end of stream") || lower.contains("broken pipe")) {
            return "the connection closed before an answer came";
        }
        return null;
    }

    /** Messages that only repeat the cause's class and message ({@code new IOException(cause)}). */
    private static boolean isWrapperMessage(Throwable t, String message) {
        Throwable c = t.getCause();
        return c != null && message.equals(c.toString());
    }
}
