package dev.groundwork.local;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The load of {@code bench local}: {@code clients} keep-alive HTTP/1.1 connections, each sending one pre-built request
 * as soon as the previous answer has arrived, for a fixed time. Each client is a platform thread with a blocking
 * socket and reads answers from a buffer of its own: on a 2-core machine the client's own CPU is taken from the runner
 * it measures, and {@code java.net.http}'s asynchronous machinery cost several times what this does.
 */
final class ClosedLoopClients {

    /** Latencies of the answered requests, sorted, and the wall time of the run. */
    record Run(long[] latencies, long wallNanos, int failures, String firstFailure) {
        double percentileMillis(double percentile) {
            int index = (int) Math.ceil(percentile / 100 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, index))] / 1e6;
        }

        double perSecond() {
            return latencies.length / (wallNanos / 1e9);
        }
    }

    private final String host;
    private final int port;

    ClosedLoopClients(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** {@code GET path} or {@code POST path} with a JSON body, with the given bearer token. */
    byte[] request(String method, String path, String token, String jsonBody) {
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                + "Authorization: Bearer " + token + "\r\nUser-Agent: groundwork-bench\r\nAccept: application/json\r\n"
                + (jsonBody == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    Run run(byte[] request, int clients, Duration duration) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch connected = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Client> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client client = new Client(request, stop, connected, go);
            all.add(client);
            threads.add(Thread.ofPlatform().name("bench-client-" + i).daemon().start(client));
        }
        connected.await();
        long began = System.nanoTime();
        go.countDown();
        Thread.sleep(duration.toMillis());
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        long wall = System.nanoTime() - began;
        int count = all.stream().mapToInt(client -> client.count).sum();
        long[] latencies = new long[count];
        int at = 0;
        int failures = 0;
        String firstFailure = null;
        for (Client client : all) {
            System.arraycopy(client.latencies, 0, latencies, at, client.count);
            at += client.count;
            failures += client.failures;
            if (firstFailure == null) {
                firstFailure = client.firstFailure;
            }
        }
        Arrays.sort(latencies);
        return new Run(latencies, wall, failures, firstFailure);
    }

    private final class Client implements Runnable {
        private final byte[] request;
        private final AtomicBoolean stop;
        private final CountDownLatch connected;
        private final CountDownLatch go;
        private final byte[] buffer = new byte[64 * 1024];
        private int position;
        private int limit;
        long[] latencies = new long[1 << 14];
        int count;
        int failures;
        String firstFailure;

        Client(byte[] request, AtomicBoolean stop, CountDownLatch connected, CountDownLatch go) {
            this.request = request;
            this.stop = stop;
            this.connected = connected;
            this.go = go;
        }

        @Override
        public void run() {
            Socket socket = null;
            try {
                socket = connect();
                connected.countDown();
                go.await();
                while (!stop.get()) {
                    long began = System.nanoTime();
                    socket.getOutputStream().write(request);
                    int status = readResponse(socket.getInputStream());
                    long took = System.nanoTime() - began;
                    if (status >= 300) {
                        fail("HTTP " + status);
                        continue;
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = took;
                }
            } catch (IOException e) {
                fail(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                connected.countDown();
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // the run is over
                    }
                }
            }
        }

        private Socket connect() throws IOException {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            position = 0;
            limit = 0;
            return socket;
        }

        private void fail(String what) {
            failures++;
            if (firstFailure == null) {
                firstFailure = what;
            }
        }

        /** Reads one whole answer (Content-Length or chunked) and returns its status. */
        private int readResponse(InputStream in) throws IOException {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            String header;
            while (!(header = line(in)).isEmpty()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(header.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                long size;
                while ((size = Long.parseLong(line(in).split(";")[0].trim(), 16)) > 0) {
                    skip(in, size);
                    line(in);
                }
                while (!line(in).isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                skip(in, length);
            }
            return status;
        }

        private String line(InputStream in) throws IOException {
            StringBuilder text = null;
            while (true) {
                for (int i = position; i < limit; i++) {
                    if (buffer[i] == '\n') {
                        int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                        String part = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
                        position = i + 1;
                        return text == null
                                ? part
                                : text.append(part).toString().replace("\r", "");
                    }
                }
                if (text == null) {
                    text = new StringBuilder();
                }
                text.append(new String(buffer, position, limit - position, StandardCharsets.ISO_8859_1));
                fill(in);
            }
        }

        private void skip(InputStream in, long bytes) throws IOException {
            long remaining = bytes;
            while (remaining > 0) {
                if (position == limit) {
                    fill(in);
                }
                int taken = (int) Math.min(remaining, limit - position);
                position += taken;
                remaining -= taken;
            }
        }

        private void fill(InputStream in) throws IOException {
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                throw new EOFException("the runner closed the connection");
            }
            position = 0;
            limit = n;
        }
    }
}
