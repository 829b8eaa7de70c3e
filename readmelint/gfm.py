"""Markdown as GitHub renders it: cmark-gfm, GitHub's parser, with its extensions.

The ``cmarkgfm`` binding's one-call renderer never frees the syntax tree it builds nor
the HTML it copies out (about ten times the text's size a call): here each is freed
through cmark-gfm's own functions as soon as the HTML is read.
"""

from __future__ import annotations

import ctypes
from functools import cache
from typing import Any

# The extensions GitHub uses, as the binding's github_flavored_markdown_to_html has them.
EXTENSIONS = ("table", "autolink", "tagfilter", "strikethrough", "tasklist")


class _Allocator(ctypes.Structure):
    """cmark-gfm's ``cmark_mem``: the allocator its trees and buffers come from."""

    _fields_ = [
        ("calloc", ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t)),
        ("realloc", ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t)),
        ("free", ctypes.CFUNCTYPE(None, ctypes.c_void_p)),
    ]


@cache
def _library() -> tuple[Any, Any, Any]:
    """The binding's compiled module, its ``cmark`` functions, and the C functions it
    does not expose, from the same library."""
    from cmarkgfm import _cmark, cmark  # type: ignore[import-untyped]  # only fix needs it

    library = ctypes.CDLL(_cmark.__file__)
    library.cmark_node_free.argtypes = [ctypes.c_void_p]
    library.cmark_node_free.restype = None
    library.cmark_get_default_mem_allocator.restype = ctypes.POINTER(_Allocator)
    cmark.core_extensions_ensure_registered()
    return _cmark, cmark, library


def render(text: str, positions: bool = False) -> str:
    """``text`` as GitHub renders it before sanitising (raw HTML kept), each block marked
    with its source lines if ``positions`` (``data-sourcepos="1:1-2:5"``)."""
    _cmark, cmark, library = _library()
    options = cmark.Options.CMARK_OPT_UNSAFE | cmark.Options.CMARK_OPT_GITHUB_PRE_LANG
    if positions:
        options |= cmark.Options.CMARK_OPT_SOURCEPOS
    parser = cmark.parser_new(options=options)
    try:
        for name in EXTENSIONS:
            cmark.parser_attach_syntax_extension(parser, cmark.find_syntax_extension(name))
        cmark.parser_feed(parser, text)
        root = cmark.parser_finish(parser)
        try:
            extensions = cmark.parser_get_syntax_extensions(parser)
            html = _cmark.lib.cmark_render_html(root, options, extensions)
            try:
                return str(_cmark.ffi.string(html).decode("utf-8"))
            finally:
                free = library.cmark_get_default_mem_allocator().contents.free
                free(_address(_cmark, html))
        finally:
            library.cmark_node_free(_address(_cmark, root))
    finally:
        cmark.parser_free(parser)


def _address(_cmark: Any, pointer: Any) -> int:
    return int(_cmark.ffi.cast("uintptr_t", pointer))
