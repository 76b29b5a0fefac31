"""Sample uploads made at test time: real PDFs and images, hostile ones, and impostors."""

import io
import struct
import zlib
from collections.abc import AsyncIterator

from fpdf import FPDF
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject


def pdf(text: str = "Birth certificate") -> bytes:
    """A one-page PDF with some text."""
    document = FPDF()
    document.add_page()
    document.set_font("Helvetica", size=14)
    document.cell(text=text)
    return bytes(document.output())


def _rewritten(source: bytes) -> PdfWriter:
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(source)))
    return writer


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    """A PDF that needs a password to open."""
    writer = _rewritten(pdf())
    writer.encrypt(user_password="secret", owner_password="owner")
    return _written(writer)


def javascript_pdf() -> bytes:
    """A PDF that runs JavaScript when opened (a script in the document's name tree)."""
    writer = _rewritten(pdf())
    script = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hello');"),
        }
    )
    scripts = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("hi"), writer._add_object(script)])}
    )
    names = DictionaryObject({NameObject("/JavaScript"): writer._add_object(scripts)})
    writer._root_object[NameObject("/Names")] = writer._add_object(names)
    return _written(writer)


def launch_pdf() -> bytes:
    """A PDF whose open action launches a program."""
    writer = _rewritten(pdf())
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("calc.exe"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return _written(writer)


def image(fmt: str, size: tuple[int, int] = (40, 30), info: PngInfo | None = None) -> bytes:
    """A small picture in the given Pillow format (JPEG, PNG, TIFF)."""
    out = io.BytesIO()
    picture = Image.new("RGB", size, (200, 120, 40))
    if info is None:
        picture.save(out, format=fmt)
    else:
        picture.save(out, format=fmt, pnginfo=info)
    return out.getvalue()


def png_with_text(text: str) -> bytes:
    """A valid PNG carrying the text in a tEXt chunk."""
    info = PngInfo()
    info.add_text("Comment", text)
    return image("PNG", info=info)


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A tiny PNG whose header declares a gigantic picture (a decompression bomb)."""
    original = image("PNG", (1, 1))
    # IHDR is the first chunk: 8-byte signature, length, type, then width and height.
    ihdr = bytearray(original[8 : 8 + 25])
    ihdr[8:16] = struct.pack(">II", width, height)
    crc = struct.pack(">I", zlib.crc32(bytes(ihdr[4:21])) & 0xFFFFFFFF)
    return original[:8] + bytes(ihdr[:21]) + crc + original[8 + 25 :]


def windows_executable() -> bytes:
    """The start of a Windows program (an 'MZ' header), as someone might rename to .pdf."""
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def html_page() -> bytes:
    """An HTML page, as someone might rename to .png."""
    return b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


async def chunks_of(data: bytes, size: int = 64 * 1024) -> AsyncIterator[bytes]:
    """The bytes as an upload delivers them: in chunks."""
    for start in range(0, len(data), size):
        yield data[start : start + size]
