package org.golem.vm.requestor.interfaces.web;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.requestor.application.RequestorStartup;
import org.golem.vm.requestor.application.VmTerminals;
import org.golem.vm.requestor.application.port.Deadlines;
import org.golem.vm.requestor.application.port.JobRunner;
import org.golem.vm.requestor.application.port.VmShells;

/**
 * The web console's terminal: {@code ws://<host>:<port>/api/v1/vms/{name}/terminal}, a login shell in the VM over
 * SSH held by the requestor (its key, the VM's pinned host key). Protocol ({@link TerminalProtocol},
 * requestor-ear/API.md): the client's first frame is {@code auth} with the API token within
 * {@value #AUTH_SECONDS} s (a browser cannot set headers on a WebSocket, and the token never goes in the URL); then
 * {@code ready}, the shell's output as binary frames, {@code input} and {@code resize} from the client, and
 * {@code exit} when the shell ends (input and resizes sent between auth and ready are applied once the shell is
 * there). Failures are an {@code error} frame and a close with the code's close code.
 * One instance per connection; SSH is opened and read off the container's threads.
 */
@ServerEndpoint("/api/v1/vms/{name}/terminal")
public class TerminalEndpoint {
    private static final Logger LOG = Logger.getLogger(TerminalEndpoint.class.getName());
    /** How long the client has for its auth frame, seconds. */
    static final long AUTH_SECONDS = 10;

    @Inject
    RequestorStartup startup;

    @Inject
    VmTerminals terminals;

    @Inject
    JobRunner jobs;

    @Inject
    Deadlines deadlines;

    private Session ws;
    private String name;
    private volatile boolean authenticated;
    private volatile boolean ended;
    private volatile VmShells.ShellSession shell;
    private Runnable authDeadline;
    /** Frames after auth and before the shell is there, in order. */
    private final List<TerminalProtocol.ClientMessage> early = new ArrayList<>();
    /** At most this many frames are kept before the ready frame. */
    private static final int MAX_EARLY_FRAMES = 256;

    @OnOpen
    public void open(Session session, @PathParam("name") String vmName) {
        this.ws = session;
        this.name = vmName;
        session.setMaxTextMessageBufferSize(1 << 20);
        authDeadline = deadlines.schedule(() -> {
            if (!authenticated) {
                fail("AUTH_TIMEOUT", "no auth frame within " + AUTH_SECONDS + " s");
            }
        }, AUTH_SECONDS);
    }

    @OnMessage
    public void text(String text) {
        if (ended) {
            return;
        }
        TerminalProtocol.ClientMessage m;
        try {
            m = TerminalProtocol.parse(text);
        } catch (TerminalProtocol.InvalidMessage e) {
            fail("INVALID_MESSAGE", e.getMessage());
            return;
        }
        if (!authenticated) {
            if (!(m instanceof TerminalProtocol.Auth auth)) {
                fail("INVALID_MESSAGE", "the first frame must be {\"type\":\"auth\",...}");
                return;
            }
            if (!startup.apiTokenMatches(auth.token())) {
                fail("UNAUTHORIZED", "missing or wrong API token (the content of the data dir's api.token)");
                return;
            }
            authenticated = true;
            authDeadline.run();
            jobs.submit(() -> connect(auth.cols(), auth.rows()));
            return;
        }
        if (m instanceof TerminalProtocol.Auth) {
            fail("INVALID_MESSAGE", "already authenticated");
            return;
        }
        VmShells.ShellSession s;
        synchronized (early) {
            s = shell;
            if (s == null) { // typed (or a resize) while SSH connects: applied once the shell is there
                if (early.size() >= MAX_EARLY_FRAMES) {
                    fail("INVALID_MESSAGE", "more than " + MAX_EARLY_FRAMES + " frames before the ready frame");
                } else {
                    early.add(m);
                }
                return;
            }
        }
        apply(s, m);
    }

    private void apply(VmShells.ShellSession s, TerminalProtocol.ClientMessage m) {
        if (m instanceof TerminalProtocol.Input in) {
            try {
                s.write(in.bytes());
            } catch (IOException e) {
                fail("SSH_FAILED", "the SSH connection is gone: " + e.getMessage());
            }
        } else if (m instanceof TerminalProtocol.Resize r) {
            s.resize(r.cols(), r.rows());
        }
    }

    @OnMessage
    public void binary(ByteBuffer data) {
        fail("INVALID_MESSAGE", "binary frames are the server's; send {\"type\":\"input\",...}");
    }

    /** Opens the shell (off the container's threads: SSH may take seconds) and says ready. */
    private void connect(int cols, int rows) {
        try {
            VmTerminals.Terminal t = terminals.open(name, cols, rows, new VmShells.Listener() {
                @Override
                public void output(byte[] bytes) {
                    send(ByteBuffer.wrap(bytes));
                }

                @Override
                public void exited(int status) {
                    if (!ended) {
                        send(TerminalProtocol.exit(status));
                        close(CloseReason.CloseCodes.NORMAL_CLOSURE.getCode(), "shell exited");
                    }
                }
            });
            if (ended) { // the client went while we connected
                t.shell().close();
                return;
            }
            send(TerminalProtocol.ready(t.host(), t.port(), t.user(), t.shell().hostKeyFingerprint()));
            synchronized (early) {
                shell = t.shell();
                early.forEach(m -> apply(t.shell(), m));
                early.clear();
            }
            t.shell().start(); // the output follows the ready frame
        } catch (DomainException e) {
            fail(e.code(), e.getMessage());
        } catch (VmShells.HostKeyMismatchException e) {
            fail("HOST_KEY_MISMATCH", e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "terminal of " + name, e);
            fail("SSH_FAILED", e.getMessage());
        }
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        ended = true;
        if (authDeadline != null) {
            authDeadline.run();
        }
        VmShells.ShellSession s = shell;
        if (s != null) {
            s.close();
        }
    }

    @OnError
    public void error(Session session, Throwable t) {
        LOG.log(Level.FINE, "terminal of " + name + ": " + t);
    }

    private void fail(String code, String message) {
        if (ended) {
            return;
        }
        send(TerminalProtocol.error(code, message));
        close(TerminalProtocol.closeCode(code), code);
        VmShells.ShellSession s = shell;
        if (s != null) {
            s.close();
        }
    }

    private void send(Object frame) {
        synchronized (this) { // one sender at a time: the reading thread, the container's, the deadline's
            if (!ws.isOpen()) {
                return;
            }
            try {
                if (frame instanceof ByteBuffer b) {
                    ws.getBasicRemote().sendBinary(b);
                } else {
                    ws.getBasicRemote().sendText((String) frame);
                }
            } catch (IOException e) {
                LOG.log(Level.FINE, "terminal of " + name + ": cannot send", e);
            }
        }
    }

    private void close(int code, String reason) {
        ended = true;
        synchronized (this) {
            try {
                if (ws.isOpen()) {
                    ws.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
                }
            } catch (IOException e) {
                LOG.log(Level.FINE, "terminal of " + name + ": cannot close", e);
            }
        }
    }
}
