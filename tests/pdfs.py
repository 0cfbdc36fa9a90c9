"""The platform's PDFs read back as a reader and a person get them: poppler's `pdfinfo` for what a PDF
reader reports (tagged, title, page size), pypdf for the catalogue, the structure tree and the XMP
metadata, `pdftoppm` for what the pages look like.

`assert_accessible_pdf` is the check every generated PDF passes: tagged (PDF/UA-1), in French, with
a title shown in the reader's title bar and written in the XMP metadata.
"""

import io
import subprocess
import tempfile
from pathlib import Path

from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject, IndirectObject

from tests.external import program


def pdfinfo(data):
    """{field: value} of `pdfinfo` on the PDF `data` (Title, Tagged, Pages, Page size...)."""
    binary = program("pdfinfo")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()
        out = subprocess.run([binary, file.name], capture_output=True, text=True, check=True, timeout=60).stdout
    return dict((part.strip() for part in line.split(":", 1)) for line in out.splitlines() if ":" in line)


def text(data):
    """The text of every page, words separated by single spaces (lines may break a sentence)."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def structure_tags(data):
    """The structure types of the tagged PDF's tree, depth first, in reading order (["Document",
    "Part", "H1", ...]), with the alternative text of each Figure as ("Figure", alt)."""
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    tags = []

    def walk(node):
        node = node.get_object() if isinstance(node, IndirectObject) else node
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, DictionaryObject) and "/S" in node:
            kind = str(node["/S"])[1:]
            tags.append((kind, str(node.get("/Alt", ""))) if kind == "Figure" else kind)
            walk(node.get("/K", ArrayObject()))

    walk(root["/StructTreeRoot"]["/K"])
    return tags


def assert_accessible_pdf(data, *, title):
    """A tagged PDF (PDF/UA-1), in French, titled `title` in its document information, its XMP
    metadata and the reader's title bar, with headings that start at H1 and never skip a level,
    an alternative text on every figure, a scope on every table header cell and the header cells
    that data cells name found in the structure tree's id tree."""
    info = pdfinfo(data)
    assert info["Tagged"] == "yes", info
    assert info["Metadata Stream"] == "yes", info
    assert info["Title"] == title, info
    assert info["Page size"].endswith("(A4)"), info

    reader = PdfReader(io.BytesIO(data))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "fr"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    assert reader.metadata.title == title
    assert reader.xmp_metadata.dc_title == {"x-default": title}
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp, "no PDF/UA-1 identification in the XMP metadata"

    tags = structure_tags(data)
    levels = [int(tag[1]) for tag in tags if isinstance(tag, str) and len(tag) == 2 and tag[0] == "H"]
    assert levels and levels[0] == 1, tags
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:], strict=False)), levels
    figures = [alt for tag in tags if isinstance(tag, tuple) for alt in tag[1:]]
    assert all(figures), "a figure has no alternative text"
    scopes, unresolved = table_headers(data)
    assert all(scope in ("/Row", "/Column") for scope in scopes), scopes
    assert not unresolved, f"data cells name headers missing from the /IDTree: {unresolved}"
    return info


def table_headers(data):
    """The /Scope of every header cell (TH), and the header ids that data cells (TD) name in
    /Headers but the structure tree's /IDTree does not resolve to a TH."""
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]["/StructTreeRoot"]
    names = root.get("/IDTree", DictionaryObject()).get("/Names", ArrayObject())
    ids = {str(key): value.get_object()["/S"] for key, value in zip(names[::2], names[1::2], strict=True)}
    scopes, unresolved = [], []

    def walk(node):
        node = node.get_object() if isinstance(node, IndirectObject) else node
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, DictionaryObject) and "/S" in node:
            attributes = node.get("/A", DictionaryObject())
            if node["/S"] == "/TH":
                scopes.append(attributes.get("/Scope"))
            elif node["/S"] == "/TD":
                unresolved.extend(str(key) for key in attributes.get("/Headers", ()) if ids.get(str(key)) != "/TH")
            walk(node.get("/K", ArrayObject()))

    walk(root["/K"])
    return scopes, unresolved


def page_images(data, *, resolution=50):
    """Each page as `pdftoppm` draws it, as a grayscale Pillow image."""
    binary = program("pdftoppm")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(data)
        subprocess.run([binary, "-png", "-r", str(resolution), source, Path(folder) / "page"], check=True, timeout=60)
        images = []
        for path in sorted(Path(folder).glob("page-*.png")):
            with Image.open(path) as image:
                images.append(image.convert("L"))
        return images


def ink(image):
    """The share of the page's pixels that are not white (0 for a blank page)."""
    histogram = image.histogram()
    return 1 - sum(histogram[240:]) / sum(histogram)
