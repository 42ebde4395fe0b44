package org.golem.vm.requestor.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.golem.vm.common.json.Json;

/**
 * A test client of the requestor's terminal WebSocket ({@code /api/v1/vms/{name}/terminal}) with the JDK's
 * {@link WebSocket}: keeps the JSON text frames in order, the binary output as one growing text, and the close code.
 */
public final class TerminalClient implements AutoCloseable {
    private final WebSocket ws;
    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

    /**
     * @param base the requestor's {@code http://host:port}
     * @param vm   the VM's name
     */
    public TerminalClient(URI base, String vm) {
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "/api/v1/vms/" + vm + "/terminal");
        ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            frames.add(Json.tree(text.toString()));
                            text.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                        byte[] b = new byte[data.remaining()];
                        data.get(b);
                        synchronized (output) {
                            output.writeBytes(b);
                        }
                        w.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
                        closeCode.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket w, Throwable error) {
                        closeCode.completeExceptionally(error);
                    }
                }).join();
    }

    /** Sends a text frame. */
    public TerminalClient send(String json) {
        ws.sendText(json, true).join();
        return this;
    }

    /** @return the next JSON text frame within 60 s */
    public JsonNode frame() throws InterruptedException {
        JsonNode f = frames.poll(60, TimeUnit.SECONDS);
        if (f == null) {
            throw new AssertionError("no frame within 60 s; output so far: " + output());
        }
        return f;
    }

    /** @return the shell's output so far, decoded as UTF-8 */
    public String output() {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits up to 60 s until the output contains {@code text}; returns the output. */
    public String awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!output().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return output();
    }

    /** @return the close code the server sent, within 30 s */
    public int closeCode() throws Exception {
        return closeCode.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        ws.abort();
    }
}
