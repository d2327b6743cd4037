#!/usr/bin/env bash
# The fused k-means kernel on each instruction set this CPU has, all 20,074,704 non-blank 5x5 MNIST patches, in one
# run: K = 1,000 with scikit-learn's Lloyd iteration beside it (its part first, in the first K = 1,000 run only), then
# K = 10,000. Each line printed is `bench kmeans`'s JSON: the assignment's GFLOP/s, the same-shape ND4J sgemm's, the
# FMA peak measured in the same process (fma_peak) and the shares of it, Lloyd's seconds per iteration. The sgemm
# runs at the kernel's vector width (DNNL_MAX_CPU_ISA=AVX2 beside --isa avx2), so that an AVX2 host is emulated on
# both sides.
#
#   [KS="1000 10000"] [REPEATS=2] src/bench/kmeans_isa.sh [JAR] [ISA...]   (default: target/trainer.jar, avx2 then avx512)
#
# Run it on a quiet machine: every figure is wall seconds, the best of REPEATS timings (the first one warms the JIT).
# scikit-learn comes from Debian (apt-get install python3-sklearn); `bench kmeans --sklearn` unsets OPENBLAS_CORETYPE
# for it only.
set -euo pipefail
jar=${1:-target/trainer.jar}
shift || true
isas=("$@")
if [ ${#isas[@]} -eq 0 ]; then
    isas=(avx2 avx512)
fi
sklearn=(--sklearn)
for k in ${KS:-1000 10000}; do
    for isa in "${isas[@]}"; do
        if [ "$k" != 1000 ]; then
            sklearn=()
        fi
        # the sgemm baseline at the same vector width: ND4J's gemm is oneDNN 2.3's jit matmul, capped only by
        # DNNL_MAX_CPU_ISA (ONEDNN_MAX_CPU_ISA is not read by that version)
        case $isa in
            avx2) cap=AVX2 ;;
            scalar) cap=SSE41 ;;
            *) cap=ALL ;;
        esac
        DNNL_MAX_CPU_ISA=$cap java -Xmx8g -jar "$jar" bench kmeans --digits 60000 --k "$k" --lloyd-iterations 2 --repeats "${REPEATS:-2}" --isa "$isa" \
            ${sklearn[@]+"${sklearn[@]}"} | tail -1
        sklearn=()
    done
done
