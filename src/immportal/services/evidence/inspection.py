"""Looks inside an uploaded file (pypdf, Pillow) and refuses what is unsafe to keep or show."""

from collections.abc import Iterator
from typing import Any, BinaryIO

from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from immportal.domain.evidence.document import MediaType
from immportal.services.evidence.intake import UnsafeDocument

MAX_PDF_OBJECTS = 200_000
"""A real document has far fewer objects; more only slows the walk below."""
MAX_IMAGE_FRAMES = 500
"""Pages of a multi-page TIFF that are decoded at most."""

_PILLOW_FORMATS = {MediaType.JPEG: "JPEG", MediaType.PNG: "PNG", MediaType.TIFF: "TIFF"}
# Actions that run code or programs when a PDF is opened or clicked.
_ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch"})
_ACTIVE_KEYS = frozenset({"/JS", "/JavaScript"})


def inspect_file(file: BinaryIO, media_type: MediaType, *, max_pixels: int) -> None:
    """Raise UnsafeDocument unless the file parses as its type and is safe to keep.

    CPU-bound: call it in a worker thread.
    """
    file.seek(0)
    if media_type is MediaType.PDF:
        inspect_pdf(file)
    else:
        inspect_image(file, media_type, max_pixels=max_pixels)


def inspect_pdf(file: BinaryIO) -> None:
    """Refuse a PDF that is encrypted, unreadable, or carries JavaScript or launch actions."""
    try:
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted:
            raise UnsafeDocument("The PDF is protected with a password. Upload it without one.")
        if len(reader.pages) == 0:
            raise UnsafeDocument("The PDF has no pages.")
        active = _find_active_content(reader.trailer)
    except UnsafeDocument:
        raise
    except Exception as exc:  # pypdf raises many kinds of error on damaged files
        raise UnsafeDocument("The PDF is damaged and cannot be read.") from exc
    if active:
        raise UnsafeDocument("The PDF contains scripts or actions. Upload a plain PDF.")


def _find_active_content(root: DictionaryObject) -> bool:
    """Whether any object reachable from the trailer is a script or launch action."""
    for obj in _walk(root):
        if not isinstance(obj, DictionaryObject):
            continue
        if any(key in obj for key in _ACTIVE_KEYS):
            return True
        action = obj.get("/S")
        if isinstance(action, IndirectObject):
            action = action.get_object()
        if action in _ACTIVE_ACTIONS:
            return True
    return False


def _walk(root: Any) -> Iterator[Any]:
    # Iterative and guarded by object number, so cycles and deep nesting cannot hang it.
    seen: set[tuple[int, int]] = set()
    stack = [root]
    visited = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            obj = obj.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            raise UnsafeDocument("The PDF is too complex to check.")
        yield obj
        if isinstance(obj, DictionaryObject):
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)


def inspect_image(file: BinaryIO, media_type: MediaType, *, max_pixels: int) -> None:
    """Decode every frame; refuse a damaged image or one larger than `max_pixels`."""
    try:
        with Image.open(file, formats=[_PILLOW_FORMATS[media_type]]) as image:
            frames = getattr(image, "n_frames", 1)
            if frames > MAX_IMAGE_FRAMES:
                raise UnsafeDocument(f"The image has more than {MAX_IMAGE_FRAMES} pages.")
            for frame in range(frames):
                image.seek(frame)
                width, height = image.size
                # Checked before decoding: a small file can declare a huge picture.
                if width * height > max_pixels:
                    raise UnsafeDocument("The image is too large. Upload a smaller scan.")
                image.load()
    except UnsafeDocument:
        raise
    except Image.DecompressionBombError as exc:
        raise UnsafeDocument("The image is too large. Upload a smaller scan.") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise UnsafeDocument("The image is damaged and cannot be read.") from exc
