#!/usr/bin/env python3
"""Writes the benchmark's asset tree: 5,000 files, deterministic content.

4,950 icons of 1-50 KiB in 50 folders, 48 PDFs of 1-5 MiB, two 20 MiB files (multipart).

    bench/assets/make_tree.py DIR [SCALE]

SCALE (default 1) multiplies the number of icons and PDFs, for a quick look while developing the
benchmark (0.1: 495 icons, 5 PDFs, the two large files); published figures use SCALE 1.
"""
import os
import random
import sys

root = sys.argv[1]
scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
rng = random.Random(5000)
KIB, MIB = 1024, 1024 * 1024


def write(path, size):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(rng.randbytes(size))


for i in range(round(4950 * scale)):
    ext = ("svg", "png", "webp")[i % 3]
    write(f"product-icons/set-{i % 50:02d}/icon-{i:04d}.{ext}", rng.randint(1 * KIB, 50 * KIB))
for i in range(max(1, round(48 * scale))):
    write(f"legal/doc-{i:02d}.pdf", rng.randint(1 * MIB, 5 * MIB))
for i in range(2):
    write(f"media/video-{i}.mp4", 20 * MIB)
