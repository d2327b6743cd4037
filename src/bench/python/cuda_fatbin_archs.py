#!/usr/bin/env python3
"""Lists the GPU code in a CUDA shared library's fat binaries, as `cuobjdump --list-elf --list-ptx` would.

Used to find out which GPUs ND4J's CUDA build can run on (src/site/markdown/performance.md, "CUDA and GPUs"): every container in the library's
.nv_fatbin section holds entries, each an ELF (SASS for one sm_XY, runs only on that major architecture) or PTX
(for compute_XY, JIT-compiled by the driver for the GPU at hand, so it also runs on newer GPUs). Prints one JSON
line: counts of ELF entries per sm and of PTX entries per (arch, PTX ISA version as the header gives it).
Needs binutils' objcopy. The header layout (16-byte container header, then 64+-byte entry headers: kind 1 = PTX,
2 = ELF, version minor/major, sm) was checked against nvcc 13 objects built with known -gencode lists.

usage: cuda_fatbin_archs.py LIBRARY.so
"""
import collections
import json
import struct
import subprocess
import sys
import tempfile

MAGIC = 0xBA55ED50


def fatbin_section(path):
    with tempfile.NamedTemporaryFile() as out:
        subprocess.run(["objcopy", "-O", "binary", "--only-section=.nv_fatbin", path, out.name], check=True)
        with open(out.name, "rb") as f:
            return f.read()


def entries(data):
    pos = 0
    while pos + 16 <= len(data):
        magic, _version, header_size, fat_size = struct.unpack_from("<IHHQ", data, pos)
        if magic != MAGIC:
            pos += 8
            continue
        entry = pos + header_size
        end = entry + fat_size
        while entry < end:
            kind, _, entry_header, payload = struct.unpack_from("<HHIQ", data, entry)
            minor, major, arch = struct.unpack_from("<HHI", data, entry + 24)
            yield kind, arch, major, minor
            entry += entry_header + payload
        pos = end


def main():
    elf = collections.Counter()
    ptx = collections.Counter()
    for kind, arch, major, minor in entries(fatbin_section(sys.argv[1])):
        if kind == 2:
            elf["sm_%d" % arch] += 1
        elif kind == 1:
            ptx["compute_%d ptx %d.%d" % (arch, major, minor)] += 1
    print(json.dumps({"library": sys.argv[1], "elf": dict(sorted(elf.items())), "ptx": dict(sorted(ptx.items()))}))


if __name__ == "__main__":
    main()
