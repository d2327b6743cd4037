"""Draws tiny.png, the 64x48 test picture of the quantize tests (pure Python, no image library).

Run: python3 draw_test_image.py  (writes tiny.png next to this script; deterministic).
"""
import math, os, random, struct, zlib

W, H = 64, 48
rnd = random.Random(7)
img = []
for y in range(H):
    row = []
    for x in range(W):
        # sky: blue-to-orange vertical gradient; ground: green horizontal gradient
        if y < 30:
            t = y / 29
            r, g, b = 40 + 200 * t, 90 + 80 * t, 220 - 150 * t
        else:
            t = x / (W - 1)
            r, g, b = 30 + 60 * t, 120 + 60 * (1 - t), 40
        # a red sun
        if (x - 46) ** 2 + (y - 12) ** 2 <= 49:
            r, g, b = 230, 40, 30
        # a purple house with a yellow window
        if 10 <= x < 26 and 22 <= y < 40:
            r, g, b = 120, 50, 140
            if 14 <= x < 19 and 27 <= y < 32:
                r, g, b = 250, 220, 60
        # a white roof triangle
        if 18 - (22 - y) * 1.2 <= x <= 18 + (22 - y) * 1.2 and 12 <= y < 22:
            r, g, b = 235, 235, 235
        n = rnd.uniform(-6, 6)
        row.append(tuple(max(0, min(255, int(round(v + n)))) for v in (r, g, b)))
    img.append(row)

raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in img)
def chunk(tag, data):
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xffffffff)
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "tiny.png"), "wb") as f:
    f.write(png)
