"""File readers: bytes on disk -> plain text, with format sniffing and the configured limits.

Each reader raises a specific RecordsError. Heavy parsing (PDF, DOCX, OCR) runs in a child process with
a wall-clock limit, so a malformed or hostile file can never hang the caller.
"""

from __future__ import annotations

import io
import multiprocessing as mp
import os
import zipfile
from pathlib import Path

from oncoguide.records.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileTooLargeError,
    NoTextFoundError,
    ProcessingTimeoutError,
    RecordsError,
    UnsupportedFileError,
)
from oncoguide.records.limits import ImportLimits

KINDS = {
    ".pdf": "pdf", ".docx": "docx", ".txt": "text", ".text": "text", ".md": "text",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image",
    ".json": "fhir", ".fhir": "fhir",
}


def sniff(data: bytes) -> str | None:
    """Format from the first bytes (None when it looks like text)."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(b"\x89PNG") or data.startswith(b"\xff\xd8\xff") or data[:4] in (b"II*\x00", b"MM\x00*"):
        return "image"
    if data[:6] in (b"\x1f\x8b\x08\x00\x00\x00",) or data.startswith((b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!")):
        return "archive"
    return None


def detect_kind(path: Path, data: bytes) -> str:
    """The reader to use; extension and content must agree."""
    name = path.name
    if not data:
        raise EmptyFileError(f"{name}: the file is empty (0 bytes).")
    ext = path.suffix.lower()
    sniffed = sniff(data)
    if sniffed == "archive" or ext in (".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar"):
        raise UnsupportedFileError(f"{name}: archives are not accepted; upload the documents themselves.")
    kind = KINDS.get(ext)
    if kind is None:
        raise UnsupportedFileError(
            f"{name}: unsupported file type '{ext or 'no extension'}'. Accepted: {', '.join(sorted(KINDS))}."
        )
    expected = {"pdf": "pdf", "docx": "zip", "image": "image"}.get(kind)
    if expected and sniffed != expected:
        raise UnsupportedFileError(f"{name}: the extension says {ext} but the content is not a {kind.upper()} file.")
    if kind in ("text", "fhir") and sniffed is not None:
        raise UnsupportedFileError(f"{name}: the extension says {ext} but the content is a {sniffed} file.")
    return kind


def decode_text(name: str, data: bytes, limits: ImportLimits) -> str:
    """UTF-8 (or Latin-1) text; binary junk is refused."""
    if b"\x00" in data[:8192]:
        raise UnsupportedFileError(f"{name}: binary content, not a text document.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    sample = text[:8192]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\r\n\t\f") or 0x7F <= ord(c) < 0xA0)
    if sample and bad / len(sample) > 0.05:
        raise UnsupportedFileError(f"{name}: binary content, not a text document.")
    if len(text) > limits.max_text_chars:
        raise FileTooLargeError(f"{name}: {len(text):,} characters is over the limit of {limits.max_text_chars:,}.")
    if not text.strip():
        raise EmptyFileError(f"{name}: the document contains no text.")
    return text


# --- PDF --------------------------------------------------------------------------------------------

def _ocr_image(image, limits: ImportLimits) -> str:  # type: ignore[no-untyped-def]
    """OCR one page. Tesseract's OpenMP threads spin-wait against each other on a busy or single core
    (7.1 s vs 2.5 s a page measured on one core), so one thread unless the caller set a limit; this runs in
    the forked reader process, so the parent's environment is untouched."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")

    try:
        return str(pytesseract.image_to_string(image.convert("L"), timeout=limits.timeout_seconds))
    except RuntimeError as exc:  # pytesseract raises RuntimeError on its timeout
        raise ProcessingTimeoutError(f"OCR took longer than {limits.timeout_seconds:.0f} s.") from exc
    except pytesseract.TesseractNotFoundError as exc:
        raise RecordsError("OCR needs the 'tesseract-ocr' program (apt-get install tesseract-ocr).") from exc


def _read_pdf(name: str, data: bytes, limits: ImportLimits) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise EncryptedFileError(f"{name}: the PDF is password-protected; upload an unlocked copy.")
            except EncryptedFileError:
                raise
            except Exception as exc:
                raise EncryptedFileError(f"{name}: the PDF is password-protected; upload an unlocked copy.") from exc
        n = len(reader.pages)
    except RecordsError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise CorruptFileError(f"{name}: the PDF is damaged and cannot be read.") from exc
    if n == 0:
        raise EmptyFileError(f"{name}: the PDF has no pages.")
    if n > limits.max_pages:
        raise FileTooLargeError(f"{name}: {n} pages is over the limit of {limits.max_pages} pages.")
    texts: list[str] = []
    scanned: list[int] = []
    for i, page in enumerate(reader.pages):
        try:
            t = page.extract_text() or ""
        except Exception as exc:
            raise CorruptFileError(f"{name}: page {i + 1} of the PDF is damaged.") from exc
        texts.append(t)
        if len(t.strip()) < 20:
            scanned.append(i)
    if scanned:
        if len(scanned) > limits.max_ocr_pages:
            raise FileTooLargeError(
                f"{name}: {len(scanned)} scanned pages need OCR; the limit is {limits.max_ocr_pages}."
            )
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(data)
        for i in scanned:
            image = pdf[i].render(scale=limits.ocr_dpi / 72).to_pil()
            texts[i] = _ocr_image(image, limits)
    text = "\n\f".join(texts)
    if not text.strip():
        raise NoTextFoundError(f"{name}: no readable text was found in the PDF (not even by OCR).")
    return text


# --- DOCX -------------------------------------------------------------------------------------------

def _read_docx(name: str, data: bytes, limits: ImportLimits) -> str:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except zipfile.BadZipFile as exc:
        raise CorruptFileError(f"{name}: the DOCX file is damaged (not a valid zip container).") from exc
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > limits.max_decompressed_bytes or total / packed > limits.max_zip_ratio:
        raise FileTooLargeError(f"{name}: the DOCX expands to {total:,} bytes (a decompression bomb?); refused.")
    names = {i.filename for i in infos}
    if "EncryptionInfo" in names or "EncryptedPackage" in names:
        raise EncryptedFileError(f"{name}: the DOCX is password-protected; upload an unlocked copy.")
    if "word/document.xml" not in names:
        raise UnsupportedFileError(f"{name}: a zip file that is not a Word document.")
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise CorruptFileError(f"{name}: the DOCX file is damaged and cannot be read.") from exc
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text.strip() for cell in row.cells))
    text = "\n".join(parts)
    if not text.strip():
        raise EmptyFileError(f"{name}: the Word document contains no text.")
    return text


# --- images -----------------------------------------------------------------------------------------

def _read_image(name: str, data: bytes, limits: ImportLimits) -> str:
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = limits.max_image_pixels
    try:
        image = Image.open(io.BytesIO(data))
        w, h = image.size
        if w * h > limits.max_image_pixels:
            raise FileTooLargeError(f"{name}: {w}x{h} pixels is over the limit.")
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise CorruptFileError(f"{name}: the image is damaged and cannot be read.") from exc
    except Image.DecompressionBombError as exc:
        raise FileTooLargeError(f"{name}: the image is too large (decompression bomb?).") from exc
    text = _ocr_image(image, limits)
    if len(text.strip()) < 3:
        raise NoTextFoundError(f"{name}: no readable text was found in the image.")
    return text


_READERS = {"pdf": _read_pdf, "docx": _read_docx, "image": _read_image}


def _child(conn, kind: str, name: str, data: bytes, limits: ImportLimits) -> None:  # type: ignore[no-untyped-def]
    try:
        conn.send(("ok", _READERS[kind](name, data, limits)))
    except RecordsError as exc:
        conn.send(("err", exc))
    except Exception as exc:  # anything unexpected in a third-party parser = unreadable file
        conn.send(("err", CorruptFileError(f"{name}: the file cannot be read ({type(exc).__name__}).")))
    finally:
        conn.close()


def read_binary(kind: str, name: str, data: bytes, limits: ImportLimits) -> str:
    """Run a PDF/DOCX/image reader in a child process, killed after `limits.timeout_seconds`."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, kind, name, data, limits), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(limits.timeout_seconds):
            raise ProcessingTimeoutError(
                f"{name}: reading took longer than {limits.timeout_seconds:.0f} s and was stopped."
            )
        status, payload = parent.recv()
    except EOFError as exc:
        raise CorruptFileError(f"{name}: the reader crashed on this file.") from exc
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()
    if status == "err":
        raise payload
    return str(payload)
