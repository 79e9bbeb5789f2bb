"""Read every file of a built site as text, whatever its container (zip, xlsx, pdf)."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def _pdf_text(data: bytes) -> str:
    parts = [data.decode("latin-1")]
    for raw in _STREAM.findall(data):
        try:
            parts.append(zlib.decompress(raw).decode("latin-1"))
        except zlib.error:
            parts.append(raw.decode("latin-1"))
    return "\n".join(parts)


def texts(path: Path, data: bytes | None = None, name: str | None = None) -> Iterator[tuple[str, str]]:
    """(name, text) of a file and, for zip containers, of every member."""
    data = path.read_bytes() if data is None else data
    name = name or path.name
    if name.endswith((".zip", ".xlsx")):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for member in z.namelist():
                yield from texts(path, z.read(member), f"{name}/{member}")
    elif name.endswith(".pdf"):
        yield name, _pdf_text(data)
    elif name.endswith(".parquet"):
        return  # numbers are checked from the frame
    else:
        yield name, data.decode("utf-8", errors="replace")


def site_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file())
