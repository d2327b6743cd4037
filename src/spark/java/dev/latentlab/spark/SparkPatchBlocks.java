package dev.latentlab.spark;

import dev.latentlab.clustering.ClusterSums;
import dev.latentlab.clustering.ColumnMoments;
import dev.latentlab.clustering.FloatBlockAssigner;
import dev.latentlab.clustering.Lloyd;
import dev.latentlab.report.Significant;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * A patch set on Spark as float blocks: digits {@code [0, digits)} of a {@link PatchSource} split into contiguous
 * ranges, one per partition, each cut by the executor that runs it into blocks of up to {@value #BLOCK_ROWS} rows
 * (row-major, D floats a row), persisted MEMORY_AND_DISK (what does not fit the executors' memory goes to their
 * local disks). Row i is the i-th patch in digit order, as in the nd4j engine's patch matrix, so that seeding and
 * re-seeding draw the same rows. As {@link Lloyd.Points}, each assignment pass broadcasts the centroids, runs the
 * fused kernel ({@link FloatBlockAssigner}) on every partition and combines the per-partition sums with
 * {@code treeAggregate}.
 */
final class SparkPatchBlocks implements Lloyd.Points, AutoCloseable {
    /** Rows per cached block: 800 KB of 5x5 patches. */
    static final int BLOCK_ROWS = 8192;
    private static final Logger LOG = LoggerFactory.getLogger(SparkPatchBlocks.class);

    private final JavaSparkContext context;
    private final JavaRDD<float[]> blocks;
    private final int dim;
    private final long[] offsets;
    private final double meanVariance;

    private SparkPatchBlocks(JavaSparkContext context, JavaRDD<float[]> blocks, int dim, long[] offsets,
                             double meanVariance) {
        this.context = context;
        this.blocks = blocks;
        this.dim = dim;
        this.offsets = offsets;
        this.meanVariance = meanVariance;
    }

    /** Cuts, persists and counts the patches of digits {@code [0, digits)} in {@code partitions} partitions. */
    static SparkPatchBlocks cut(JavaSparkContext context, PatchSource source, int digits, int partitions) {
        long t0 = System.nanoTime();
        int n = Math.max(1, Math.min(partitions, digits));
        List<int[]> ranges = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ranges.add(new int[] {(int) ((long) digits * i / n), (int) ((long) digits * (i + 1) / n)});
        }
        int dim = source.size() * source.size();
        JavaRDD<float[]> blocks = context.parallelize(ranges, n)
                .mapPartitions(r -> new Blocks(source, r, dim))
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<Tuple2<Integer, ColumnMoments>> parts = blocks.mapPartitionsWithIndex((p, it) -> {
            ColumnMoments m = new ColumnMoments(dim);
            while (it.hasNext()) {
                float[] b = it.next();
                m.add(FloatBuffer.wrap(b), b.length / dim, dim);
            }
            return List.of(new Tuple2<>(p, m)).iterator();
        }, true).collect();
        long[] offsets = new long[n + 1];
        ColumnMoments all = new ColumnMoments(dim);
        for (Tuple2<Integer, ColumnMoments> part : parts) {
            offsets[part._1() + 1] = part._2().rows();
            all.add(part._2());
        }
        for (int p = 0; p < n; p++) {
            offsets[p + 1] += offsets[p];
        }
        LOG.info("patches_total = {} training patches of {} digits{} (cut by the executors into float blocks: {} "
                        + "partitions, {} s)", all.rows(), digits,
                source.copies() > 0 ? " x " + (source.copies() + 1) + " versions" : "", n,
                Significant.four((System.nanoTime() - t0) / 1e9));
        return new SparkPatchBlocks(context, blocks, dim, offsets, all.meanVariance());
    }

    @Override
    public long rows() {
        return offsets[offsets.length - 1];
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public double meanVariance() {
        return meanVariance;
    }

    /** The cached blocks (each {@code rows x D} floats). */
    JavaRDD<float[]> blocks() {
        return blocks;
    }

    /** One Spark job: each partition sends the rows asked of it. */
    @Override
    public float[] copyRows(long[] indices) {
        int partitions = offsets.length - 1;
        long[][] wanted = new long[partitions][];
        for (int p = 0; p < partitions; p++) {
            long from = offsets[p];
            long to = offsets[p + 1];
            wanted[p] = Arrays.stream(indices).filter(i -> i >= from && i < to).map(i -> i - from).sorted().distinct()
                    .toArray();
        }
        long[] starts = offsets.clone();
        int d = dim;
        List<Tuple2<Long, float[]>> found = blocks.mapPartitionsWithIndex((p, it) -> {
            List<Tuple2<Long, float[]>> out = new ArrayList<>();
            long[] mine = wanted[p];
            int next = 0;
            long first = 0;
            while (next < mine.length && it.hasNext()) {
                float[] b = it.next();
                long end = first + b.length / d;
                for (; next < mine.length && mine[next] < end; next++) {
                    int at = (int) (mine[next] - first) * d;
                    out.add(new Tuple2<>(starts[p] + mine[next], Arrays.copyOfRange(b, at, at + d)));
                }
                first = end;
            }
            return out.iterator();
        }, true).collect();
        Map<Long, float[]> byIndex = new HashMap<>();
        found.forEach(t -> byIndex.put(t._1(), t._2()));
        float[] rows = new float[indices.length * dim];
        for (int i = 0; i < indices.length; i++) {
            float[] row = byIndex.get(indices[i]);
            if (row == null) {
                throw new IllegalArgumentException("row " + indices[i] + " is not among the " + rows() + " patches");
            }
            System.arraycopy(row, 0, rows, i * dim, dim);
        }
        return rows;
    }

    /**
     * One assignment pass on the executors: the centroids broadcast, each partition's blocks through the fused
     * kernel into one {@link ClusterSums}, those combined by {@code treeAggregate}.
     */
    @Override
    public ClusterSums assign(float[] centroids, boolean withSums) {
        int d = dim;
        int k = centroids.length / d;
        Broadcast<float[]> shared = context.broadcast(centroids);
        try {
            return blocks.mapPartitions(it -> {
                ClusterSums sums = new ClusterSums(k, d);
                if (it.hasNext()) {
                    try (FloatBlockAssigner assigner = new FloatBlockAssigner(shared.value(), d)) {
                        while (it.hasNext()) {
                            float[] b = it.next();
                            assigner.assign(b, b.length / d, sums, withSums, null, 0);
                        }
                    }
                }
                return List.of(sums).iterator();
            }).treeAggregate(new ClusterSums(k, d), ClusterSums::add, ClusterSums::add);
        } finally {
            shared.destroy();
        }
    }

    @Override
    public void close() {
        blocks.unpersist(true); // blocking: a context stopped right after must not get its callbacks
    }

    /** The blocks of one partition: its digit ranges cut patch by patch and packed {@value #BLOCK_ROWS} rows a block. */
    private static final class Blocks implements Iterator<float[]> {
        private final PatchSource source;
        private final Iterator<int[]> ranges;
        private final int dim;
        private Iterator<float[]> patches = java.util.Collections.emptyIterator();

        Blocks(PatchSource source, Iterator<int[]> ranges, int dim) {
            this.source = source;
            this.ranges = ranges;
            this.dim = dim;
        }

        @Override
        public boolean hasNext() {
            while (!patches.hasNext() && ranges.hasNext()) {
                int[] r = ranges.next();
                patches = source.patches(r[0], r[1]);
            }
            return patches.hasNext();
        }

        @Override
        public float[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            float[] block = new float[BLOCK_ROWS * dim];
            int rows = 0;
            while (rows < BLOCK_ROWS && hasNext()) {
                System.arraycopy(patches.next(), 0, block, rows++ * dim, dim);
            }
            return rows == BLOCK_ROWS ? block : Arrays.copyOf(block, rows * dim);
        }
    }
}
