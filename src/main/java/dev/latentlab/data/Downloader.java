package dev.latentlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies an http(s) or file URI to a local file with a progress bar (bytes, speed, ETA): on the console when
 * there is one, otherwise as log lines every few seconds. Failures are IOExceptions with one-line messages
 * that name the URI.
 */
final class Downloader {
    private static final Logger log = LoggerFactory.getLogger(Downloader.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(2);
    private static final int LOG_INTERVAL_MS = 5000;

    private Downloader() {
    }

    /** Writes the content of {@code source} to {@code target} (created or replaced); returns its size in bytes. */
    static long download(URI source, Path target, String task) throws IOException {
        log.info("Downloading {} from {}", task, source);
        long started = System.nanoTime();
        long bytes = "file".equalsIgnoreCase(source.getScheme()) ? copyFile(source, target, task)
                : copyHttp(source, target, task);
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("Downloaded {} ({} bytes) in {} s", task, bytes, String.format("%.1f", seconds));
        return bytes;
    }

    private static long copyFile(URI source, Path target, String task) throws IOException {
        Path file = Path.of(source);
        try (InputStream in = Files.newInputStream(file)) {
            return copy(in, Files.size(file), target, source, task);
        } catch (NoSuchFileException e) {
            throw new IOException(source + ": file not found", e);
        }
    }

    private static long copyHttp(URI source, Path target, String task) throws IOException {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        HttpRequest request = HttpRequest.newBuilder(source).timeout(RESPONSE_TIMEOUT)
                .header("User-Agent", "latentlab").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("GET " + source + ": interrupted");
        } catch (IOException e) {
            throw new IOException("GET " + source + " failed: " + describe(e), e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("GET " + source + " failed: HTTP " + response.statusCode());
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            return copy(body, length, target, source, task);
        }
    }

    /** Copies {@code in} to {@code target}, checking the length when it is known (not -1). */
    private static long copy(InputStream in, long length, Path target, URI source, String task) throws IOException {
        long total = 0;
        try (ProgressBar bar = progressBar(task, length); OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                total += n;
                bar.stepTo(total);
            }
        } catch (IOException e) {
            throw new IOException(source + ": download failed after " + total + " bytes: " + describe(e), e);
        }
        if (length >= 0 && total != length) {
            throw new IOException(source + ": download incomplete (" + length + " bytes expected, got " + total + ")");
        }
        return total;
    }

    private static ProgressBar progressBar(String task, long length) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(length)
                .setUnit("MiB", 1 << 20)
                .showSpeed();
        if (System.console() == null) {
            builder.setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(LOG_INTERVAL_MS)
                    .setConsumer(new DelegatingProgressBarConsumer(log::info, 100));
        }
        return builder.build();
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }
}
