#!/usr/bin/env python3
# Usage: python3 src/bench/python/npz_bomb.py bomb.npz
# An npz whose x entry has a valid 10x28x28 uint8 header followed by 3 GB of zeros (deflated to a few MB).
import zipfile, numpy as np, io, sys
hdr = io.BytesIO()
np.lib.format.write_array_header_1_0(hdr, {'descr': '|u1', 'fortran_order': False, 'shape': (10, 28, 28)})
with zipfile.ZipFile(sys.argv[1], 'w', compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    with z.open('x.npy', 'w', force_zip64=True) as f:
        f.write(hdr.getvalue())
        chunk = bytes(1 << 24)
        for _ in range(3 * 1024 // 16):
            f.write(chunk)
    z.writestr('y.npy', (lambda b: (np.save(b, np.zeros(10, np.uint8)), b.getvalue())[1])(io.BytesIO()))
