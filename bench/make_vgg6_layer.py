#!/usr/bin/python3
"""Writes a dense 25088 -> 4096 FC layer (VGG-16's fc6: 102,760,448 weights) as a PyTorch-naming
.npz for the compression benchmark: fc0.weight float32 (4096 x 25088), fc0.bias float32 (4096).
Weights are N(0, 0.01) from a fixed seed. Usage: /usr/bin/python3 make_vgg6_layer.py OUT.npz"""
import sys

import numpy as np

rng = np.random.default_rng(6)
w = rng.standard_normal((4096, 25088), dtype=np.float32)
w *= np.float32(0.01)
np.savez(sys.argv[1], **{"fc0.weight": w, "fc0.bias": np.zeros(4096, dtype=np.float32)})
