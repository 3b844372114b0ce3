#!/usr/bin/env python3
"""Writes the benchmark's asset tree: 5,000 files, deterministic content.

4,950 icons of 1-50 KiB in 50 folders, 48 PDFs of 1-5 MiB, two 20 MiB files (multipart).
"""
import os
import random
import sys

root = sys.argv[1]
rng = random.Random(5000)
KIB, MIB = 1024, 1024 * 1024


def write(path, size):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(rng.randbytes(size))


for i in range(4950):
    ext = ("svg", "png", "webp")[i % 3]
    write(f"product-icons/set-{i % 50:02d}/icon-{i:04d}.{ext}", rng.randint(1 * KIB, 50 * KIB))
for i in range(48):
    write(f"legal/doc-{i:02d}.pdf", rng.randint(1 * MIB, 5 * MIB))
for i in range(2):
    write(f"media/video-{i}.mp4", 20 * MIB)
