#!/usr/bin/env python3
"""Writes numpy-object-arrays.npz: ragged int sequences saved by numpy itself (np.savez, pickle
protocol 3 as numpy writes today), beside int64, float64 and uint8 arrays, to check the Java reader
against the real writer.  Run: python3 numpy_object_npz.py ../resources/dlwj/datasets/numpy-object-arrays.npz
"""
import sys
import numpy as np

x = np.empty(3, dtype=object)
x[:] = [[1, 14, 22], [1, 194, 1153, 194, 8255], [1, 300]]
np.savez(sys.argv[1], x=x, y=np.array([1, 0, 1], dtype=np.int64),
         f=np.array([[1.5, -2.25], [3.0, 4.125]]), u=np.array([[0, 255], [128, 7]], dtype=np.uint8))
