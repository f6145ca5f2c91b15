#!/usr/bin/env python3
"""Writes src/web/static/favicon.ico: a 32x32 PNG inside an ICO directory (every current browser
reads PNG icons), drawn here so that the binary file has a readable source. Standard library only.

    python3 scripts/make-favicon.py
"""
import struct
import zlib
from pathlib import Path

SIZE = 32
PRIMARY = (0x2F, 0x5D, 0x8A, 255)   # --primary of style.css
ACCENT = (0xE0, 0x7B, 0x39, 255)    # --secondary
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)
# Three bars of a chart, left to right: (x0, x1, top), bottoms at y = 25.
BARS = [(7, 11, 16, WHITE), (14, 18, 10, WHITE), (21, 25, 6, ACCENT)]


def pixel(x, y):
    # A square with corners rounded at radius 6.
    r = 6
    cx = min(max(x, r), SIZE - 1 - r)
    cy = min(max(y, r), SIZE - 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return CLEAR
    for x0, x1, top, colour in BARS:
        if x0 <= x <= x1 and top <= y <= 25:
            return colour
    return PRIMARY


def png():
    rows = b"".join(b"\0" + b"".join(bytes(pixel(x, y)) for x in range(SIZE)) for y in range(SIZE))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9))
            + chunk(b"IEND", b""))


image = png()
directory = struct.pack("<HHH", 0, 1, 1) + struct.pack("<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(image), 22)
out = Path(__file__).resolve().parent.parent / "src/web/static/favicon.ico"
out.write_bytes(directory + image)
print(f"{out}: {len(directory) + len(image)} bytes")
