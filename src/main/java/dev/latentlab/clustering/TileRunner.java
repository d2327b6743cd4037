package dev.latentlab.clustering;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Shares the row tiles of a {@link PointBlocks} out to a fixed pool of Java worker threads. Each worker owns its
 * state (ND4J buffers, accumulators), sees tiles one at a time until none are left and hands back a result;
 * while more than one worker runs, OpenBLAS and OpenMP are single-threaded ({@link SingleThreadedNatives}).
 */
public final class TileRunner implements AutoCloseable {
    /** Rows {@code [start, start + count)} of block {@code block}; {@code firstRow} is the first one's matrix index. */
    public record Tile(int block, int start, int count, long firstRow) {
        /** The tile's augmented rows [count, D+1] as a view of the block. */
        public INDArray rows(PointBlocks x) {
            return x.block(block).get(NDArrayIndex.interval(start, start + count), NDArrayIndex.all());
        }
    }

    /** One worker thread's state: processes its tiles, then gives its result and is closed. */
    public interface Worker<S> extends AutoCloseable {
        void process(Tile tile);

        S result();

        @Override
        default void close() {
        }
    }

    private final int threads;
    private final ExecutorService pool;

    /** @param threads worker threads (>= 1); @param name the threads' name */
    public TileRunner(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads);
        }
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Worker threads. */
    public int threads() {
        return threads;
    }

    /** Runs every tile of {@code tileRows} rows of {@code x} through workers made by {@code newWorker}; their results. */
    public <S> List<S> run(PointBlocks x, int tileRows, Supplier<? extends Worker<S>> newWorker) {
        List<Tile> tiles = tiles(x, tileRows);
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(threads, Math.max(1, tiles.size()));
        List<Future<S>> futures = new ArrayList<>();
        try (SingleThreadedNatives ignored = SingleThreadedNatives.when(workers > 1)) {
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    try (Worker<S> worker = newWorker.get()) {
                        for (int t = next.getAndIncrement(); t < tiles.size(); t = next.getAndIncrement()) {
                            worker.process(tiles.get(t));
                        }
                        return worker.result();
                    }
                }));
            }
            List<S> results = new ArrayList<>(workers);
            for (Future<S> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    static List<Tile> tiles(PointBlocks x, int tileRows) {
        List<Tile> tiles = new ArrayList<>();
        for (int b = 0; b < x.blockCount(); b++) {
            int n = x.rowsInBlock(b);
            for (int start = 0; start < n; start += tileRows) {
                tiles.add(new Tile(b, start, Math.min(tileRows, n - start), (long) b * x.blockRows() + start));
            }
        }
        return tiles;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
