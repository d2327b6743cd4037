"""Makes the numpy-written .npz test fixtures of NpzReaderTest (run from this folder: python3 make_fixtures.py)."""
import numpy as np

def pattern(n):
    """uint8 images [n,28,28]: pixel p (= row*28 + col) of image i is (3*p + 17*i) % 256."""
    p = np.arange(784)
    return np.stack([(3 * p + 17 * i) % 256 for i in range(n)]).astype(np.uint8).reshape(n, 28, 28)

# np.savez (stored), uint8 [N,28,28], int64 labels, keys x_train/y_train
np.savez("savez_uint8_x_train.npz", x_train=pattern(5), y_train=np.array([1, 4, 8, 4, 1], dtype=np.int64))
# np.savez_compressed, float32 in [0,1] as [N,784], uint8 labels, keys images/labels
np.savez_compressed("savez_compressed_float32_784.npz",
                    images=(pattern(6).reshape(6, 784) / 255.0).astype(np.float32),
                    labels=np.array([0, 1, 2, 3, 4, 5], dtype=np.uint8))
# np.savez_compressed, float64 [N,1,28,28], int16 labels, keys data/target
np.savez_compressed("savez_compressed_float64_n1hw.npz",
                    data=(pattern(3) / 255.0).reshape(3, 1, 28, 28), target=np.array([7, 2, 1], dtype=np.int16))
# np.savez, big-endian float32 in Fortran order, big-endian int64 labels, keys X/y
np.savez("savez_bigendian_fortran.npz",
         X=np.asfortranarray((pattern(4) / 255.0).astype(">f4")), y=np.array([9, 8, 7, 6], dtype=">i8"))
